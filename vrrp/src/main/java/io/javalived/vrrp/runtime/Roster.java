package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.GroupStateChanged;
import io.javalived.vrrp.state.SyncGroup;
import io.javalived.vrrp.state.VrrpStateMachine;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The running instances by name, in order, and the sync groups over their state machines. A value: a reload makes
 * a new one on the loop thread, which the engine then publishes; anyone may read the published one.
 */
record Roster(Map<String, RunningInstance> instances, Map<String, SyncGroup> groups) {
    static final Roster EMPTY = new Roster(Map.of(), Map.of());

    Roster {
        instances = Collections.unmodifiableMap(new LinkedHashMap<>(instances));
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }

    /** The sync groups named in {@code syncGroups} (group name to member names), over members from {@code from}. */
    static Map<String, SyncGroup> formGroups(Map<String, List<String>> syncGroups, Map<String, RunningInstance> from,
                                             Consumer<GroupStateChanged> listener) {
        Map<String, SyncGroup> out = new LinkedHashMap<>();
        for (var g : syncGroups.entrySet()) {
            List<VrrpStateMachine> members = g.getValue().stream().map(n -> from.get(n).machine()).toList();
            out.put(g.getKey(), new SyncGroup(g.getKey(), members, listener));
        }
        return out;
    }

    RunningInstance instance(String name) {
        return instances.get(name);
    }

    /** The sync group {@code i} belongs to, or null. */
    SyncGroup groupOf(RunningInstance i) {
        for (SyncGroup g : groups.values()) if (g.contains(i.name())) return g;
        return null;
    }

    Roster with(Map<String, RunningInstance> more, Map<String, SyncGroup> moreGroups) {
        Map<String, RunningInstance> all = new LinkedHashMap<>(instances);
        all.putAll(more);
        Map<String, SyncGroup> gs = new LinkedHashMap<>(groups);
        gs.putAll(moreGroups);
        return new Roster(all, gs);
    }

    Roster without(Collection<RunningInstance> gone, Collection<String> goneGroups) {
        Map<String, RunningInstance> all = new LinkedHashMap<>(instances);
        gone.forEach(i -> all.remove(i.name()));
        Map<String, SyncGroup> gs = new LinkedHashMap<>(groups);
        goneGroups.forEach(gs::remove);
        return new Roster(all, gs);
    }

    /** {@code i}, running as {@code oldName}, now known as its configuration's name, in the same place. */
    Roster renamed(String oldName, RunningInstance i) {
        Map<String, RunningInstance> all = new LinkedHashMap<>();
        instances.forEach((k, v) -> all.put(k.equals(oldName) ? i.name() : k, v));
        return new Roster(all, groups);
    }
}
