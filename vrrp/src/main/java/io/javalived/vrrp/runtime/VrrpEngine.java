package io.javalived.vrrp.runtime;

import io.javalived.vrrp.receive.AdvertValidator;
import io.javalived.vrrp.receive.Notice;
import io.javalived.vrrp.receive.ReceiveStatistics;
import io.javalived.vrrp.receive.ReceivedPacket;
import io.javalived.vrrp.receive.Reception;
import io.javalived.vrrp.receive.RejectReason;
import io.javalived.vrrp.state.GroupStateChanged;
import io.javalived.vrrp.state.InstanceSettings;
import io.javalived.vrrp.state.Step;
import io.javalived.vrrp.state.SyncGroup;
import io.javalived.vrrp.state.VrrpAction;
import io.javalived.vrrp.state.VrrpEvent;
import io.javalived.vrrp.state.VrrpState;
import io.javalived.vrrp.state.VrrpStateMachine;
import io.javalived.vrrp.track.Health;
import io.javalived.vrrp.track.ScriptTracker;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs VRRP instances: one loop thread owns every state machine and performs their actions in order (send advert,
 * VIPs, GARPs, logs); one receive thread per instance runs the receive checks and hands accepted adverts to the
 * loop; trackers and notify scripts run elsewhere and never block the loop.
 */
public final class VrrpEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VrrpEngine.class);
    private static final Duration STOP_SCRIPT_TIMEOUT = Duration.ofSeconds(1);

    private final Platform platform;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, SyncGroup> groups = new LinkedHashMap<>();
    private final Map<String, Notifies> groupNotifies;
    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ScheduledExecutorService scriptScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vrrp-scripts");
        t.setDaemon(true);
        return t;
    });
    private final NotifyDispatcher notifier;
    private Thread loop;
    /** Enough calls for the JIT (C1 thresholds are a few hundred calls) to compile the takeover path at start. */
    private static final int WARM_UP_ROUNDS = 300;
    private final AtomicBoolean shutdownPosted = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch shutdownDone = new CountDownLatch(1);
    /** Built (and its lambda linked) up front: the stop path is cold code, and the signal is no time to link it. */
    private final Runnable shutdownStep = () -> {
        if (this.releaseOnStop) {
            for (Instance i : instances.values()) dispatch(i, VrrpEvent.SHUTDOWN);
        } else {
            for (Instance i : instances.values()) {
                log.info("({}) stopping in {} state without releasing: no priority-0 advert, VIPs left in place (--dont-release-vrrp)",
                        i.config.name(), i.state);
            }
        }
        running.set(false);
        shutdownDone.countDown();
    };
    /** keepalived's default; {@link #keepVipsOnStop()} is its -V/--dont-release-vrrp. */
    private volatile boolean releaseOnStop = true;

    private final class Instance {
        final InstanceConfig config;
        final VrrpStateMachine machine;
        final AdvertBuilder builder;
        final ReceiveStatistics stats = new ReceiveStatistics();
        final TrackerSet trackers;
        final Set<RejectReason> loggedReasons = ConcurrentHashMap.newKeySet();
        final Set<Notice> loggedNotices = ConcurrentHashMap.newKeySet();
        final Map<String, ScriptTracker> scripts = new ConcurrentHashMap<>();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong zeroSent = new AtomicLong();
        final AtomicLong becameMaster = new AtomicLong();
        final AtomicLong releasedMaster = new AtomicLong();
        volatile InetAddress currentMaster;
        volatile VrrpState state = VrrpState.INIT;
        volatile int priority;
        volatile StateTransition lastTransition;
        AdvertSocket socket;
        Thread receiver;
        Health lastHealth;

        Instance(InstanceConfig c) {
            this.config = c;
            this.machine = new VrrpStateMachine(c.settings());
            this.builder = new AdvertBuilder(c, (int) (System.nanoTime() & 0xffff));
            this.trackers = new TrackerSet(c.settings().basePriority());
            this.priority = c.settings().basePriority();
        }
    }

    /**
     * @param syncGroups    group name to member instance names
     * @param groupNotifies group name to its notify scripts
     */
    public VrrpEngine(Platform platform, List<InstanceConfig> configs, Map<String, List<String>> syncGroups,
                      Map<String, Notifies> groupNotifies) {
        this.platform = platform;
        this.groupNotifies = Map.copyOf(groupNotifies);
        this.notifier = new NotifyDispatcher(platform.scripts());
        for (InstanceConfig c : configs) {
            instances.put(c.name(), new Instance(c));
        }
        for (var g : syncGroups.entrySet()) {
            List<VrrpStateMachine> members = g.getValue().stream().map(n -> instances.get(n).machine).toList();
            groups.put(g.getKey(), new SyncGroup(g.getKey(), members, this::groupChanged));
        }
    }

    /** Opens sockets, starts trackers, receive threads and the loop, and starts every instance. */
    public synchronized void start() {
        if (!running.compareAndSet(false, true)) return;
        for (Instance i : instances.values()) {
            setUpTrackers(i);
            try {
                i.socket = platform.openSocket(i.config);
            } catch (RuntimeException e) {
                log.error("({}) cannot open the VRRP socket on {}: {}; the instance stays in FAULT", i.config.name(),
                        i.config.interfaceName(), e.getMessage());
                i.trackers.add("socket", io.javalived.vrrp.track.TrackerWeight.FAULT_WHEN_DOWN, false);
            }
        }
        for (Instance i : instances.values()) warmUp(i);
        loop = new Thread(this::runLoop, "vrrp-loop");
        loop.start();
        for (Instance i : instances.values()) {
            post(() -> {
                healthChanged(i);
                dispatch(i, VrrpEvent.START);
            });
            if (i.socket != null) {
                i.receiver = new Thread(() -> receiveLoop(i), "vrrp-rx-" + i.config.name());
                i.receiver.setDaemon(true);
                i.receiver.start();
            }
        }
    }

    /**
     * Runs the takeover and stop code paths off the wire before they are needed: advert encoding for priority 0
     * and our own, and a throwaway state machine through BACKUP, a master's advert, its priority-0 advert, the
     * takeover and SHUTDOWN (it only returns actions; none is performed). Without it the first takeover paid
     * 0.65-1.05 ms inside the state machine alone (class loading, call-site linking, interpretation) between the
     * timer and the advert; with it, under 0.1 ms.
     */
    private void warmUp(Instance i) {
        InstanceSettings s = i.config.settings();
        try {
            for (int k = 0; k < WARM_UP_ROUNDS; k++) {
                i.builder.build(0);
                i.builder.build(s.basePriority());
                VrrpStateMachine m = new VrrpStateMachine(s);
                long t = 1_000_000_000L;
                m.handle(VrrpEvent.START, t);
                InetAddress peer = InetAddress.getLoopbackAddress();
                m.handle(new VrrpEvent.AdvertReceived(peer, 255, s.intervalCentis()), t);
                m.handle(new VrrpEvent.AdvertReceived(peer, 0, s.intervalCentis()), t);
                for (int n = 0; n < 3 && m.nextDeadline() != VrrpStateMachine.NEVER; n++) {
                    t = Math.max(t, m.nextDeadline());
                    m.handle(VrrpEvent.TICK, t);
                }
                m.handle(VrrpEvent.SHUTDOWN, t);
            }
        } catch (RuntimeException e) {
            log.debug("({}) warm-up skipped: {}", i.config.name(), e.toString());
        }
    }

    private void setUpTrackers(Instance i) {
        LinkWatcher links = platform.links();
        for (InterfaceTrack t : i.config.trackInterfaces()) {
            i.trackers.add("interface " + t.name(), t.weight(), links.isUp(t.name()));
        }
        for (ScriptTrack s : i.config.trackScripts()) {
            ScriptTracker st = new ScriptTracker(s.rise(), s.fall(), s.initFail());
            i.scripts.put(s.name(), st);
            i.trackers.add("script " + s.name(), s.weight(), !s.initFail());
            AtomicBoolean busy = new AtomicBoolean();
            scriptScheduler.scheduleWithFixedDelay(() -> {
                if (!busy.compareAndSet(false, true)) return;
                platform.scripts().run(s.argv(), s.timeout()).whenComplete((code, err) -> {
                    busy.set(false);
                    boolean ok = err == null && code != null && code == 0;
                    boolean changed;
                    synchronized (st) {
                        changed = st.record(ok);
                    }
                    if (changed) {
                        boolean up = st.status() == ScriptTracker.Status.UP;
                        log.info("({}) vrrp_script {} is now {}", i.config.name(), s.name(), up ? "OK" : "KO");
                        if (i.trackers.set("script " + s.name(), up)) post(() -> healthChanged(i));
                    }
                });
            }, 0, Math.max(1, s.interval().toMillis()), TimeUnit.MILLISECONDS);
        }
        links.onChange((ifname, up) -> {
            if (i.trackers.set("interface " + ifname, up)) {
                log.info("({}) interface {} is {}", i.config.name(), ifname, up ? "UP" : "DOWN");
                post(() -> healthChanged(i));
            }
        });
    }

    private void healthChanged(Instance i) {
        Health h = i.trackers.health();
        if (h.equals(i.lastHealth)) return;
        i.lastHealth = h;
        dispatch(i, new VrrpEvent.HealthChanged(h.fault(), h.effectivePriority(), h.reason()));
    }

    /**
     * Starts the graceful stop at once and returns: the loop sends every MASTER's priority-0 advert as its next
     * step. Called from the signal handler before anything else, so nothing (logging, other subsystems, thread
     * start-ups) sits in front of that advert; idempotent, and {@link #close()} calls it too.
     */
    public void beginShutdown() {
        if (running.get() && shutdownPosted.compareAndSet(false, true)) post(shutdownStep);
    }

    /**
     * keepalived's {@code -V/--dont-release-vrrp}: at stop a MASTER neither sends its priority-0 advert nor removes
     * its VIPs (and no STOP notify runs), so the addresses keep answering until a restarted daemon takes them over
     * or a backup's Master_Down_Interval runs out. Call before {@link #beginShutdown()}.
     */
    public void keepVipsOnStop() {
        releaseOnStop = false;
    }

    /** Graceful stop: every MASTER sends priority 0 and removes its VIPs; STOP notifies run (1 s timeout). */
    @Override
    public void close() {
        synchronized (this) {
            if (!running.get() && !shutdownPosted.get()) return;
            if (!closed.compareAndSet(false, true)) return;
        }
        beginShutdown();
        try {
            shutdownDone.await(5, TimeUnit.SECONDS);
            if (loop != null) loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scriptScheduler.shutdownNow();
        for (Instance i : instances.values()) {
            if (i.receiver != null) i.receiver.interrupt();
            if (i.socket != null) {
                try {
                    if (i.receiver != null) i.receiver.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                i.socket.close();
            }
        }
        notifier.awaitStopScripts(STOP_SCRIPT_TIMEOUT);
        stopped.countDown();
    }

    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private void post(Runnable r) {
        inbox.add(r);
    }

    private long now() {
        return platform.clock().getAsLong();
    }

    private void runLoop() {
        while (running.get() || !inbox.isEmpty()) {
            try {
                long next = nextDeadline();
                long wait = next == VrrpStateMachine.NEVER ? 1_000_000_000L : next - now();
                Runnable r = wait > 0 ? inbox.poll(wait, TimeUnit.NANOSECONDS) : inbox.poll();
                if (r != null) r.run();
                tickDue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("VRRP loop: {}", e.toString(), e);
            }
        }
    }

    private long nextDeadline() {
        long next = VrrpStateMachine.NEVER;
        for (Instance i : instances.values()) {
            if (groupOf(i) == null) next = Math.min(next, i.machine.nextDeadline());
        }
        for (SyncGroup g : groups.values()) next = Math.min(next, g.nextDeadline());
        return next;
    }

    private void tickDue() {
        long now = now();
        for (Instance i : instances.values()) {
            if (groupOf(i) == null && i.machine.nextDeadline() <= now) dispatch(i, VrrpEvent.TICK);
        }
        for (SyncGroup g : groups.values()) {
            if (g.nextDeadline() <= now) perform(g.tick(now));
        }
    }

    private SyncGroup groupOf(Instance i) {
        for (SyncGroup g : groups.values()) if (g.contains(i.config.name())) return g;
        return null;
    }

    private void dispatch(Instance i, VrrpEvent e) {
        long now = now();
        SyncGroup g = groupOf(i);
        if (g != null) {
            perform(g.handle(i.config.name(), e, now));
        } else {
            for (VrrpAction a : i.machine.handle(e, now)) perform(i, a);
        }
    }

    private void perform(List<Step> steps) {
        for (Step s : steps) perform(instances.get(s.instance()), s.action());
    }

    private void perform(Instance i, VrrpAction a) {
        String name = i.config.name();
        switch (a) {
            case VrrpAction.SendAdvert sa -> {
                if (i.socket == null) return;
                for (AdvertBuilder.Outgoing o : i.builder.build(sa.priority())) {
                    try {
                        i.socket.send(o.destination(), o.bytes());
                        i.sent.incrementAndGet();
                        if (sa.priority() == 0) i.zeroSent.incrementAndGet();
                    } catch (RuntimeException e) {
                        log.warn("({}) advert to {} not sent: {}", name, o.destination().getHostAddress(), e.getMessage());
                    }
                }
            }
            case VrrpAction.AddVips av -> {
                for (Vip v : i.config.allVips()) {
                    try {
                        platform.vips().add(v);
                    } catch (RuntimeException e) {
                        log.error("({}) cannot add VIP {}: {}", name, v, e.getMessage());
                    }
                }
                log.info("({}) VIPs set: {}", name, i.config.allVips());
            }
            case VrrpAction.RemoveVips rv -> {
                for (Vip v : i.config.allVips()) {
                    try {
                        platform.vips().remove(v);
                    } catch (RuntimeException e) {
                        log.error("({}) cannot remove VIP {}: {}", name, v, e.getMessage());
                    }
                }
            }
            case VrrpAction.SendGarps g -> {
                for (Vip v : i.config.allVips()) {
                    try {
                        platform.announcer().announce(v, g.repeat());
                    } catch (RuntimeException e) {
                        log.warn("({}) gratuitous ARP/NA for {} not sent: {}", name, v, e.getMessage());
                    }
                }
            }
            case VrrpAction.StateChanged sc -> {
                i.state = sc.to();
                i.lastTransition = new StateTransition(sc.from(), sc.to(), sc.reason(), now());
                i.currentMaster = i.machine.masterAddress();
                if (sc.to() == VrrpState.MASTER) i.becameMaster.incrementAndGet();
                if (sc.from() == VrrpState.MASTER) i.releasedMaster.incrementAndGet();
                i.loggedReasons.clear();
                i.loggedNotices.clear();
                log.info("({}) Entering {} STATE (from {}): {}", name, sc.to(), sc.from(), sc.reason());
                notifier.instanceChanged(name, i.config.notifies(), sc.to(), i.machine.effectivePriority());
            }
            case VrrpAction.PriorityChanged pc -> {
                i.priority = pc.to();
                log.info("({}) Changing effective priority from {} to {}", name, pc.from(), pc.to());
            }
            case VrrpAction.WantMaster w ->
                    log.info("({}) Master_Down_Interval expired; waiting for the rest of its sync group", name);
        }
    }

    private void groupChanged(GroupStateChanged g) {
        log.info("VRRP_Group({}) Syncing instances to {} state", g.group(), g.state());
        Notifies n = groupNotifies.get(g.group());
        if (n != null) notifier.groupChanged(g.group(), n, g.state());
    }

    private void receiveLoop(Instance i) {
        while (running.get() && !Thread.currentThread().isInterrupted()) {
            ReceivedPacket p;
            try {
                p = i.socket.receive(Duration.ofMillis(200));
            } catch (RuntimeException e) {
                if (!running.get()) return;
                log.warn("({}) receive failed: {}", i.config.name(), e.getMessage());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    return;
                }
                continue;
            }
            if (p == null) continue;
            Reception r = AdvertValidator.check(p, i.config.expectations(), i.currentMaster);
            if (r instanceof Reception.Rejected x && x.reason() == RejectReason.UNKNOWN_VRID) {
                continue; // another router's VRID on the same link: not ours to count
            }
            i.stats.record(r);
            switch (r) {
                case Reception.Rejected x -> {
                    if (i.loggedReasons.add(x.reason())) {
                        log.warn("({}) advert dropped ({}): {}", i.config.name(), x.reason(), x.detail());
                    } else {
                        log.debug("({}) advert dropped ({}): {}", i.config.name(), x.reason(), x.detail());
                    }
                }
                case Reception.Accepted a -> {
                    if (a.notices().contains(Notice.OLD_UNICAST_CHECKSUM)) {
                        log.info("({}) Setting unicast VRRPv3 checksum to old version (peer {})", i.config.name(),
                                a.source().getHostAddress());
                        i.builder.useOldUnicastChecksum();
                    }
                    for (Notice n : EnumSet.of(Notice.INTERVAL_MISMATCH, Notice.ADDRESS_LIST_MISMATCH)) {
                        if (a.notices().contains(n) && i.loggedNotices.add(n)) {
                            log.warn("({}) advert from {}: {}", i.config.name(), a.source().getHostAddress(),
                                    n == Notice.INTERVAL_MISMATCH ? "advert interval differs from ours"
                                            : "VIP list differs from ours");
                        }
                    }
                    var ev = new VrrpEvent.AdvertReceived(a.source(), a.advert().priority(), a.advert().intervalCentis());
                    post(() -> dispatch(i, ev));
                }
            }
        }
    }

    /** A snapshot of every instance. */
    public List<InstanceStatus> status() {
        List<InstanceStatus> out = new ArrayList<>();
        for (Instance i : instances.values()) {
            Map<String, Long> rejected = new LinkedHashMap<>();
            i.stats.rejections().forEach((k, v) -> {
                if (v > 0) rejected.put(k.name(), v);
            });
            InetAddress m = i.currentMaster;
            out.add(new InstanceStatus(i.config.name(), i.config.settings().vrid(), i.state, i.priority,
                    m == null ? "" : m.getHostAddress(), i.sent.get(), i.stats.received(), i.zeroSent.get(),
                    i.becameMaster.get(), i.releasedMaster.get(), rejected));
        }
        return out;
    }

    /** An instance's latest state change (when and why), empty before its first or for an unknown name. */
    public java.util.Optional<StateTransition> lastTransition(String instance) {
        Instance i = instances.get(instance);
        return i == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(i.lastTransition);
    }

    /** The platform's monotonic clock now, the clock of {@link StateTransition#atNanos()}. */
    public long clockNanos() {
        return now();
    }

    /** The receive counters of one instance (for tests and metrics). */
    public ReceiveStatistics statistics(String instance) {
        return instances.get(instance).stats;
    }
}
