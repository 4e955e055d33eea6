package io.javalived.vrrp.track;

/**
 * How one tracked object (interface, script) moves the priority. Weight 0: down means FAULT. Positive:
 * added while up. Negative: added (so subtracted) while down. {@code reverse} swaps up and down.
 */
public record TrackerWeight(int weight, boolean reverse) {
    public static final TrackerWeight FAULT_WHEN_DOWN = new TrackerWeight(0, false);

    public TrackerWeight {
        if (weight < -254 || weight > 254) throw new IllegalArgumentException("weight " + weight + " outside -254..254");
    }

    public TrackerWeight withReverse(boolean r) {
        return new TrackerWeight(weight, r);
    }

    /** What this tracker adds to the priority when the object is {@code up}. */
    public int adjustment(boolean up) {
        boolean applies = (weight > 0) == (up != reverse);
        return weight != 0 && applies ? weight : 0;
    }

    /** Whether the object's state puts the instance in FAULT. */
    public boolean faults(boolean up) {
        return weight == 0 && (up == reverse);
    }
}
