package io.javalived.vrrp.track;

/**
 * How one tracked object (interface, script, process, file) moves the priority, as keepalived 2.2.7 counts it.
 * Weight 0: down means FAULT ({@code reverse}: up means FAULT). Otherwise a positive weight counts while up and a
 * negative one while down; {@code reverse} negates what is counted, not when: {@code weight 10 reverse} takes 10
 * off while up, {@code weight -20 reverse} adds 20 while down (keepalived's weight_multiplier -1; checked on the
 * wire: priority 100 with those two, the first up and the second down, advertises 110).
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
        if (weight == 0 || (weight > 0) != up) return 0;
        return reverse ? -weight : weight;
    }

    /** Whether the object's state puts the instance in FAULT. */
    public boolean faults(boolean up) {
        return weight == 0 && (up == reverse);
    }
}
