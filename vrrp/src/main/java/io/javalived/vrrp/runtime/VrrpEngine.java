package io.javalived.vrrp.runtime;

import io.javalived.vrrp.receive.ReceiveStatistics;
import io.javalived.vrrp.state.VrrpEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs VRRP instances. The parts, each with one job: {@link EngineLoop} (one thread owns every state machine:
 * inbox, timers, dispatch), {@link ActionPerformer} (the one place actions become side effects, through the
 * {@link Platform}), {@link RunningInstance} per instance (its socket and {@link AdvertReceiver} thread, its
 * {@link InstanceTrackers}, {@link InstanceCounters}), {@link EngineReload} (instances added, removed or changed
 * while running) and {@link WarmUp}. This class starts and stops them and answers status.
 */
public final class VrrpEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VrrpEngine.class);
    private static final Duration STOP_SCRIPT_TIMEOUT = Duration.ofSeconds(1);

    private final Platform platform;
    private final NotifyDispatcher notifier;
    private final ActionPerformer performer;
    private final EngineLoop loop;
    private final AutoPriority autoPriority;
    private final EngineReload reload;
    private final ScheduledExecutorService scriptScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vrrp-scripts");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean shutdownPosted = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch shutdownDone = new CountDownLatch(1);
    /** keepalived's default; {@link #keepVipsOnStop()} is its -V/--dont-release-vrrp. */
    private volatile boolean releaseOnStop = true;
    private volatile EngineSettings settings = EngineSettings.DEFAULTS;
    private final UnknownVrids unknownVrids;
    /** Built (and its lambda linked) up front: the stop path is cold code, and the signal is no time to link it. */
    private final Runnable shutdownStep;

    /**
     * @param syncGroups    group name to member instance names
     * @param groupNotifies group name to its notify scripts
     */
    public VrrpEngine(Platform platform, List<InstanceConfig> configs, Map<String, List<String>> syncGroups,
                      Map<String, Notifies> groupNotifies) {
        this.platform = platform;
        this.unknownVrids = new UnknownVrids(this::instances, platform.clock());
        this.notifier = new NotifyDispatcher(platform.scripts());
        this.performer = new ActionPerformer(platform, notifier, groupNotifies);
        this.autoPriority = new AutoPriority(platform.realtime());
        this.loop = new EngineLoop(platform.clock(), performer, platform.addresses(), autoPriority);
        this.reload = new EngineReload(loop, platform, performer, this::newInstance, this::requireRunning);
        Map<String, RunningInstance> is = new LinkedHashMap<>();
        for (InstanceConfig c : configs) is.put(c.name(), newInstance(c));
        loop.roster(new Roster(is, Roster.formGroups(syncGroups, is, performer::groupChanged)));
        this.shutdownStep = () -> {
            if (releaseOnStop) {
                for (RunningInstance i : instances()) loop.dispatch(i, VrrpEvent.SHUTDOWN);
            } else {
                for (RunningInstance i : instances()) {
                    log.info("({}) stopping in {} state without releasing: no priority-0 advert, VIPs left in place (--dont-release-vrrp)",
                            i.name(), i.performed().state());
                }
            }
            loop.end();
            shutdownDone.countDown();
        };
    }

    private RunningInstance newInstance(InstanceConfig c) {
        return new RunningInstance(c, platform, scriptScheduler, loop, loop::running, unknownVrids);
    }

    private Collection<RunningInstance> instances() {
        return loop.roster().instances().values();
    }

    /**
     * The global_defs settings of the engine: {@code vrrp_startup_delay}, {@code vrrp_garp_interval},
     * {@code vrrp_gna_interval}, {@code log_unknown_vrids}. Call before {@link #start()}.
     */
    public void use(EngineSettings s) {
        this.settings = s;
        performer.announceIntervals(s.garpInterval(), s.gnaInterval());
        unknownVrids.enabled(s.logUnknownVrids());
    }

    /** Opens sockets, starts trackers, receive threads and the loop, and starts every instance. */
    public synchronized void start() {
        if (!loop.begin()) return;
        Duration delay = settings.startupDelay();
        long holdUntil = delay.isZero() ? Long.MIN_VALUE : platform.clock().getAsLong() + delay.toNanos();
        if (!delay.isZero()) {
            log.info("Delaying startup for {} seconds",
                    java.math.BigDecimal.valueOf(delay.toMillis(), 3).stripTrailingZeros().toPlainString());
        }
        platform.addresses().onRemoved(loop::addressRemoved);
        for (RunningInstance i : instances()) i.prepare();
        loop.start();
        for (RunningInstance i : instances()) {
            loop.post(() -> {
                if (holdUntil != Long.MIN_VALUE) i.machine().holdUntil(holdUntil);
                loop.healthChanged(i);
                loop.dispatch(i, VrrpEvent.START);
            });
            i.startReceiving();
        }
        // after the instances run (the start is not held up by it), well before any Master_Down timer can end
        WarmUp.inBackground(instances());
    }

    /**
     * Starts the graceful stop at once and returns: the loop sends every MASTER's priority-0 advert as its next
     * step. Called from the signal handler before anything else, so nothing (logging, other subsystems, thread
     * start-ups) sits in front of that advert; idempotent, and {@link #close()} calls it too.
     */
    public void beginShutdown() {
        if (loop.running() && shutdownPosted.compareAndSet(false, true)) loop.post(shutdownStep);
    }

    /**
     * keepalived's {@code max_auto_priority} and {@code min_auto_priority_delay}: a VRRP timer that fires later than the
     * delay is logged and, with a maximum above 0, raises the VRRP thread to SCHED_RR one step (see {@link AutoPriority}).
     * Before {@link #start()} or at a reload.
     */
    public void autoPriority(int maxPriority, Duration minDelay) {
        autoPriority.configure(maxPriority, minDelay);
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
    public void useNotifyFifos(List<Path> paths) {
        for (Path p : new LinkedHashSet<>(paths)) {
            try {
                notifier.addFifo(platform.openFifo(p));
                log.info("notify FIFO {} open", p);
            } catch (RuntimeException e) {
                log.error("notify FIFO {} not used: {}", p, e.getMessage());
            }
        }
    }

    /**
     * Tells {@code l} of every state change from now on (STOP included, at shutdown and when a reload removes the
     * instance), on the loop thread. Call before {@link #start()}.
     */
    public void addStateListener(StateListener l) {
        performer.addListener(l);
    }

    /** Graceful stop: every MASTER sends priority 0 and removes its VIPs; STOP notifies run (1 s timeout). */
    @Override
    public void close() {
        synchronized (this) {
            if (!loop.running() && !shutdownPosted.get()) {
                notifier.closeFifos(); // never started: nothing to stop, but the FIFOs were opened
                return;
            }
            if (!closed.compareAndSet(false, true)) return;
        }
        beginShutdown();
        try {
            shutdownDone.await(5, TimeUnit.SECONDS);
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scriptScheduler.shutdownNow();
        performer.close();
        for (RunningInstance i : instances()) i.receiver().interrupt();
        for (RunningInstance i : instances()) {
            if (i.socket() != null) {
                i.receiver().stop();
                i.socket().close();
            }
        }
        // keepalived removes its VMACs at stop, with the VIPs on them; -V leaves both
        if (releaseOnStop) for (RunningInstance i : instances()) i.removeVmacs(i.config().vmacs().all());
        notifier.awaitStopScripts(STOP_SCRIPT_TIMEOUT);
        notifier.closeFifos();
    }

    private void requireRunning() {
        if (!loop.running() || shutdownPosted.get()) throw new IllegalStateException("the VRRP engine is not running");
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
        reload.add(configs, syncGroups, groupNotifies);
    }

    /**
     * Stops instances and forgets them, as at stop: a MASTER sends priority 0 and removes its VIPs, STOP notifies
     * run. A sync group goes with its members: all of a group's members must be removed together.
     */
    public void removeInstances(Collection<String> names) {
        reload.remove(names);
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
        reload.update(name, next);
    }

    /** The names of the running instances, in order. */
    public List<String> instanceNames() {
        return List.copyOf(loop.roster().instances().keySet());
    }

    /** A snapshot of every instance. */
    public List<InstanceStatus> status() {
        List<InstanceStatus> out = new ArrayList<>();
        for (RunningInstance i : instances()) out.add(i.status());
        return out;
    }

    /** An instance's latest state change (when and why), empty before its first or for an unknown name. */
    public Optional<StateTransition> lastTransition(String instance) {
        RunningInstance i = loop.roster().instance(instance);
        return i == null ? Optional.empty() : Optional.ofNullable(i.performed().lastTransition());
    }

    /** The platform's monotonic clock now, the clock of {@link StateTransition#atNanos()}. */
    public long clockNanos() {
        return loop.now();
    }

    /** The receive counters of one instance (for tests and metrics). */
    public ReceiveStatistics statistics(String instance) {
        RunningInstance i = loop.roster().instance(instance);
        return i == null ? new ReceiveStatistics() : i.counters().received(); // removed by a reload since the caller looked
    }
}
