package io.javalived.vrrp.track;

/**
 * A weighted up/down tracker's share of the priority as keepalived 2.2.7 counts it for track_process: weight 0
 * faults while down (with {@code reverse}: while up); a positive weight is added while up, a negative one while
 * down, each negated with {@code reverse} (so {@code weight 10 reverse} takes 10 off while up).
 */
public final class KeepalivedWeight {
    private KeepalivedWeight() {}

    public static TrackedObject tracked(String key, boolean up, TrackerWeight weight, String downText) {
        if (weight.weight() == 0) {
            return new TrackedObject(key, TrackerWeight.FAULT_WHEN_DOWN, up != weight.reverse(), false, downText);
        }
        boolean applies = (weight.weight() > 0) == up;
        int amount = applies ? weight.weight() * (weight.reverse() ? -1 : 1) : 0;
        if (amount == 0) return new TrackedObject(key, TrackerWeight.FAULT_WHEN_DOWN, true, false, downText);
        return new TrackedObject(key, new TrackerWeight(amount, false), amount > 0, false, downText);
    }
}
