package io.javalived.healthcheck.lvs;

import io.javalived.healthcheck.schedule.CheckScheduler;
import io.javalived.healthcheck.schedule.CheckUpdate;
import io.javalived.healthcheck.schedule.SharedChecks;
import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.Timeouts;
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
 */
public final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    static final Duration RETRY = Duration.ofSeconds(5);

    private final List<VirtualServerHealth> virtualServers;
    private final Optional<Timeouts> timeouts;
    private final IpvsDriver driver;
    private final IpvsApplier applier;
    private final SharedChecks checks;
    private final ScriptRunner scripts;
    private final CheckScheduler scheduler;
    private final List<SharedChecks.Subscription> subscriptions = new ArrayList<>();
    private IpvsTable installed = new IpvsTable();
    private Optional<Timeouts> originalTimeouts = Optional.empty();
    private CheckScheduler.Cancellable retry;
    private boolean running;
    private long kernelCalls;

    public Reconciler(List<VirtualServerPlan> plans, Optional<Timeouts> timeouts, IpvsDriver driver, SharedChecks checks,
                      ScriptRunner scripts, CheckScheduler scheduler) {
        this.virtualServers = plans.stream().map(VirtualServerHealth::new).toList();
        this.timeouts = timeouts;
        this.driver = driver;
        this.applier = new IpvsApplier(driver);
        this.checks = checks;
        this.scripts = scripts;
        this.scheduler = scheduler;
    }

    /** Installs the starting table, then subscribes every real server to its checks. */
    public java.util.concurrent.CompletableFuture<Void> start() {
        var done = new java.util.concurrent.CompletableFuture<Void>();
        scheduler.execute(() -> {
            running = true;
            timeouts.ifPresent(this::setTimeouts);
            for (VirtualServerHealth vs : virtualServers) {
                if (vs.updateQuorum()) {
                    quorumChanged(vs);
                }
            }
            reconcile();
            for (VirtualServerHealth vs : virtualServers) {
                for (RealServerHealth rs : vs.realServers) {
                    for (int i = 0; i < rs.plan.checks().size(); i++) {
                        int checker = i;
                        subscriptions.add(checks.subscribe(rs.plan.checks().get(i),
                                update -> scheduler.execute(() -> onUpdate(vs, rs, checker, update))));
                    }
                }
            }
            done.complete(null);
        });
        return done;
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
            subscriptions.forEach(SharedChecks.Subscription::cancel);
            subscriptions.clear();
            if (retry != null) {
                retry.cancel();
            }
            for (VirtualServerHealth vs : virtualServers) {
                if (vs.plan.omega()) {
                    vs.realServers.stream().filter(RealServerHealth::alive)
                            .forEach(rs -> rs.plan.notifyDown().ifPresent(argv -> scripts.run("notify_down " + rs.plan.name(), argv)));
                    if (vs.quorumUp) {
                        vs.plan.quorumDown().ifPresent(argv -> scripts.run("quorum_down " + vs.plan.name(), argv));
                    }
                }
            }
            if (release) {
                for (IpvsChange change : installed.changesTo(new IpvsTable())) {
                    kernelCalls++;
                    if (applier.apply(change)) {
                        installed.apply(change);
                    }
                }
                originalTimeouts.ifPresent(this::restoreTimeouts);
            }
            done.complete(null);
        });
        return done;
    }

    private void onUpdate(VirtualServerHealth vs, RealServerHealth rs, int checker, CheckUpdate update) {
        if (!running) {
            return;
        }
        boolean wasAlive = rs.alive();
        rs.record(checker, update, scheduler.now());
        if (!rs.update(checker, update)) {
            return;
        }
        if (wasAlive != rs.alive()) {
            rs.aliveChanged(scheduler.now());
            log.info("{} real server {} of {}", rs.alive() ? "Adding" : "Removing", rs.plan.name(), vs.plan.name());
            (rs.alive() ? rs.plan.notifyUp() : rs.plan.notifyDown()).ifPresent(argv ->
                    scripts.run((rs.alive() ? "notify_up " : "notify_down ") + rs.plan.name(), argv));
        }
        if (vs.updateQuorum()) {
            quorumChanged(vs);
        }
        reconcile();
    }

    private void quorumChanged(VirtualServerHealth vs) {
        if (vs.quorumUp) {
            log.info("Gained quorum {}+{}={} <= {} for VS {}", vs.plan.quorum(), vs.plan.hysteresis(),
                    vs.plan.quorum() + vs.plan.hysteresis(), vs.liveWeight(), vs.plan.name());
            vs.plan.quorumUp().ifPresent(argv -> scripts.run("quorum_up " + vs.plan.name(), argv));
        } else {
            log.warn("Lost quorum {}-{}={} > {} for VS {}", vs.plan.quorum(), vs.plan.hysteresis(),
                    vs.plan.quorum() - vs.plan.hysteresis(), vs.liveWeight(), vs.plan.name());
            vs.plan.quorumDown().ifPresent(argv -> scripts.run("quorum_down " + vs.plan.name(), argv));
        }
    }

    /** The table the configuration and the live health call for now. */
    IpvsTable wanted() {
        IpvsTable wanted = new IpvsTable();
        virtualServers.forEach(vs -> vs.addWantedTo(wanted));
        return wanted;
    }

    private void reconcile() {
        boolean failed = false;
        for (IpvsChange change : installed.changesTo(wanted())) {
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
        return new HealthSnapshot(scheduler.now(), virtualServers.stream().map(vs -> vs.snapshot(installed)).toList());
    }
}
