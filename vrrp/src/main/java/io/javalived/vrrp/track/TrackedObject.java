package io.javalived.vrrp.track;

import java.util.Objects;

/**
 * One tracker as it stands: its name (interface, script, condition), weight and whether it is up.
 *
 * @param pending  it has not reported yet (a vrrp_script before its first result): it neither adds its weight
 *                 nor faults; with weight 0 it holds a starting instance in INIT (keepalived's init-pending scripts)
 * @param downText what a fault says while it is down (default: {@code NAME is down})
 */
public record TrackedObject(String name, TrackerWeight weight, boolean up, boolean pending, String downText) {
    public TrackedObject {
        Objects.requireNonNull(name);
        Objects.requireNonNull(weight);
        Objects.requireNonNull(downText);
    }

    public TrackedObject(String name, TrackerWeight weight, boolean up) {
        this(name, weight, up, false, name + " is down");
    }

    /** A tracker that has not reported yet. */
    public static TrackedObject pending(String name, TrackerWeight weight) {
        return new TrackedObject(name, weight, false, true, name + " is down");
    }

    public TrackedObject reported(boolean nowUp) {
        return new TrackedObject(name, weight, nowUp, false, downText);
    }

    boolean defaultText() {
        return downText.equals(name + " is down");
    }
}
