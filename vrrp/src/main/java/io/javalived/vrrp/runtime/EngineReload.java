package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.SyncGroup;
import io.javalived.vrrp.state.VrrpEvent;
import io.javalived.vrrp.state.VrrpState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reload applied to running instances, one by one; every other instance is not touched at all. New instances
 * start as at startup, removed ones stop as at shutdown, a changed one keeps its state machine and gets its new
 * settings through {@link io.javalived.vrrp.state.VrrpStateMachine#reconfigure}, whose actions (on a MASTER, the
 * VIP difference and its GARPs) the loop performs like any other. Each change runs on the loop thread and is
 * waited for; sockets open and threads stop off it.
 */
final class EngineReload {
    private static final Logger log = LoggerFactory.getLogger(EngineReload.class);

    private final EngineLoop loop;
    private final Platform platform;
    private final ActionPerformer performer;
    private final Function<InstanceConfig, RunningInstance> newInstance;
    private final Runnable requireRunning;

    EngineReload(EngineLoop loop, Platform platform, ActionPerformer performer,
                 Function<InstanceConfig, RunningInstance> newInstance, Runnable requireRunning) {
        this.loop = loop;
        this.platform = platform;
        this.performer = performer;
        this.newInstance = newInstance;
        this.requireRunning = requireRunning;
    }

    /** See {@link VrrpEngine#addInstances}. */
    void add(List<InstanceConfig> configs, Map<String, List<String>> syncGroups, Map<String, Notifies> groupNotifies) {
        Roster running = loop.roster();
        Map<String, RunningInstance> fresh = new LinkedHashMap<>();
        for (InstanceConfig c : configs) {
            if (running.instances().containsKey(c.name()) || fresh.containsKey(c.name())) {
                throw new IllegalArgumentException("instance " + c.name() + " already runs");
            }
            fresh.put(c.name(), newInstance.apply(c));
        }
        for (var g : syncGroups.entrySet()) {
            if (running.groups().containsKey(g.getKey())) {
                throw new IllegalArgumentException("sync group " + g.getKey() + " already runs");
            }
            for (String m : g.getValue()) {
                if (!fresh.containsKey(m)) {
                    throw new IllegalArgumentException("sync group " + g.getKey() + ": member " + m + " is not a new instance");
                }
            }
        }
        var newGroups = Roster.formGroups(syncGroups, fresh, performer::groupChanged);
        requireRunning.run();
        for (RunningInstance i : fresh.values()) i.prepare();
        loop.onLoop(() -> {
            performer.groupsAdded(groupNotifies);
            loop.roster(loop.roster().with(fresh, newGroups));
            for (RunningInstance i : fresh.values()) {
                log.info("({}) added by reload; starting", i.name());
                loop.healthChanged(i);
                loop.dispatch(i, VrrpEvent.START);
            }
            return null;
        });
        fresh.values().forEach(RunningInstance::startReceiving);
    }

    /** See {@link VrrpEngine#removeInstances}. */
    void remove(Collection<String> names) {
        requireRunning.run();
        List<RunningInstance> gone = loop.onLoop(() -> {
            Roster r = loop.roster();
            List<RunningInstance> out = new ArrayList<>();
            for (String n : names) {
                RunningInstance i = r.instance(n);
                if (i == null) throw new IllegalArgumentException("no instance " + n);
                out.add(i);
            }
            List<String> deadGroups = new ArrayList<>();
            for (SyncGroup g : r.groups().values()) {
                if (names.stream().noneMatch(g::contains)) continue;
                for (RunningInstance i : r.instances().values()) {
                    if (g.contains(i.name()) && !names.contains(i.name())) {
                        throw new IllegalArgumentException("sync group " + g.name() + " keeps " + i.name()
                                + ": remove all its members together");
                    }
                }
                deadGroups.add(g.name());
            }
            for (RunningInstance i : out) {
                log.info("({}) removed by reload; stopping", i.name());
                loop.dispatch(i, VrrpEvent.SHUTDOWN);
                i.markRemoved();
            }
            deadGroups.forEach(performer::groupRemoved);
            loop.roster(r.without(out, deadGroups));
            return out;
        });
        gone.forEach(RunningInstance::stop);
    }

    /** See {@link VrrpEngine#updateInstance}. */
    void update(String name, InstanceConfig next) {
        requireRunning.run();
        RunningInstance i = loop.roster().instance(name);
        if (i == null) throw new IllegalArgumentException("no instance " + name);
        InstanceConfig old = i.config();
        if (old.settings().vrid() != next.settings().vrid() || old.family() != next.family()) {
            throw new IllegalArgumentException("(" + name + ") a reload cannot change VRID or family in place");
        }
        if (!old.syncGroup().equals(next.syncGroup()) || (old.syncGroup().isPresent() && !name.equals(next.name()))) {
            throw new IllegalArgumentException("(" + name + ") its sync group changed: restart the group's members");
        }
        if (!name.equals(next.name()) && loop.roster().instances().containsKey(next.name())) {
            throw new IllegalArgumentException("instance " + next.name() + " already runs");
        }
        AdvertSocket oldSocket = i.socket();
        // New or changed VMACs before the socket (it may be bound to one); those gone after the VIPs left them.
        List<Vmac> made = next.vmacs().all().stream().filter(v -> !old.vmacs().all().contains(v)).toList();
        List<Vmac> gone = old.vmacs().all().stream()
                .filter(v -> next.vmacs().all().stream().noneMatch(n -> n.name().equals(v.name()))).toList();
        if (!i.makeVmacs(made)) {
            i.removeVmacs(made.stream().filter(v -> old.vmacs().all().stream().noneMatch(o -> o.name().equals(v.name()))).toList());
            throw new IllegalStateException("(" + name + ") cannot create its VMAC interface; the instance keeps its running configuration");
        }
        AdvertSocket opened = needsNewSocket(old, next) ? open(name, next) : null;
        loop.onLoop(() -> {
            loop.perform(i, i.machine().reconfigure(next.settings(), loop.now()));
            if (i.performed().state() == VrrpState.MASTER) reconcileRouting(next.name(), old.routing(), next.routing());
            i.reconfigure(next, opened);
            i.trackers().reconfigure(next);
            loop.healthChanged(i);
            if (!name.equals(next.name())) {
                loop.roster(loop.roster().renamed(name, i));
                log.info("({}) renamed to {} by reload (state kept)", name, next.name());
            }
            log.info("({}) configuration reloaded; staying {}", next.name(), i.performed().state());
            return null;
        });
        if (opened != null) {
            i.receiver().stop();
            if (oldSocket != null) oldSocket.close();
            i.startReceiving();
        }
        i.removeVmacs(gone);
    }

    /** A MASTER's virtual_routes/virtual_rules after a reload: the ones gone removed, the new ones added. */
    private void reconcileRouting(String name, InstanceRouting old, InstanceRouting next) {
        if (old.equals(next)) return;
        performer.removeRouting(name, new InstanceRouting(
                old.routes().stream().filter(r -> next.routes().stream().noneMatch(n -> n.written().equals(r.written()))).toList(),
                old.rules().stream().filter(r -> next.rules().stream().noneMatch(n -> n.written().equals(r.written()))).toList()));
        performer.installRouting(name, new InstanceRouting(
                next.routes().stream().filter(r -> old.routes().stream().noneMatch(o -> o.written().equals(r.written()))).toList(),
                next.rules().stream().filter(r -> old.rules().stream().noneMatch(o -> o.written().equals(r.written()))).toList()));
    }

    private static boolean needsNewSocket(InstanceConfig old, InstanceConfig next) {
        return !old.advertInterface().equals(next.advertInterface())
                || !old.sourceAddress().equals(next.sourceAddress()) || old.unicast() != next.unicast()
                || !Objects.equals(old.expectations().multicastGroup(), next.expectations().multicastGroup());
    }

    private AdvertSocket open(String name, InstanceConfig next) {
        try {
            return platform.openSocket(next);
        } catch (RuntimeException e) {
            throw new IllegalStateException("(" + name + ") cannot open the VRRP socket on " + next.advertInterface()
                    + ": " + e.getMessage() + "; the instance keeps its running configuration", e);
        }
    }
}
