package io.javalived.healthcheck.lvs;

import io.javalived.healthcheck.schedule.CheckScheduler;
import io.javalived.healthcheck.schedule.CheckSpec;
import io.javalived.healthcheck.schedule.CheckUpdate;
import io.javalived.healthcheck.schedule.SharedChecks;
import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.Timeouts;
import io.javalived.scripts.Script;
import io.javalived.scripts.ScriptRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns configuration plus check results into the kernel's IPVS table. The wanted table is computed
 * from the plans and the live health; the difference to what was installed becomes the fewest driver
 * calls ({@link IpvsTable#changesTo}). A call that fails is logged and retried on the next change or
 * after {@link #RETRY}; it never stops the checkers. Everything runs on the scheduler's thread.
 *
 * <p>Start adds the services and the real servers assumed up (alpha ones wait for a success, at weight 0
 * with inhibit_on_failure); stop removes what it installed, running the down notifiers first with omega.
 * {@link Options} carry the global_defs that change this: {@code lvs_flush} (flush the whole table first),
 * {@code lvs_flush_on_stop [VS]} (what stop does) and where {@code ha_suspend} learns the host's addresses.
 *
 * <p>ha_suspend (keepalived's rule): the checks of such a virtual server run only while one of its addresses is
 * configured on this host. While suspended its real servers keep the health they had and the kernel is not
 * touched for them; the table stays installed. Activation subscribes again (a check shared with a running virtual
 * server gives its current view at once, a new one starts after its warm-up, as at start).
 */
public final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    static final Duration RETRY = Duration.ofSeconds(5);

    /**
     * What stop does with the table when it releases it (keepalived's {@code lvs_flush_on_stop}). keepalived by
     * default deletes each real server and then its virtual server; {@code lvs_flush_on_stop VS} makes it delete
     * only the virtual servers, since the kernel drops a service's real servers with it. javalived's default already
     * makes that one call per service it installed (same table afterwards, fewer calls), so VS is its default.
     */
    public enum OnStop {
        /** Default (and {@code lvs_flush_on_stop VS}): delete each service this reconciler installed, one call each. */
        DELETE_INSTALLED,
        /** {@code lvs_flush_on_stop}: one FLUSH of the whole table, entries of others included. */
        FLUSH
    }

    /**
     * The table-wide settings.
     *
     * @param flushAtStart {@code lvs_flush}: flush the whole table before installing anything (at start, not on reload)
     * @param onStop       what a releasing stop does
     * @param addresses    the host's addresses, for ha_suspend (only watched when a virtual server has it)
     * @param rsInitNotifies {@code rs_init_notifies}: at start, notify_up of every real server that starts alive
     */
    public record Options(boolean flushAtStart, OnStop onStop, LocalAddresses addresses, boolean rsInitNotifies) {
        public static final Options DEFAULT = new Options(false, OnStop.DELETE_INSTALLED, LocalAddresses.NONE);

        public Options(boolean flushAtStart, OnStop onStop, LocalAddresses addresses) {
            this(flushAtStart, onStop, addresses, false);
        }

        public Options withAddresses(LocalAddresses a) {
            return new Options(flushAtStart, onStop, a, rsInitNotifies);
        }
    }

    private List<VirtualServerHealth> virtualServers;
    private Optional<Timeouts> timeouts;
    private final IpvsDriver driver;
    private final IpvsApplier applier;
    private final SharedChecks checks;
    private final ScriptRunner scripts;
    private final CheckScheduler scheduler;
    /** Check updates from the checkers' thread: table-changing ones at once, routine ones a few times a second. */
    private final CheckUpdateHandoff handoff;
    /** Each real server's subscriptions to its checks, one per checker, in the plan's order. */
    private final java.util.Map<RealServerHealth, List<SharedChecks.Subscription>> subscriptions = new java.util.IdentityHashMap<>();
    private IpvsTable installed = new IpvsTable();
    private Optional<Timeouts> originalTimeouts = Optional.empty();
    private CheckScheduler.Cancellable retry;
    private boolean running;
    private long kernelCalls;
    private final Options options;
    /** The host's addresses as the watch reports them (ha_suspend); empty while nothing is watched. */
    private final java.util.Set<LocalAddresses.Entry> local = new java.util.HashSet<>();
    private LocalAddresses.Watch addressWatch;
    private HealthEvents events = HealthEvents.NONE;
    /** True while start installs the first table (keepalived's "Starting with quorum ..."). */
    private boolean starting;

    public Reconciler(List<VirtualServerPlan> plans, Optional<Timeouts> timeouts, IpvsDriver driver, SharedChecks checks,
                      ScriptRunner scripts, CheckScheduler scheduler) {
        this(plans, timeouts, Options.DEFAULT, driver, checks, scripts, scheduler);
    }

    public Reconciler(List<VirtualServerPlan> plans, Optional<Timeouts> timeouts, Options options, IpvsDriver driver,
                      SharedChecks checks, ScriptRunner scripts, CheckScheduler scheduler) {
        this.options = options;
        this.virtualServers = plans.stream().map(VirtualServerHealth::new).toList();
        this.timeouts = timeouts;
        this.driver = driver;
        this.applier = new IpvsApplier(driver);
        this.checks = checks;
        this.scripts = scripts;
        this.scheduler = scheduler;
        this.handoff = new CheckUpdateHandoff(scheduler);
    }

    /** Who hears of checker, quorum and stop events (the daemon's SMTP alerts); set before {@link #start}. */
    public void events(HealthEvents events) {
        this.events = events;
    }

    /** Installs the starting table, then subscribes every real server to its checks. */
    public java.util.concurrent.CompletableFuture<Void> start() {
        var done = new java.util.concurrent.CompletableFuture<Void>();
        scheduler.execute(() -> {
            running = true;
            if (options.flushAtStart()) {
                flush("lvs_flush: flushing the whole IPVS table before installing ours");
            }
            timeouts.ifPresent(this::setTimeouts);
            watchAddressesIfNeeded();
            starting = true;
            for (VirtualServerHealth vs : virtualServers) {
                if (vs.updateQuorum()) {
                    quorumChanged(vs);
                }
            }
            starting = false;
            reconcile();
            if (options.rsInitNotifies()) {
                initNotifies();
            }
            for (VirtualServerHealth vs : virtualServers) {
                vs.suspended = !vs.plan.haSuspend().isEmpty() && !addressHere(vs);
                if (!vs.plan.haSuspend().isEmpty()) {
                    logActivity(vs, vs.suspended ? "Deactivating" : "Activating");
                }
                if (!vs.suspended) {
                    vs.realServers.forEach(rs -> subscribe(vs, rs));
                }
            }
            done.complete(null);
        });
        return done;
    }

    /**
     * rs_init_notifies (keepalived's do_rs_notifies at start): the notify_up of every real server that starts
     * alive, as if it had just come up (keepalived's default is to notify only changes).
     */
    private void initNotifies() {
        for (VirtualServerHealth vs : virtualServers) {
            for (RealServerHealth rs : vs.realServers) {
                if (rs.alive()) {
                    rs.plan.notifyUp().ifPresent(s -> launch("notify_up " + rs.plan.name(), s));
                }
            }
        }
    }

    private void subscribe(VirtualServerHealth vs, RealServerHealth rs) {
        List<SharedChecks.Subscription> list = new ArrayList<>();
        for (int i = 0; i < rs.plan.checks().size(); i++) {
            int checker = i;
            CheckUpdateHandoff.Slot slot = handoff.slot((update, arrived) -> onUpdate(vs, rs, checker, update, arrived));
            list.add(checks.subscribe(rs.plan.checks().get(i), slot::offer));
        }
        subscriptions.put(rs, list);
    }

    /**
     * A reload (keepalived's rules, reference 3.3): the new plans replace the running ones. Virtual servers are
     * matched by identity (address and port with protocol, fwmark, or group), real servers by address and port.
     * A kept real server keeps what its checkers see (an up server stays up, no new warm-up) and each check that
     * did not change keeps running: the new subscription is made before the old one is cancelled, so the shared
     * runner never stops. New real servers start as at startup (alpha ones wait for a success), quorum state is
     * kept. The kernel then gets only the difference between what is installed and what the new plans want: an
     * unchanged configuration makes no call at all.
     *
     * @return the kernel calls made (in order), each also logged as {@code IPVS: ...}
     */
    public java.util.concurrent.CompletableFuture<List<IpvsChange>> reload(List<VirtualServerPlan> plans,
                                                                           Optional<Timeouts> newTimeouts) {
        var done = new java.util.concurrent.CompletableFuture<List<IpvsChange>>();
        scheduler.execute(() -> {
            try {
                done.complete(reloadNow(plans, newTimeouts));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private List<IpvsChange> reloadNow(List<VirtualServerPlan> plans, Optional<Timeouts> newTimeouts) {
        if (!running) {
            throw new IllegalStateException("the reconciler is not running");
        }
        List<VirtualServerHealth> old = new ArrayList<>(virtualServers);
        java.util.Set<String> wereSuspended = new java.util.HashSet<>();
        old.stream().filter(v -> v.suspended).forEach(v -> wereSuspended.add(v.plan.name()));
        List<VirtualServerHealth> next = new ArrayList<>();
        java.util.Map<RealServerHealth, List<SharedChecks.Subscription>> retired = new java.util.IdentityHashMap<>();
        List<RealServerHealth> fresh = new ArrayList<>();
        for (VirtualServerPlan plan : plans) {
            VirtualServerHealth now = new VirtualServerHealth(plan);
            VirtualServerHealth was = takeFirst(old, v -> v.plan.name().equals(plan.name()));
            List<RealServerHealth> oldServers = was == null ? new ArrayList<>() : new ArrayList<>(was.realServers);
            for (RealServerHealth rs : now.realServers) {
                RealServerHealth before = takeFirst(oldServers, o -> sameServer(o, rs));
                if (before != null) {
                    inherit(before, rs);
                } else {
                    adoptRunningChecks(rs);
                }
                fresh.add(rs);
            }
            if (was != null) {
                now.quorumUp = was.quorumUp;
                for (RealServerHealth gone : oldServers) {
                    log.info("Reload: real server {} of {} removed", gone.plan.name(), plan.name());
                }
                for (RealServerHealth rs : was.realServers) {
                    retired.put(rs, subscriptions.remove(rs));
                }
            } else {
                log.info("Reload: virtual server {} added", plan.name());
            }
            next.add(now);
        }
        for (VirtualServerHealth gone : old) {
            log.info("Reload: virtual server {} removed", gone.plan.name());
            for (RealServerHealth rs : gone.realServers) {
                retired.put(rs, subscriptions.remove(rs));
            }
        }
        virtualServers = List.copyOf(next);
        watchAddressesIfNeeded();
        // Subscribe the new picture first, then cancel the old: a check both use never stops (no new warm-up).
        for (VirtualServerHealth vs : virtualServers) {
            vs.suspended = !vs.plan.haSuspend().isEmpty() && !addressHere(vs);
            if (vs.suspended != wereSuspended.contains(vs.plan.name())) {
                logActivity(vs, vs.suspended ? "Deactivating" : "Activating");
            }
            if (vs.suspended) {
                continue;
            }
            for (RealServerHealth rs : vs.realServers) {
                subscribe(vs, rs);
            }
        }
        retired.values().stream().filter(java.util.Objects::nonNull).flatMap(List::stream)
                .forEach(SharedChecks.Subscription::cancel);
        if (!newTimeouts.equals(timeouts)) {
            timeouts = newTimeouts;
            newTimeouts.ifPresent(this::setTimeouts);
        }
        for (VirtualServerHealth vs : virtualServers) {
            if (vs.updateQuorum()) {
                quorumChanged(vs);
            }
        }
        return reconcile();
    }

    private static <T> T takeFirst(List<T> from, java.util.function.Predicate<T> match) {
        for (java.util.Iterator<T> it = from.iterator(); it.hasNext(); ) {
            T t = it.next();
            if (match.test(t)) {
                it.remove();
                return t;
            }
        }
        return null;
    }

    private static boolean sameServer(RealServerHealth a, RealServerHealth b) {
        return a.plan.destination().address().equals(b.plan.destination().address())
                && a.plan.destination().port() == b.plan.destination().port();
    }

    /**
     * Carries a kept real server's health over: each checker matched by its spec (else by its probe: same check
     * of the same target with other timing) keeps what it saw; a new checker starts as at startup unless the same
     * check already runs for another server.
     */
    private void inherit(RealServerHealth before, RealServerHealth now) {
        boolean[] used = new boolean[before.plan.checks().size()];
        for (int i = 0; i < now.plan.checks().size(); i++) {
            CheckSpec spec = now.plan.checks().get(i);
            int match = -1;
            for (int j = 0; j < used.length && match < 0; j++) {
                if (!used[j] && before.plan.checks().get(j).equals(spec)) match = j;
            }
            for (int j = 0; j < used.length && match < 0; j++) {
                if (!used[j] && before.plan.checks().get(j).probe().equals(spec.probe())) match = j;
            }
            if (match >= 0) {
                used[match] = true;
                now.setCheckerUp(i, before.checkerUp(match));
            } else {
                adoptRunningCheck(now, i);
            }
        }
        now.inheritWeight(before);
    }

    private void adoptRunningChecks(RealServerHealth rs) {
        for (int i = 0; i < rs.plan.checks().size(); i++) {
            adoptRunningCheck(rs, i);
        }
    }

    /** A check that already runs (shared with another real server) is already past its warm-up: take its view. */
    private void adoptRunningCheck(RealServerHealth rs, int checker) {
        checks.runner(rs.plan.checks().get(checker)).ifPresent(r -> rs.setCheckerUp(checker, r.state().up()));
    }

    /** Stops the checks and removes what this reconciler installed (and restores the kernel's timeouts). */
    public java.util.concurrent.CompletableFuture<Void> stop() {
        return stop(true);
    }

    /**
     * Stops the checks; with {@code release} (keepalived's default; {@code --dont-release-ipvs} is the
     * opposite) also removes what this reconciler installed and restores the kernel's timeouts.
     */
    public java.util.concurrent.CompletableFuture<Void> stop(boolean release) {
        var done = new java.util.concurrent.CompletableFuture<Void>();
        scheduler.execute(() -> {
            running = false;
            if (addressWatch != null) {
                addressWatch.close();
                addressWatch = null;
            }
            subscriptions.values().forEach(l -> l.forEach(SharedChecks.Subscription::cancel));
            subscriptions.clear();
            if (retry != null) {
                retry.cancel();
            }
            for (VirtualServerHealth vs : virtualServers) {
                if (vs.plan.omega()) {
                    vs.realServers.stream().filter(RealServerHealth::alive)
                            .forEach(rs -> rs.plan.notifyDown().ifPresent(s -> launch("notify_down " + rs.plan.name(), s)));
                    if (vs.quorumUp) {
                        vs.plan.quorumDown().ifPresent(s -> launch("quorum_down " + vs.plan.name(), s));
                    }
                    events.shuttingDown(vs.plan, vs.realServers.stream().filter(RealServerHealth::alive)
                            .map(rs -> rs.plan).toList(), vs.quorumUp);
                }
            }
            if (release) {
                switch (options.onStop()) {
                    case FLUSH -> {
                        if (flush("lvs_flush_on_stop: flushing the whole IPVS table at stop")) {
                            installed = new IpvsTable();
                        }
                    }
                    case DELETE_INSTALLED -> {
                        for (IpvsChange change : installed.changesTo(new IpvsTable())) {
                            kernelCalls++;
                            if (applier.apply(change)) {
                                installed.apply(change);
                            }
                        }
                    }
                }
                originalTimeouts.ifPresent(this::restoreTimeouts);
            }
            done.complete(null);
        });
        return done;
    }

    private void onUpdate(VirtualServerHealth vs, RealServerHealth rs, int checker, CheckUpdate update, java.time.Duration arrived) {
        if (!running || !virtualServers.contains(vs)) {
            return; // a reload replaced this server; its successor has its own subscription
        }
        boolean wasAlive = rs.alive();
        boolean checkerWasUp = rs.checkerUp(checker);
        rs.record(checker, update, arrived);
        boolean changed = rs.update(checker, update);
        if (checkerWasUp != rs.checkerUp(checker)) {
            events.checkerChanged(vs.plan, rs.plan, update.spec(), rs.checkerUp(checker), update.result(), wasAlive, rs.alive());
        }
        if (!changed) {
            return;
        }
        if (wasAlive != rs.alive()) {
            aliveChanged(vs, rs);
        }
        if (vs.updateQuorum()) {
            quorumChanged(vs);
        }
        reconcile();
    }

    private void aliveChanged(VirtualServerHealth vs, RealServerHealth rs) {
        rs.aliveChanged(scheduler.now());
        log.info("{} real server {} of {}", rs.alive() ? "Adding" : "Removing", rs.plan.name(), vs.plan.name());
        (rs.alive() ? rs.plan.notifyUp() : rs.plan.notifyDown()).ifPresent(s ->
                launch((rs.alive() ? "notify_up " : "notify_down ") + rs.plan.name(), s));
    }

    /** Starts following the host's addresses once a virtual server has ha_suspend (keepalived: using_ha_suspend). */
    private void watchAddressesIfNeeded() {
        if (addressWatch != null || virtualServers.stream().allMatch(vs -> vs.plan.haSuspend().isEmpty())) {
            return;
        }
        try {
            addressWatch = options.addresses().watch((entry, present) -> scheduler.execute(() -> addressChanged(entry, present)));
            local.addAll(addressWatch.initial());
        } catch (RuntimeException e) {
            log.error("ha_suspend: cannot follow this host's addresses ({}); the checks of ha_suspend virtual servers "
                    + "stay suspended", e.getMessage());
        }
    }

    private boolean addressHere(VirtualServerHealth vs) {
        for (LocalAddresses.Entry e : local) {
            if (vs.plan.haSuspend().contains(e.address())) {
                return true;
            }
        }
        return false;
    }

    /** An address event: the checks of each ha_suspend virtual server on that address start or stop. */
    private void addressChanged(LocalAddresses.Entry entry, boolean present) {
        if (!running || !(present ? local.add(entry) : local.remove(entry))) {
            return;
        }
        log.debug("Netlink reflector reports IP {} {}", entry.address().getHostAddress(), present ? "added" : "removed");
        boolean changed = false;
        for (VirtualServerHealth vs : virtualServers) {
            if (!vs.plan.haSuspend().contains(entry.address())) {
                continue;
            }
            boolean here = addressHere(vs);
            if (here && vs.suspended) {
                vs.suspended = false;
                logActivity(vs, "Activating");
                for (RealServerHealth rs : vs.realServers) {
                    boolean wasAlive = rs.alive();
                    adoptRunningChecks(rs); // a check another virtual server keeps running: its view now
                    subscribe(vs, rs);
                    if (wasAlive != rs.alive()) {
                        aliveChanged(vs, rs);
                        changed = true;
                    }
                }
                if (vs.updateQuorum()) {
                    quorumChanged(vs);
                }
            } else if (!here && !vs.suspended) {
                vs.suspended = true;
                logActivity(vs, "Suspending");
                for (RealServerHealth rs : vs.realServers) {
                    List<SharedChecks.Subscription> subs = subscriptions.remove(rs);
                    if (subs != null) {
                        subs.forEach(SharedChecks.Subscription::cancel);
                    }
                }
            }
        }
        if (changed) {
            reconcile();
        }
    }

    private static void logActivity(VirtualServerHealth vs, String verb) {
        for (RealServerHealth rs : vs.realServers) {
            for (CheckSpec spec : rs.plan.checks()) {
                log.info("{} healthchecker {} for service {} for VS {} (ha_suspend)", verb, spec.probe().kind(),
                        rs.plan.name(), vs.plan.name());
            }
        }
    }

    /** One FLUSH of the whole table; true when the kernel did it. */
    private boolean flush(String why) {
        kernelCalls++;
        try {
            driver.flush();
            log.info("IPVS: {}", why);
            return true;
        } catch (RuntimeException e) {
            log.error("IPVS cmd flush error ({}): {}", why, e.getMessage());
            return false;
        }
    }

    /** notify_up/down and quorum_up/down: no timeout (keepalived never kills them); logged when they fail. */
    private void launch(String why, Script script) {
        scripts.run(script, Optional.empty()).thenAccept(o -> {
            if (!o.succeeded()) log.warn("{} script '{}' {}", why, script.commandLine(), o.describe());
        });
    }

    private void quorumChanged(VirtualServerHealth vs) {
        if (vs.quorumUp) {
            log.info("Gained quorum {}+{}={} <= {} for VS {}", vs.plan.quorum(), vs.plan.hysteresis(),
                    vs.plan.quorum() + vs.plan.hysteresis(), vs.liveWeight(), vs.plan.name());
            vs.plan.quorumUp().ifPresent(s -> launch("quorum_up " + vs.plan.name(), s));
            events.quorumChanged(vs.plan, true, starting, vs.liveWeight());
        } else {
            log.warn("Lost quorum {}-{}={} > {} for VS {}", vs.plan.quorum(), vs.plan.hysteresis(),
                    vs.plan.quorum() - vs.plan.hysteresis(), vs.liveWeight(), vs.plan.name());
            vs.plan.quorumDown().ifPresent(s -> launch("quorum_down " + vs.plan.name(), s));
            events.quorumChanged(vs.plan, false, starting, vs.liveWeight());
        }
    }

    /** The table the configuration and the live health call for now. */
    IpvsTable wanted() {
        IpvsTable wanted = new IpvsTable();
        virtualServers.forEach(vs -> vs.addWantedTo(wanted));
        return wanted;
    }

    private List<IpvsChange> reconcile() {
        boolean failed = false;
        List<IpvsChange> changes = installed.changesTo(wanted());
        for (IpvsChange change : changes) {
            kernelCalls++;
            if (applier.apply(change)) {
                installed.apply(change);
            } else {
                failed = true;
            }
        }
        if (failed && retry == null && running) {
            retry = scheduler.schedule(RETRY, () -> {
                retry = null;
                if (running) {
                    reconcile();
                }
            });
        }
        return changes;
    }

    private void setTimeouts(Timeouts wantedTimeouts) {
        try {
            originalTimeouts = Optional.of(driver.timeouts());
            driver.setTimeouts(wantedTimeouts);
            log.info("IPVS: timeouts set to tcp {} tcpfin {} udp {}", wantedTimeouts.tcp(), wantedTimeouts.tcpFin(), wantedTimeouts.udp());
        } catch (RuntimeException e) {
            log.error("IPVS cmd set timeouts error: {}", e.getMessage());
        }
    }

    private void restoreTimeouts(Timeouts original) {
        try {
            driver.setTimeouts(original);
        } catch (RuntimeException e) {
            log.error("IPVS cmd restore timeouts error: {}", e.getMessage());
        }
    }

    /** A copy of what this reconciler has installed (read on the scheduler's thread). */
    public IpvsTable installed() {
        return installed.copy();
    }

    /** How many kernel calls it has made (status and tests of minimality). */
    public long kernelCalls() {
        return kernelCalls;
    }

    /** One line per real server: alive, weight; for status output. */
    public List<String> describe() {
        handoff.drain();
        List<String> lines = new ArrayList<>();
        for (VirtualServerHealth vs : virtualServers) {
            lines.add(vs.plan.name() + (vs.quorumUp ? " quorum up" : " quorum DOWN") + " live weight " + vs.liveWeight());
            for (RealServerHealth rs : vs.realServers) {
                lines.add("  " + rs.plan.name() + (rs.alive() ? " up" : " down") + " weight " + rs.weight());
            }
        }
        return lines;
    }

    /** A copy of every virtual and real server's live state; call it on the scheduler's thread. */
    public HealthSnapshot snapshot() {
        handoff.drain();
        return new HealthSnapshot(scheduler.now(), virtualServers.stream().map(vs -> vs.snapshot(installed)).toList());
    }
}
