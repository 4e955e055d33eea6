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
    /** Copy-on-write: replaced (never changed) on the loop thread by a reload, read by anyone. */
    private volatile Map<String, Instance> instances = Map.of();
    private volatile Map<String, SyncGroup> groups = Map.of();
    private final Map<String, Notifies> groupNotifies = new ConcurrentHashMap<>();
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
        /** Replaced by a reload of a changed instance (same identity); the state machine and counters stay. */
        volatile InstanceConfig config;
        final VrrpStateMachine machine;
        volatile AdvertBuilder builder;
        final ReceiveStatistics stats = new ReceiveStatistics();
        volatile TrackerSet trackers;
        /** Running vrrp_script checks by script name, kept across reloads when the script did not change. */
        final Map<String, RunningScript> running = new ConcurrentHashMap<>();
        volatile boolean removed;
        boolean socketFailed;
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

    /** One vrrp_script's periodic run and the status its results made. */
    private record RunningScript(ScriptTrack track, ScriptTracker tracker, java.util.concurrent.ScheduledFuture<?> task) {
        /** Whether {@code other} runs the same check (its weight may differ: that is only the tracker's business). */
        boolean runs(ScriptTrack other) {
            return track.name().equals(other.name()) && track.script().equals(other.script())
                    && track.interval().equals(other.interval()) && track.timeout().equals(other.timeout())
                    && track.rise() == other.rise() && track.fall() == other.fall() && track.initFail() == other.initFail();
        }
    }

    /**
     * @param syncGroups    group name to member instance names
     * @param groupNotifies group name to its notify scripts
     */
    public VrrpEngine(Platform platform, List<InstanceConfig> configs, Map<String, List<String>> syncGroups,
                      Map<String, Notifies> groupNotifies) {
        this.platform = platform;
        this.groupNotifies.putAll(groupNotifies);
        this.notifier = new NotifyDispatcher(platform.scripts());
        Map<String, Instance> is = new LinkedHashMap<>();
        for (InstanceConfig c : configs) {
            is.put(c.name(), new Instance(c));
        }
        this.instances = java.util.Collections.unmodifiableMap(is);
        this.groups = java.util.Collections.unmodifiableMap(formGroups(syncGroups, is));
    }

    private Map<String, SyncGroup> formGroups(Map<String, List<String>> syncGroups, Map<String, Instance> from) {
        Map<String, SyncGroup> out = new LinkedHashMap<>();
        for (var g : syncGroups.entrySet()) {
            List<VrrpStateMachine> members = g.getValue().stream().map(n -> from.get(n).machine).toList();
            out.put(g.getKey(), new SyncGroup(g.getKey(), members, this::groupChanged));
        }
        return out;
    }

    /** Opens sockets, starts trackers, receive threads and the loop, and starts every instance. */
    public synchronized void start() {
        if (!running.compareAndSet(false, true)) return;
        for (Instance i : instances.values()) prepare(i);
        for (Instance i : instances.values()) warmUp(i);
        loop = new Thread(this::runLoop, "vrrp-loop");
        loop.start();
        for (Instance i : instances.values()) {
            post(() -> {
                healthChanged(i);
                dispatch(i, VrrpEvent.START);
            });
            startReceiver(i);
        }
    }

    /** Trackers and the socket of an instance about to start (off the loop: opening a socket can take a while). */
    private void prepare(Instance i) {
        setUpTrackers(i);
        openSocket(i);
    }

    private void openSocket(Instance i) {
        if (i.config.configFault().isPresent()) return; // held in FAULT by its configuration: nothing to send
        try {
            i.socket = platform.openSocket(i.config);
            if (i.socketFailed) {
                i.socketFailed = false;
                i.trackers.set("socket", true);
            }
        } catch (RuntimeException e) {
            log.error("({}) cannot open the VRRP socket on {}: {}; the instance stays in FAULT", i.config.name(),
                    i.config.interfaceName(), e.getMessage());
            i.socketFailed = true;
            i.trackers.add("socket", io.javalived.vrrp.track.TrackerWeight.FAULT_WHEN_DOWN, false);
        }
    }

    private void startReceiver(Instance i) {
        if (i.socket != null) {
            i.receiver = new Thread(() -> receiveLoop(i), "vrrp-rx-" + i.config.name());
            i.receiver.setDaemon(true);
            i.receiver.start();
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
        i.trackers = trackersFor(i, i.config);
        links.onChange((ifname, up) -> {
            if (i.removed) return;
            boolean changed = false;
            if (i.trackers.set("interface " + ifname, up)) {
                log.info("({}) interface {} is {}", i.config.name(), ifname, up ? "UP" : "DOWN");
                changed = true;
            }
            boolean multicast = links.multicastCapable(ifname);
            if (i.trackers.set(multicastKey(ifname), multicast)) {
                log.info("({}) interface {} {} IFF_MULTICAST", i.config.name(), ifname, multicast ? "has" : "lost");
                changed = true;
            }
            if (changed) post(() -> healthChanged(i));
        });
    }

    /**
     * The trackers for {@code c}: interfaces as they are now, vrrp_scripts that run unchanged keep their running
     * check and last status (keepalived keeps a track script's status over a reload), new ones start, and
     * scripts no longer tracked stop.
     */
    private TrackerSet trackersFor(Instance i, InstanceConfig c) {
        TrackerSet set = new TrackerSet(c.settings().basePriority());
        LinkWatcher links = platform.links();
        for (InterfaceTrack t : c.trackInterfaces()) {
            set.add("interface " + t.name(), t.weight(), links.isUp(t.name()));
        }
        c.configFault().ifPresent(why -> set.addCondition("configuration", false, why));
        if (!c.unicast() && c.configFault().isEmpty()) {
            // reference 2.6: an interface without IFF_MULTICAST and no unicast peers puts the instance in FAULT
            set.addCondition(multicastKey(c.interfaceName()), links.multicastCapable(c.interfaceName()),
                    "interface " + c.interfaceName() + " has no IFF_MULTICAST and the instance has no unicast_peer");
        }
        Map<String, RunningScript> keep = new LinkedHashMap<>();
        for (ScriptTrack s : c.trackScripts()) {
            RunningScript r = i.running.get(s.name());
            if (r != null && r.runs(s)) {
                keep.put(s.name(), new RunningScript(s, r.tracker(), r.task()));
                ScriptTracker.Status st;
                synchronized (r.tracker()) {
                    st = r.tracker().status();
                }
                if (st == ScriptTracker.Status.UNKNOWN) {
                    set.addPending("script " + s.name(), s.weight());
                } else {
                    set.add("script " + s.name(), s.weight(), st == ScriptTracker.Status.UP);
                }
            } else if (s.initFail()) {
                set.add("script " + s.name(), s.weight(), false);
            } else {
                // Not reported yet: no weight either way; with weight 0 the instance waits in INIT (keepalived).
                set.addPending("script " + s.name(), s.weight());
            }
        }
        for (var e : i.running.entrySet()) {
            if (!keep.containsKey(e.getKey()) || keep.get(e.getKey()).task() != e.getValue().task()) {
                e.getValue().task().cancel(false);
            }
        }
        i.running.clear();
        i.running.putAll(keep);
        if (i.socketFailed) set.add("socket", io.javalived.vrrp.track.TrackerWeight.FAULT_WHEN_DOWN, false);
        for (ScriptTrack s : c.trackScripts()) {
            if (!i.running.containsKey(s.name())) i.running.put(s.name(), startScript(i, s));
        }
        return set;
    }

    private static String multicastKey(String ifname) {
        return "IFF_MULTICAST " + ifname;
    }

    private RunningScript startScript(Instance i, ScriptTrack s) {
        ScriptTracker st = new ScriptTracker(s.rise(), s.fall(), s.initFail());
        i.scripts.put(s.name(), st);
        AtomicBoolean busy = new AtomicBoolean();
        var task = scriptScheduler.scheduleWithFixedDelay(() -> {
                if (!busy.compareAndSet(false, true)) return;
                platform.scripts().run(s.script(), s.timeout()).whenComplete((outcome, err) -> {
                    busy.set(false);
                    boolean ok = err == null && outcome.succeeded();
                    boolean changed;
                    synchronized (st) {
                        changed = st.record(ok);
                    }
                    if (changed && !i.removed) {
                        boolean up = st.status() == ScriptTracker.Status.UP;
                        log.info("({}) vrrp_script {} is now {}", i.config.name(), s.name(), up ? "OK" : "KO");
                        if (i.trackers.set("script " + s.name(), up)) post(() -> healthChanged(i));
                    }
                });
            }, 0, Math.max(1, s.interval().toMillis()), TimeUnit.MILLISECONDS);
        return new RunningScript(s, st, task);
    }

    private void healthChanged(Instance i) {
        Health h = i.trackers.health();
        if (h.equals(i.lastHealth)) return;
        i.lastHealth = h;
        dispatch(i, new VrrpEvent.HealthChanged(h.fault(), h.effectivePriority(), h.reason(), !h.initPending().isEmpty()));
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

    /**
     * global_defs {@code notify_fifo} and {@code vrrp_notify_fifo}: each gets keepalived's line per event
     * ({@code INSTANCE "VI_1" MASTER 100}, {@code GROUP "G" BACKUP 0}, {@code MASTER_RX_LOWER_PRI}, and with
     * notify_priority_changes {@code MASTER_PRIORITY}/{@code BACKUP_PRIORITY}). Created when missing (and removed
     * at stop if created here). Call before {@link #start()}; a FIFO that cannot be opened is logged and skipped.
     */
    public void useNotifyFifos(List<java.nio.file.Path> paths) {
        for (java.nio.file.Path p : new java.util.LinkedHashSet<>(paths)) {
            try {
                notifier.addFifo(platform.openFifo(p));
                log.info("notify FIFO {} open", p);
            } catch (RuntimeException e) {
                log.error("notify FIFO {} not used: {}", p, e.getMessage());
            }
        }
    }

    /** Graceful stop: every MASTER sends priority 0 and removes its VIPs; STOP notifies run (1 s timeout). */
    @Override
    public void close() {
        synchronized (this) {
            if (!running.get() && !shutdownPosted.get()) {
                notifier.closeFifos(); // never started: nothing to stop, but the FIFOs were opened
                return;
            }
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
        notifier.closeFifos();
        stopped.countDown();
    }

    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    // Reload: instances are added, removed or changed one by one; every other instance is not touched at all.

    /**
     * Starts new instances beside the running ones, as at startup (INIT, then BACKUP or, for an address owner,
     * MASTER), with the sync groups they form among themselves.
     *
     * @param syncGroups    new groups, whose members are all among {@code configs}
     * @param groupNotifies the new groups' notify scripts
     */
    public void addInstances(List<InstanceConfig> configs, Map<String, List<String>> syncGroups,
                             Map<String, Notifies> groupNotifies) {
        Map<String, Instance> fresh = new LinkedHashMap<>();
        for (InstanceConfig c : configs) {
            if (instances.containsKey(c.name()) || fresh.containsKey(c.name())) {
                throw new IllegalArgumentException("instance " + c.name() + " already runs");
            }
            fresh.put(c.name(), new Instance(c));
        }
        for (var g : syncGroups.entrySet()) {
            if (groups.containsKey(g.getKey())) throw new IllegalArgumentException("sync group " + g.getKey() + " already runs");
            for (String m : g.getValue()) {
                if (!fresh.containsKey(m)) {
                    throw new IllegalArgumentException("sync group " + g.getKey() + ": member " + m + " is not a new instance");
                }
            }
        }
        Map<String, SyncGroup> newGroups = formGroups(syncGroups, fresh);
        requireRunning();
        for (Instance i : fresh.values()) prepare(i);
        onLoop(() -> {
            Map<String, Instance> all = new LinkedHashMap<>(instances);
            all.putAll(fresh);
            Map<String, SyncGroup> gs = new LinkedHashMap<>(groups);
            gs.putAll(newGroups);
            this.groupNotifies.putAll(groupNotifies);
            instances = java.util.Collections.unmodifiableMap(all);
            groups = java.util.Collections.unmodifiableMap(gs);
            for (Instance i : fresh.values()) {
                log.info("({}) added by reload; starting", i.config.name());
                healthChanged(i);
                dispatch(i, VrrpEvent.START);
            }
            return null;
        });
        fresh.values().forEach(this::startReceiver);
    }

    /**
     * Stops instances and forgets them, as at stop: a MASTER sends priority 0 and removes its VIPs, STOP notifies
     * run. A sync group goes with its members: all of a group's members must be removed together.
     */
    public void removeInstances(java.util.Collection<String> names) {
        requireRunning();
        List<Instance> gone = onLoop(() -> {
            List<Instance> out = new ArrayList<>();
            for (String n : names) {
                Instance i = instances.get(n);
                if (i == null) throw new IllegalArgumentException("no instance " + n);
                out.add(i);
            }
            List<String> deadGroups = new ArrayList<>();
            for (SyncGroup g : groups.values()) {
                boolean any = names.stream().anyMatch(g::contains);
                if (!any) continue;
                for (Instance i : instances.values()) {
                    if (g.contains(i.config.name()) && !names.contains(i.config.name())) {
                        throw new IllegalArgumentException("sync group " + g.name() + " keeps " + i.config.name()
                                + ": remove all its members together");
                    }
                }
                deadGroups.add(g.name());
            }
            for (Instance i : out) {
                log.info("({}) removed by reload; stopping", i.config.name());
                dispatch(i, VrrpEvent.SHUTDOWN);
                i.removed = true;
            }
            Map<String, Instance> all = new LinkedHashMap<>(instances);
            out.forEach(i -> all.remove(i.config.name()));
            Map<String, SyncGroup> gs = new LinkedHashMap<>(groups);
            deadGroups.forEach(gs::remove);
            deadGroups.forEach(groupNotifies::remove);
            instances = java.util.Collections.unmodifiableMap(all);
            groups = java.util.Collections.unmodifiableMap(gs);
            return out;
        });
        for (Instance i : gone) {
            i.running.values().forEach(r -> r.task().cancel(false));
            stopReceiver(i);
            if (i.socket != null) i.socket.close();
        }
    }

    /**
     * Applies a reload's changes to one running instance that keeps its identity (VRID, family, interface...):
     * its state stays. A MASTER deletes the VIPs no longer configured and adds the new ones (with gratuitous
     * ARPs/NAs for those only) without touching the others, and advertises at once; priority, advert_int,
     * trackers, notifies and every other setting take effect. A rename keeps the instance. Its sync group
     * must stay the same group under the same name (a changed group is restarted with remove and add).
     *
     * @param name the instance's running name ({@code next} may carry a new one)
     */
    public void updateInstance(String name, InstanceConfig next) {
        requireRunning();
        Instance i = instances.get(name);
        if (i == null) throw new IllegalArgumentException("no instance " + name);
        InstanceConfig old = i.config;
        if (old.settings().vrid() != next.settings().vrid() || old.family() != next.family()) {
            throw new IllegalArgumentException("(" + name + ") a reload cannot change VRID or family in place");
        }
        if (!old.syncGroup().equals(next.syncGroup()) || (old.syncGroup().isPresent() && !name.equals(next.name()))) {
            throw new IllegalArgumentException("(" + name + ") its sync group changed: restart the group's members");
        }
        if (!name.equals(next.name()) && instances.containsKey(next.name())) {
            throw new IllegalArgumentException("instance " + next.name() + " already runs");
        }
        boolean newSocket = !old.interfaceName().equals(next.interfaceName())
                || !old.sourceAddress().equals(next.sourceAddress()) || old.unicast() != next.unicast()
                || !java.util.Objects.equals(old.expectations().multicastGroup(), next.expectations().multicastGroup());
        AdvertSocket oldSocket = i.socket;
        AdvertSocket socket = null;
        if (newSocket) {
            try {
                socket = platform.openSocket(next);
            } catch (RuntimeException e) {
                throw new IllegalStateException("(" + name + ") cannot open the VRRP socket on " + next.interfaceName()
                        + ": " + e.getMessage() + "; the instance keeps its running configuration", e);
            }
        }
        AdvertSocket opened = socket;
        onLoop(() -> {
            List<Vip> gone = old.allVips().stream().filter(v -> !next.allVips().contains(v)).toList();
            List<Vip> added = next.allVips().stream().filter(v -> !old.allVips().contains(v)).toList();
            if (i.state == VrrpState.MASTER) {
                for (Vip v : gone) {
                    try {
                        platform.vips().remove(v);
                        log.info("({}) VIP {} removed by reload", name, v);
                    } catch (RuntimeException e) {
                        log.error("({}) cannot remove VIP {}: {}", name, v, e.getMessage());
                    }
                }
                for (Vip v : added) {
                    try {
                        platform.vips().add(v);
                        log.info("({}) VIP {} added by reload", name, v);
                    } catch (RuntimeException e) {
                        log.error("({}) cannot add VIP {}: {}", name, v, e.getMessage());
                    }
                }
                int repeat = next.settings().garp().repeat();
                for (Vip v : added) {
                    try {
                        if (repeat > 0) platform.announcer().announce(v, repeat);
                    } catch (RuntimeException e) {
                        log.warn("({}) gratuitous ARP/NA for {} not sent: {}", name, v, e.getMessage());
                    }
                }
            }
            i.builder = i.builder.reconfigured(next);
            i.config = next;
            if (opened != null) i.socket = opened;
            for (VrrpAction a : i.machine.reconfigure(next.settings(), now())) perform(i, a);
            i.trackers = trackersFor(i, next);
            i.lastHealth = null;
            healthChanged(i);
            if (!name.equals(next.name())) {
                Map<String, Instance> all = new LinkedHashMap<>();
                instances.forEach((k, v) -> all.put(v == i ? next.name() : k, v));
                instances = java.util.Collections.unmodifiableMap(all);
                log.info("({}) renamed to {} by reload (state kept)", name, next.name());
            }
            log.info("({}) configuration reloaded; staying {}", next.name(), i.state);
            return null;
        });
        if (opened != null) {
            Thread oldReceiver = i.receiver;
            if (oldReceiver != null) {
                oldReceiver.interrupt();
                try {
                    oldReceiver.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (oldSocket != null) oldSocket.close();
            startReceiver(i);
        }
    }

    /** The names of the running instances, in order. */
    public List<String> instanceNames() {
        return List.copyOf(instances.keySet());
    }

    private void requireRunning() {
        if (!running.get() || shutdownPosted.get()) throw new IllegalStateException("the VRRP engine is not running");
    }

    private void stopReceiver(Instance i) {
        if (i.receiver == null) return;
        i.receiver.interrupt();
        try {
            i.receiver.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code step} on the loop thread (which owns every state machine) and waits for it. */
    private <T> T onLoop(java.util.function.Supplier<T> step) {
        if (Thread.currentThread() == loop) return step.get();
        var done = new java.util.concurrent.CompletableFuture<T>();
        post(() -> {
            try {
                done.complete(step.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the VRRP loop did not take the reload within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reloading");
        }
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
                if (i.config.notifyPriorityChanges()) notifier.priorityChanged(name, i.state, pc.to());
            }
            case VrrpAction.WantMaster w ->
                    log.info("({}) Master_Down_Interval expired; waiting for the rest of its sync group", name);
            case VrrpAction.MasterRxLowerPriority lp -> {
                log.info("({}) Received advert from {} with lower priority {}, ours {}{}", name,
                        lp.source().getHostAddress(), lp.priority(), i.machine.effectivePriority(),
                        i.config.settings().lowerPrioNoAdvert() ? "" : ", forcing new election");
                notifier.masterRxLowerPriority(name, i.config.notifies(), i.machine.effectivePriority());
            }
            case VrrpAction.WaitInInit w -> log.info("({}) staying in INIT: {}", name, w.reason());
        }
    }

    private void groupChanged(GroupStateChanged g) {
        log.info("VRRP_Group({}) Syncing instances to {} state", g.group(), g.state());
        Notifies n = groupNotifies.get(g.group());
        if (n != null) notifier.groupChanged(g.group(), n, g.state());
    }

    private void receiveLoop(Instance i) {
        AdvertSocket socket = i.socket;
        while (running.get() && !i.removed && !Thread.currentThread().isInterrupted()) {
            ReceivedPacket p;
            try {
                p = socket.receive(Duration.ofMillis(200));
            } catch (RuntimeException e) {
                if (!running.get() || i.removed || Thread.currentThread().isInterrupted()) return;
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
        Instance i = instances.get(instance);
        return i == null ? new ReceiveStatistics() : i.stats; // removed by a reload since the caller looked
    }
}
