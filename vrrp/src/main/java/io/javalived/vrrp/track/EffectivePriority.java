package io.javalived.vrrp.track;

import java.util.ArrayList;
import java.util.List;

/**
 * effective = clamp(base + sum of weights, 1, 254); base 255 (the owner) never changes; a weight-0 tracker
 * that is down means FAULT (reference section 2.7, fact 15). A tracker that has not reported yet counts neither
 * way; a weight-0 one is named in {@link Health#initPending()} (keepalived keeps the instance in INIT for it).
 */
public final class EffectivePriority {
    private EffectivePriority() {}

    public static Health compute(int base, List<TrackedObject> trackers) {
        List<TrackedObject> faulty = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        int sum = 0;
        for (TrackedObject t : trackers) {
            if (t.pending()) {
                if (t.weight().weight() == 0) pending.add(t.name());
                continue;
            }
            if (t.weight().faults(t.up())) faulty.add(t);
            sum += t.weight().adjustment(t.up());
        }
        int prio = base == 255 ? 255 : Math.clamp((long) base + sum, 1, 254);
        if (!faulty.isEmpty()) {
            return new Health(true, prio, faultReason(faulty), pending);
        }
        if (!pending.isEmpty()) {
            return new Health(false, prio, "waiting for the first result of " + String.join(", ", pending), pending);
        }
        return new Health(false, prio, sum == 0 ? "trackers up" : "tracker weights sum to " + sum, pending);
    }

    private static String faultReason(List<TrackedObject> faulty) {
        if (faulty.stream().allMatch(TrackedObject::defaultText)) {
            return String.join(", ", faulty.stream().map(TrackedObject::name).toList())
                    + (faulty.size() == 1 ? " is" : " are") + " down";
        }
        return String.join("; ", faulty.stream().map(TrackedObject::downText).toList());
    }
}
