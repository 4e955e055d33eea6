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

    /** Updates one tracker; returns true if it existed and changed. */
    public synchronized boolean set(String key, boolean up) {
        TrackedObject t = objects.get(key);
        if (t == null || t.up() == up) return false;
        objects.put(key, new TrackedObject(key, t.weight(), up));
        return true;
    }

    public synchronized boolean tracks(String key) {
        return objects.containsKey(key);
    }

    public synchronized Health health() {
        return EffectivePriority.compute(basePriority, List.copyOf(objects.values()));
    }
}
