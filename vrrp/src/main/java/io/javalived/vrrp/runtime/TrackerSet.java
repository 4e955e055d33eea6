package io.javalived.vrrp.runtime;

import io.javalived.vrrp.track.EffectivePriority;
import io.javalived.vrrp.track.Health;
import io.javalived.vrrp.track.TrackedObject;
import io.javalived.vrrp.track.TrackerWeight;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The current up/down state of one instance's trackers and the health they make. Thread-safe. */
public final class TrackerSet {
    private final int basePriority;
    private final Map<String, TrackedObject> objects = new LinkedHashMap<>();

    public TrackerSet(int basePriority) {
        this.basePriority = basePriority;
    }

    public synchronized void add(String key, TrackerWeight weight, boolean up) {
        objects.put(key, new TrackedObject(key, weight, up));
    }

    /** A tracker that has not reported yet (a vrrp_script before its first result). */
    public synchronized void addPending(String key, TrackerWeight weight) {
        objects.put(key, TrackedObject.pending(key, weight));
    }

    /** A condition that faults the instance while it does not hold; {@code downText} is the fault's reason. */
    public synchronized void addCondition(String key, boolean holds, String downText) {
        objects.put(key, new TrackedObject(key, TrackerWeight.FAULT_WHEN_DOWN, holds, false, downText));
    }

    /** Updates one tracker; returns true if it existed and changed (a first report always changes it). */
    public synchronized boolean set(String key, boolean up) {
        TrackedObject t = objects.get(key);
        if (t == null || (!t.pending() && t.up() == up)) return false;
        objects.put(key, t.reported(up));
        return true;
    }

    /** Puts {@code object} in the place of the tracker of its name; returns true if that changed anything. */
    public synchronized boolean put(TrackedObject object) {
        TrackedObject before = objects.put(object.name(), object);
        return !object.equals(before);
    }

    public synchronized boolean tracks(String key) {
        return objects.containsKey(key);
    }

    public synchronized Health health() {
        return EffectivePriority.compute(basePriority, List.copyOf(objects.values()));
    }
}
