package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.GroupStateChanged;
import io.javalived.vrrp.state.Vip;
import io.javalived.vrrp.state.VrrpAction;
import io.javalived.vrrp.state.VrrpState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the state machines' {@link VrrpAction}s become side effects, through the {@link Platform}:
 * adverts on the instance's socket, VIPs through {@link VipManager}, gratuitous ARPs/NAs through
 * {@link Announcer}, notify scripts and FIFO lines through {@link NotifyDispatcher}, {@link StateListener}s, and
 * the log line and counters of each. Called on the loop thread only, in the order the actions came. A failed side effect is
 * logged and the next action still runs.
 */
final class ActionPerformer {
    private static final Logger log = LoggerFactory.getLogger(ActionPerformer.class);

    private final Platform platform;
    private final NotifyDispatcher notifier;
    private final LongSupplier clock;
    private final Map<String, Notifies> groupNotifies = new ConcurrentHashMap<>();
    private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
    /** vrrp_garp_interval / vrrp_gna_interval spacing in front of the platform's announcer. */
    private final PacedAnnouncer announcer;

    ActionPerformer(Platform platform, NotifyDispatcher notifier, Map<String, Notifies> groupNotifies) {
        this.platform = platform;
        this.notifier = notifier;
        this.clock = platform.clock();
        this.announcer = new PacedAnnouncer(platform::announcer, clock);
        this.groupNotifies.putAll(groupNotifies);
    }

    /** Sync groups added (their notify scripts) or removed by a reload. */
    void groupsAdded(Map<String, Notifies> notifies) {
        groupNotifies.putAll(notifies);
    }

    void groupRemoved(String group) {
        groupNotifies.remove(group);
    }

    /** vrrp_garp_interval and vrrp_gna_interval: the least time between two GARPs (NAs) on one interface. */
    void announceIntervals(java.time.Duration garp, java.time.Duration gna) {
        announcer.intervals(garp, gna);
    }

    /** Stops the pacer's timer (announcements still waiting are dropped). */
    void close() {
        announcer.close();
    }

    void addListener(StateListener l) {
        listeners.add(l);
    }

    void perform(RunningInstance i, VrrpAction a) {
        String name = i.name();
        switch (a) {
            case VrrpAction.SendAdvert sa -> sendAdvert(i, sa.priority());
            case VrrpAction.AddVips av -> {
                if (i.config().dropsVipTraffic()) firewall(name, true, av.vips());
                for (Vip v : av.vips()) {
                    try {
                        platform.vips().add(v);
                        if (av.byReload()) log.info("({}) VIP {} added by reload", name, v);
                    } catch (RuntimeException e) {
                        log.error("({}) cannot add VIP {}: {}", name, v, e.getMessage());
                    }
                }
                if (!av.byReload()) log.info("({}) VIPs set: {}", name, av.vips());
            }
            case VrrpAction.RemoveVips rv -> {
                for (Vip v : rv.vips()) {
                    try {
                        platform.vips().remove(v);
                        if (rv.byReload()) log.info("({}) VIP {} removed by reload", name, v);
                    } catch (RuntimeException e) {
                        log.error("({}) cannot remove VIP {}: {}", name, v, e.getMessage());
                    }
                }
                if (i.config().dropsVipTraffic()) firewall(name, false, rv.vips());
            }
            case VrrpAction.SendGarps g -> {
                for (Vip v : g.vips()) {
                    try {
                        announcer.announce(v, g.repeat());
                    } catch (RuntimeException e) {
                        log.warn("({}) gratuitous ARP/NA for {} not sent: {}", name, v, e.getMessage());
                    }
                }
            }
            case VrrpAction.RestoreVip r -> restore(i, r);
            case VrrpAction.RestoreDeferred d -> log.warn("({}) VIP {} was deleted from outside again; restoring it in "
                    + "{} s (rate limit: something keeps deleting it)", name, d.vip(), String.format(java.util.Locale.ROOT,
                    "%.1f", d.inNanos() / 1e9));
            case VrrpAction.StateChanged sc -> {
                var t = new StateTransition(sc.from(), sc.to(), sc.reason(), clock.getAsLong());
                i.performed(i.performed().entered(t, i.machine().masterAddress()));
                i.counters().stateChanged(sc.from(), sc.to());
                i.receiver().forgetLogged();
                log.info("({}) Entering {} STATE (from {}): {}", name, sc.to(), sc.from(), sc.reason());
                if (sc.to() == VrrpState.MASTER) installRouting(name, i.config().routing());
                else if (sc.from() == VrrpState.MASTER) removeRouting(name, i.config().routing());
                notifier.instanceChanged(name, i.config().notifies(), sc.to(), i.machine().effectivePriority());
                for (StateListener l : listeners) {
                    try {
                        l.stateChanged(name, sc.from(), sc.to());
                    } catch (RuntimeException e) {
                        log.error("({}) state listener failed: {}", name, e.toString());
                    }
                }
            }
            case VrrpAction.PriorityChanged pc -> {
                i.performed(i.performed().withPriority(pc.to()));
                log.info("({}) Changing effective priority from {} to {}", name, pc.from(), pc.to());
                if (i.config().notifyPriorityChanges()) notifier.priorityChanged(name, i.performed().state(), pc.to());
            }
            case VrrpAction.WantMaster w ->
                    log.info("({}) Master_Down_Interval expired; waiting for the rest of its sync group", name);
            case VrrpAction.MasterRxLowerPriority lp -> {
                log.info("({}) Received advert from {} with lower priority {}, ours {}{}", name,
                        lp.source().getHostAddress(), lp.priority(), i.machine().effectivePriority(),
                        i.config().settings().lowerPrioNoAdvert() ? "" : ", forcing new election");
                notifier.masterRxLowerPriority(name, i.config().notifies(), i.machine().effectivePriority());
            }
            case VrrpAction.WaitInInit w -> log.info("({}) staying in INIT: {}", name, w.reason());
        }
    }

    /** virtual_routes then virtual_rules, after the VIPs (a route may use one as its source), as keepalived orders them. */
    void installRouting(String name, InstanceRouting r) {
        for (var route : r.routes()) {
            try {
                platform.routing().add(route);
                log.info("({}) route added: {}", name, route.written());
            } catch (RuntimeException e) {
                log.error("({}) cannot add route '{}' ({}): {}", name, route.written(), route.location(), e.getMessage());
            }
        }
        for (var rule : r.rules()) {
            try {
                platform.routing().add(rule);
                log.info("({}) rule added: {}", name, rule.written());
            } catch (RuntimeException e) {
                log.error("({}) cannot add rule '{}' ({}): {}", name, rule.written(), rule.location(), e.getMessage());
            }
        }
    }

    /** virtual_rules then virtual_routes, as keepalived removes them on leaving MASTER. */
    void removeRouting(String name, InstanceRouting r) {
        for (var rule : r.rules()) {
            try {
                platform.routing().remove(rule);
                log.info("({}) rule removed: {}", name, rule.written());
            } catch (RuntimeException e) {
                log.error("({}) cannot remove rule '{}': {}", name, rule.written(), e.getMessage());
            }
        }
        for (var route : r.routes()) {
            try {
                platform.routing().remove(route);
                log.info("({}) route removed: {}", name, route.written());
            } catch (RuntimeException e) {
                log.error("({}) cannot remove route '{}': {}", name, route.written(), e.getMessage());
            }
        }
    }

    /**
     * keepalived's order: the drop rule is set before the VIPs are added and removed after they are removed, so a
     * VIP never answers while the instance is MASTER without accept mode. A failure is logged; the VIPs still go.
     */
    private void firewall(String name, boolean block, List<Vip> vips) {
        List<java.net.InetAddress> addresses = vips.stream().map(Vip::address).toList();
        try {
            if (block) {
                platform.firewall().block(addresses);
            } else {
                platform.firewall().unblock(addresses);
            }
            log.info("({}) {} firewall drop rule", name, block ? "setting" : "removing");
        } catch (RuntimeException e) {
            log.error("({}) cannot {} the firewall drop rule for {}: {}", name, block ? "set" : "remove", addresses,
                    e.getMessage());
        }
    }

    /** A VIP deleted from outside put back: one line naming it and its interface as it is now, then its GARPs/NAs. */
    private void restore(RunningInstance i, VrrpAction.RestoreVip r) {
        Vip v = r.vip();
        String dev = i.trackers().currentName(v.device());
        String where = v.address().getHostAddress() + "/" + v.prefixLength() + " on " + dev
                + (dev.equals(v.device()) ? "" : " (configured as " + v.device() + ")");
        try {
            platform.vips().add(v);
        } catch (RuntimeException e) {
            log.error("({}) VIP {} was deleted from outside and cannot be restored: {}", i.name(), where, e.getMessage());
            return;
        }
        i.counters().vipRestored();
        log.warn("({}) VIP {} was deleted from outside; restored it, still MASTER{}", i.name(), where,
                r.repeatNote().isEmpty() ? "" : " (" + r.repeatNote() + ")");
        if (r.garpRepeat() > 0) {
            try {
                announcer.announce(v, r.garpRepeat());
            } catch (RuntimeException e) {
                log.warn("({}) gratuitous ARP/NA for {} not sent: {}", i.name(), v, e.getMessage());
            }
        }
    }

    private void sendAdvert(RunningInstance i, int priority) {
        AdvertSocket socket = i.socket();
        if (socket == null) return;
        for (AdvertBuilder.Outgoing o : i.builder().build(priority)) {
            try {
                socket.send(o.destination(), o.bytes());
                i.counters().advertSent(priority);
            } catch (RuntimeException e) {
                log.warn("({}) advert to {} not sent: {}", i.name(), o.destination().getHostAddress(), e.getMessage());
            }
        }
    }

    /** A sync group's own state change: its log line and notifies. */
    void groupChanged(GroupStateChanged g) {
        log.info("VRRP_Group({}) Syncing instances to {} state", g.group(), g.state());
        Notifies n = groupNotifies.get(g.group());
        if (n != null) notifier.groupChanged(g.group(), n, g.state());
        for (StateListener l : listeners) {
            try {
                l.groupStateChanged(g.group(), g.state());
            } catch (RuntimeException e) {
                log.error("VRRP_Group({}) state listener failed: {}", g.group(), e.toString());
            }
        }
    }
}
