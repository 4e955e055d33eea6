package io.javalived.vrrp.state;

import io.javalived.vrrp.packet.VrrpVersion;
import io.javalived.vrrp.state.VrrpAction.AddVips;
import io.javalived.vrrp.state.VrrpAction.MasterRxLowerPriority;
import io.javalived.vrrp.state.VrrpAction.PriorityChanged;
import io.javalived.vrrp.state.VrrpAction.RemoveVips;
import io.javalived.vrrp.state.VrrpAction.SendAdvert;
import io.javalived.vrrp.state.VrrpAction.SendGarps;
import io.javalived.vrrp.state.VrrpAction.StateChanged;
import io.javalived.vrrp.state.VrrpAction.WaitInInit;
import io.javalived.vrrp.state.VrrpAction.WantMaster;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One VRRP instance's state machine with keepalived's behaviour (reference sections 2.1, 2.2, 7). Pure:
 * {@link #handle} takes an event and the monotonic time in nanoseconds and returns the actions to take; the
 * caller calls it again with {@link VrrpEvent.Tick} at {@link #nextDeadline()}. Not thread-safe: one
 * caller drives it. Time never runs backwards here: an earlier {@code now} counts as the latest seen.
 */
public final class VrrpStateMachine {
    public static final long NEVER = Long.MAX_VALUE;

    private InstanceSettings s;
    private VrrpState state = VrrpState.INIT;
    private int effectivePriority;
    private boolean fault;
    private boolean groupFault;
    /** START has been handled (an instance may still be in INIT after it, waiting for its scripts). */
    private boolean started;
    /** A weight-0 vrrp_script has not reported yet. */
    private boolean initPending;
    private String healthReason = "trackers up";
    private boolean wantMaster;
    private int masterIntervalCentis;
    private InetAddress masterAddress;
    private long now = Long.MIN_VALUE;
    private long downDeadline = NEVER;
    /** vrrp_startup_delay: until then a down timer runs from this moment instead of now (keepalived's delayed start). */
    private long holdUntil = Long.MIN_VALUE;
    private long advertDeadline = NEVER;
    private long garpDelayDeadline = NEVER;
    private long garpRefreshDeadline = NEVER;
    private long preemptDeadline = NEVER;
    private long lowerPrioGarpDeadline = NEVER;
    /** As MASTER, lower-priority adverts are answered once per advert interval (forged ones can come by the 10,000). */
    private long lowerPrioQuietUntil = Long.MIN_VALUE;
    private final VipRestores restores = new VipRestores();
    private List<VrrpAction> out;

    public VrrpStateMachine(InstanceSettings settings) {
        this.s = settings;
        this.effectivePriority = settings.basePriority();
        this.masterIntervalCentis = settings.intervalCentis();
    }

    /**
     * vrrp_startup_delay (keepalived's delayed start): until {@code nanos}, a BACKUP's down timer runs from
     * {@code nanos} instead of from now, so no instance becomes MASTER before the delay and then its
     * Master_Down_Interval (an address owner: before the delay) have passed; adverts are received and heard
     * meanwhile. Call before START.
     */
    public void holdUntil(long nanos) {
        holdUntil = nanos;
    }

    /** The down timer's deadline {@code micros} from now, or from the end of the startup delay while it lasts. */
    private long downAfter(long micros) {
        return Math.max(now, holdUntil) + micros * 1000;
    }

    public InstanceSettings settings() {
        return s;
    }

    public VrrpState state() {
        return state;
    }

    public int effectivePriority() {
        return effectivePriority;
    }

    /** The priority that sets skew: 255 for the owner, else the effective priority. */
    public int skewPriority() {
        return s.owner() ? 255 : effectivePriority;
    }

    public int masterIntervalCentis() {
        return masterIntervalCentis;
    }

    public InetAddress masterAddress() {
        return masterAddress;
    }

    public boolean wantsMaster() {
        return wantMaster;
    }

    public boolean faulty() {
        return fault;
    }

    /** The earliest time a timer is due ({@link #NEVER} if none). */
    public long nextDeadline() {
        return Math.min(Math.min(Math.min(downDeadline, advertDeadline), Math.min(garpDelayDeadline, garpRefreshDeadline)),
                Math.min(lowerPrioGarpDeadline, restores.nextDeadline()));
    }

    public long downDeadline() {
        return downDeadline;
    }

    /** Master_Down_Interval right now, in microseconds. */
    public long masterDownMicros() {
        return Timing.masterDownMicros(s.version(), skewPriority(), masterIntervalCentis, s.downTimerAdverts());
    }

    public long skewMicros() {
        return Timing.skewMicros(s.version(), skewPriority(), masterIntervalCentis);
    }

    public List<VrrpAction> handle(VrrpEvent event, long nowNanos) {
        now = Math.max(now, nowNanos);
        out = new ArrayList<>(4);
        if (state == VrrpState.STOP) {
            return List.of();
        }
        switch (event) {
            case VrrpEvent.Start st -> start();
            case VrrpEvent.Shutdown sd -> shutdown();
            case VrrpEvent.Tick t -> tick();
            case VrrpEvent.AdvertReceived a -> advert(a);
            case VrrpEvent.HealthChanged h -> health(h);
            case VrrpEvent.VipMissing vm -> {
                if (state == VrrpState.MASTER && s.vips().contains(vm.vip())) {
                    out.addAll(restores.deleted(vm.vip(), now, s.garp().repeat()));
                }
            }
            case VrrpEvent.GroupPromote gp -> {
                if (state == VrrpState.BACKUP) toMaster("every sync group member wants MASTER");
            }
            case VrrpEvent.GroupDemote gd -> {
                if (state == VrrpState.MASTER) toBackup("sync group: " + gd.reason());
            }
            case VrrpEvent.GroupFault gf -> groupFault(gf);
            case VrrpEvent.GroupLowerPriority gl -> {
                if (state == VrrpState.MASTER) lowerPriorityGarps();
            }
        }
        return List.copyOf(out);
    }

    /**
     * A reload changed this instance's settings (same VRID and family): the state is kept, the new settings
     * apply from now on. A MASTER advertises at once (its next advert is due now; keepalived sends one on
     * reload) and runs its timers at the new advert_int; a BACKUP keeps its down timer, which the next advert
     * from the master recomputes. The effective priority follows with the next {@link VrrpEvent.HealthChanged}.
     * Returns a MASTER's VIP difference as actions ({@link VrrpAction#vipsReloaded}); the advert is left to the
     * next {@link VrrpEvent.Tick}.
     */
    public List<VrrpAction> reconfigure(InstanceSettings next, long nowNanos) {
        if (next.vrid() != s.vrid()) {
            throw new IllegalArgumentException("a reload cannot change VRID " + s.vrid() + " to " + next.vrid()
                    + " of one instance");
        }
        now = Math.max(now, nowNanos);
        List<VrrpAction> actions = state == VrrpState.MASTER
                ? VrrpAction.vipsReloaded(s.vips(), next.vips(), next.garp().repeat()) : List.of();
        s = next;
        if (state == VrrpState.MASTER) {
            masterIntervalCentis = s.intervalCentis();
            advertDeadline = now;
            garpRefreshDeadline = s.garp().refresh().isZero() ? NEVER
                    : Math.min(garpRefreshDeadline, now + s.garp().refresh().toNanos());
        } else if (masterAddress == null || s.version() == VrrpVersion.V2) {
            masterIntervalCentis = s.intervalCentis();
        }
        return actions;
    }

    private void start() {
        if (state != VrrpState.INIT || started) return;
        started = true;
        out.add(new RemoveVips(s.vips()));
        if (fault || groupFault) {
            toFault(fault ? "fault at start: " + healthReason : "sync group member in FAULT at start");
        } else if (initPending) {
            out.add(new WaitInInit(healthReason));
        } else {
            leaveInit("start");
        }
    }

    /** INIT to BACKUP (or MASTER for an address owner), once started with no fault and no init-pending script. */
    private void leaveInit(String why) {
        if (s.owner() && s.wantMaster() && now < holdUntil) {
            // keepalived: the owner becomes MASTER through BACKUP with a 1 us down timer, which the delay postpones
            toBackup("address owner (priority 255) waits for vrrp_startup_delay");
            downDeadline = holdUntil;
        } else if (s.owner() && s.wantMaster()) {
            toMaster("address owner (priority 255) starts as MASTER" + (why.equals("start") ? "" : " (" + why + ")"));
        } else {
            toBackup(s.wantMaster() ? why + ": state MASTER below priority 255 waits Master_Down_Interval" : why);
        }
    }

    private void shutdown() {
        VrrpState from = state;
        if (state == VrrpState.MASTER) {
            out.add(new SendAdvert(0));
            out.add(new RemoveVips(s.vips()));
        }
        cancelTimers();
        state = VrrpState.STOP;
        out.add(new StateChanged(from, VrrpState.STOP, "shutdown"));
    }

    private void tick() {
        if (state == VrrpState.BACKUP && downDeadline <= now) {
            if (s.syncGroupMember()) {
                wantMaster = true;
                downDeadline = downAfter(masterDownMicros());
                out.add(new WantMaster());
            } else {
                toMaster(masterAddress == null ? "no advert within Master_Down_Interval"
                        : "master " + masterAddress.getHostAddress() + " silent for Master_Down_Interval");
            }
            return;
        }
        if (state != VrrpState.MASTER) return;
        if (advertDeadline <= now) {
            out.add(new SendAdvert(effectivePriority));
            advertDeadline = now + Timing.centisToMicros(s.intervalCentis()) * 1000;
        }
        if (garpDelayDeadline <= now) {
            out.add(new SendGarps(s.garp().repeat(), s.vips()));
            garpDelayDeadline = NEVER;
        }
        if (garpRefreshDeadline <= now) {
            out.add(new SendGarps(s.garp().refreshRepeat(), s.vips()));
            garpRefreshDeadline = now + s.garp().refresh().toNanos();
        }
        if (lowerPrioGarpDeadline <= now) {
            out.add(new SendGarps(s.garp().lowerPrioRepeat(), s.vips()));
            lowerPrioGarpDeadline = NEVER;
        }
        if (restores.nextDeadline() <= now) out.addAll(restores.due(now, s.vips(), s.garp().repeat()));
    }

    /**
     * garp_lower_prio_repeat GARPs per VIP now and, after garp_lower_prio_delay, once more (one delayed batch
     * pending at a time: a second lower-priority advert before it fires does not add another).
     */
    private void lowerPriorityGarps() {
        if (s.garp().lowerPrioRepeat() == 0) return;
        out.add(new SendGarps(s.garp().lowerPrioRepeat(), s.vips()));
        if (!s.garp().lowerPrioDelay().isZero() && lowerPrioGarpDeadline == NEVER) {
            lowerPrioGarpDeadline = now + s.garp().lowerPrioDelay().toNanos();
        }
    }

    private void advert(VrrpEvent.AdvertReceived a) {
        int prio = a.priority();
        switch (state) {
            case BACKUP -> {
                if (prio == 0) {
                    downDeadline = downAfter(skewMicros());
                    return;
                }
                boolean preemptDelayRunning = !s.preemptDelay().isZero() && (preemptDeadline == NEVER || preemptDeadline > now);
                if (s.nopreempt() || prio >= effectivePriority || preemptDelayRunning) {
                    if (s.version() == VrrpVersion.V3 && a.intervalCentis() > 0) {
                        masterIntervalCentis = a.intervalCentis();
                    }
                    masterAddress = a.source();
                    wantMaster = false;
                    downDeadline = downAfter(masterDownMicros());
                    if (!s.preemptDelay().isZero()) {
                        if (prio >= effectivePriority) {
                            preemptDeadline = NEVER;
                        } else if (preemptDeadline == NEVER) {
                            preemptDeadline = now + s.preemptDelay().toNanos();
                        }
                    }
                }
                // Lower priority and preemption allowed: discard; the down timer keeps running.
            }
            case MASTER -> {
                if (prio == 0) {
                    out.add(new SendAdvert(effectivePriority));
                    advertDeadline = now + Timing.centisToMicros(s.intervalCentis()) * 1000;
                    return;
                }
                if (a.source().equals(s.primaryAddress())) return; // our own advert looped back
                int cmp = Integer.compare(prio, effectivePriority);
                if (cmp == 0) cmp = compareAddresses(a.source(), s.primaryAddress());
                if (cmp > 0) {
                    if (s.higherPrioSendAdvert()) out.add(new SendAdvert(effectivePriority));
                    if (s.version() == VrrpVersion.V3 && a.intervalCentis() > 0) masterIntervalCentis = a.intervalCentis();
                    masterAddress = a.source();
                    toBackup("higher priority advert (" + prio + " from " + a.source().getHostAddress()
                            + ", ours " + effectivePriority + ")");
                } else if (now >= lowerPrioQuietUntil) {
                    // keepalived's order: re-advertise (unless lower_prio_no_advert), the garp_lower_prio batch,
                    // then the MASTER_RX_LOWER_PRI notifies. keepalived answers every one; a flood is answered once
                    // per interval, so it cannot become a flood of adverts, GARPs, log lines and notify scripts.
                    if (!s.lowerPrioNoAdvert()) out.add(new SendAdvert(effectivePriority));
                    lowerPriorityGarps();
                    out.add(new MasterRxLowerPriority(a.source(), prio));
                    lowerPrioQuietUntil = now + Timing.centisToMicros(s.intervalCentis()) * 1000;
                }
            }
            default -> { } // INIT and FAULT ignore adverts
        }
    }

    private void health(VrrpEvent.HealthChanged h) {
        int newPrio = s.owner() ? InstanceSettings.OWNER_PRIORITY : h.effectivePriority();
        if (newPrio != effectivePriority) {
            long downBefore = masterDownMicros();
            out.add(new PriorityChanged(effectivePriority, newPrio));
            effectivePriority = newPrio;
            if (state == VrrpState.BACKUP && downDeadline != NEVER) {
                // Skew depends on the priority: keepalived moves the running down timer by the change in
                // Master_Down_Interval (vrrp_set_effective_priority), it does not wait for the next advert.
                downDeadline += (masterDownMicros() - downBefore) * 1000;
            }
        }
        boolean wasFault = fault || groupFault;
        fault = h.fault();
        initPending = h.initPending();
        healthReason = h.reason();
        if (state == VrrpState.INIT) {
            if (!started) return;
            if (fault || groupFault) {
                toFault(fault ? h.reason() : "sync group member in FAULT");
            } else if (!initPending) {
                leaveInit("start, tracked vrrp_scripts have reported");
            }
            return;
        }
        if (!wasFault && fault) {
            toFault(h.reason());
        } else if (!fault && !groupFault && !initPending && state == VrrpState.FAULT) {
            leaveFault(h.reason());
        }
    }

    private void groupFault(VrrpEvent.GroupFault g) {
        groupFault = g.fault();
        if (state == VrrpState.INIT && !started) return;
        if (groupFault && state != VrrpState.FAULT) {
            toFault("sync group: " + g.reason());
        } else if (!groupFault && !fault && !initPending && state == VrrpState.FAULT) {
            leaveFault("sync group: " + g.reason());
        }
    }

    private void leaveFault(String reason) {
        if (s.owner() && s.wantMaster()) {
            toMaster("fault cleared (" + reason + "), address owner");
        } else {
            toBackup("fault cleared (" + reason + ")");
        }
    }

    private void toMaster(String reason) {
        VrrpState from = state;
        cancelTimers();
        state = VrrpState.MASTER;
        wantMaster = false;
        masterIntervalCentis = s.intervalCentis();
        masterAddress = s.primaryAddress();
        // keepalived's order (vrrp_state_master_tx): the VIPs first, then the advert, so the address is
        // already in place when the old master and the backups hear the new master.
        out.add(new AddVips(s.vips()));
        out.add(new SendAdvert(effectivePriority));
        if (s.garp().repeat() > 0) out.add(new SendGarps(s.garp().repeat(), s.vips()));
        advertDeadline = now + Timing.centisToMicros(s.intervalCentis()) * 1000;
        if (!s.garp().delay().isZero() && s.garp().repeat() > 0) garpDelayDeadline = now + s.garp().delay().toNanos();
        if (!s.garp().refresh().isZero()) garpRefreshDeadline = now + s.garp().refresh().toNanos();
        out.add(new StateChanged(from, VrrpState.MASTER, reason));
    }

    private void toBackup(String reason) {
        VrrpState from = state;
        cancelTimers();
        if (from == VrrpState.MASTER) out.add(new RemoveVips(s.vips()));
        if (from != VrrpState.MASTER) masterIntervalCentis = s.intervalCentis();
        state = VrrpState.BACKUP;
        wantMaster = false;
        downDeadline = downAfter(masterDownMicros());
        out.add(new StateChanged(from, VrrpState.BACKUP, reason));
    }

    private void toFault(String reason) {
        VrrpState from = state;
        if (from == VrrpState.MASTER) {
            out.add(new SendAdvert(0));
            out.add(new RemoveVips(s.vips()));
        }
        cancelTimers();
        state = VrrpState.FAULT;
        wantMaster = false;
        masterAddress = null;
        out.add(new StateChanged(from, VrrpState.FAULT, reason));
    }

    private void cancelTimers() {
        downDeadline = advertDeadline = garpDelayDeadline = garpRefreshDeadline = preemptDeadline = lowerPrioGarpDeadline = NEVER;
        lowerPrioQuietUntil = Long.MIN_VALUE;
        restores.clear();
    }

    /** Numeric comparison of two addresses of one family (fact 9: the higher source address wins a tie). */
    public static int compareAddresses(InetAddress a, InetAddress b) {
        return Arrays.compareUnsigned(a.getAddress(), b.getAddress());
    }
}
