package io.javalived.vrrp.track;

import java.util.ArrayList;
import java.util.List;

/**
 * effective = clamp(base + sum of weights, 1, 254); base 255 (the owner) never changes; a weight-0 tracker
 * that is down means FAULT (reference section 2.7, fact 15).
 */
public final class EffectivePriority {
    private EffectivePriority() {}

    public static Health compute(int base, List<TrackedObject> trackers) {
        List<String> faulty = new ArrayList<>();
        int sum = 0;
        for (TrackedObject t : trackers) {
            if (t.weight().faults(t.up())) faulty.add(t.name());
            sum += t.weight().adjustment(t.up());
        }
        int prio = base == 255 ? 255 : Math.clamp((long) base + sum, 1, 254);
        if (!faulty.isEmpty()) {
            return new Health(true, prio, String.join(", ", faulty) + (faulty.size() == 1 ? " is" : " are") + " down");
        }
        return new Health(false, prio, sum == 0 ? "trackers up" : "tracker weights sum to " + sum);
    }
}
