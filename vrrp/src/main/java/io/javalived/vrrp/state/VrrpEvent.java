package io.javalived.vrrp.state;

import java.net.InetAddress;

/** What can happen to an instance. Time comes separately, with each event. */
public sealed interface VrrpEvent {

    /** The instance starts (from INIT). */
    record Start() implements VrrpEvent {}

    /** Graceful stop (SIGTERM): a master sends priority 0 and removes its VIPs. */
    record Shutdown() implements VrrpEvent {}

    /** Time passed: fire whatever timers are due. */
    record Tick() implements VrrpEvent {}

    /** A valid advert (already through the receive checks). */
    record AdvertReceived(InetAddress source, int priority, int intervalCentis) implements VrrpEvent {}

    /**
     * Trackers changed: a weight-0 tracker (or interface) down means fault; else the effective priority.
     * {@code initPending}: a weight-0 vrrp_script has not reported yet, so a started instance waits in INIT
     * (keepalived's "init-pending scripts").
     */
    record HealthChanged(boolean fault, int effectivePriority, String reason, boolean initPending) implements VrrpEvent {
        public HealthChanged(boolean fault, int effectivePriority, String reason) {
            this(fault, effectivePriority, reason, false);
        }
    }

    /**
     * One of the instance's VIPs is no longer on its interface, and the engine did not remove it (an
     * {@code ip addr del} from outside, seen as the kernel's RTM_DELADDR). A MASTER puts it back (rate-limited); any
     * other state ignores it.
     */
    record VipMissing(Vip vip) implements VrrpEvent {}

    /** Sync group: every member wants MASTER, go. */
    record GroupPromote() implements VrrpEvent {}

    /** Sync group: a member fell back to BACKUP; a MASTER follows it. */
    record GroupDemote(String reason) implements VrrpEvent {}

    /** Sync group: another member, as MASTER, heard a lower-priority advert: a MASTER sends its garp_lower_prio batch too. */
    record GroupLowerPriority() implements VrrpEvent {}

    /** Sync group: a member is in FAULT (true) or every member's fault cleared (false). */
    record GroupFault(boolean fault, String reason) implements VrrpEvent {}

    Start START = new Start();
    Shutdown SHUTDOWN = new Shutdown();
    Tick TICK = new Tick();
}
