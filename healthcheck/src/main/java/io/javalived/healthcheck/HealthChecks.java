package io.javalived.healthcheck;

import io.javalived.healthcheck.lvs.HealthSnapshot;
import io.javalived.healthcheck.lvs.LocalAddresses;
import io.javalived.healthcheck.lvs.LvsPlanner;
import io.javalived.healthcheck.lvs.Reconciler;
import io.javalived.scripts.ScriptRunner;
import io.javalived.healthcheck.probe.CheckerLoop;
import io.javalived.healthcheck.schedule.CheckScheduler;
import io.javalived.healthcheck.schedule.EpollLoop;
import io.javalived.healthcheck.schedule.LoopHeartbeat;
import io.javalived.healthcheck.schedule.SharedChecks;
import io.javalived.ipvs.IpvsDriver;
import io.javalived.parser.model.KeepalivedConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.javalived.healthcheck.lvs.IpvsChange;

/**
 * The health-check subsystem, whole: checkers on the {@link CheckerLoop} (an epoll loop thread, Netty for the
 * protocol checks, made only when such a check runs), the reconciler on an epoll loop thread of its own ("reconciler":
 * a slow kernel call never delays a probe), both built from the configuration and driving
 * the given {@link IpvsDriver}. {@link #close} stops the checks and removes what was installed.
 */
public final class HealthChecks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthChecks.class);

    private final CheckerLoop loop;
    private final EpollLoop reconcilerLoop;
    private final SharedChecks checks;
    private final Reconciler reconciler;
    private final List<String> warnings;
    private boolean releaseOnClose = true;
    private final LoopHeartbeat checkerHeartbeat;
    private final LoopHeartbeat reconcilerHeartbeat;
    private volatile HealthSnapshot lastSnapshot;
    /** How often each loop proves it turns (the stall age of a healthy loop stays below this). */
    static final Duration HEARTBEAT = Duration.ofMillis(500);

    private HealthChecks(KeepalivedConfig config, IpvsDriver driver, ScriptRunner scripts, int threads, LocalAddresses addresses,
                         io.javalived.healthcheck.lvs.HealthEvents events) {
        LvsPlanner.Plan plan = LvsPlanner.plan(config);
        this.warnings = plan.warnings();
        warnings.forEach(w -> log.warn("{}", w));
        this.loop = new CheckerLoop(threads, scripts);
        this.reconcilerLoop = new EpollLoop("reconciler");
        CheckScheduler checkerScheduler = loop.scheduler();
        this.checks = new SharedChecks(loop.prober(), checkerScheduler, new SplittableRandom());
        this.reconciler = new Reconciler(plan.virtualServers(), plan.timeouts(), plan.options().withAddresses(addresses), driver,
                checks, scripts, reconcilerLoop);
        this.reconciler.events(events);
        this.checkerHeartbeat = new LoopHeartbeat(checkerScheduler, HealthChecks::monotonic, HEARTBEAT);
        this.reconcilerHeartbeat = new LoopHeartbeat(reconcilerLoop, HealthChecks::monotonic, HEARTBEAT);
    }

    /**
     * Builds and starts everything without a source of the host's addresses: a virtual server with ha_suspend then
     * never runs its checks (the daemon passes one, see the other overload).
     */
    public static HealthChecks start(KeepalivedConfig config, IpvsDriver driver, ScriptRunner scripts, int threads) {
        return start(config, driver, scripts, threads, LocalAddresses.NONE);
    }

    /**
     * Builds and starts everything; returns once the starting table is installed (after lvs_flush, when set).
     * {@code addresses} tells ha_suspend which addresses this host has; it is watched only when a virtual server
     * has ha_suspend.
     */
    public static HealthChecks start(KeepalivedConfig config, IpvsDriver driver, ScriptRunner scripts, int threads,
                                     LocalAddresses addresses) {
        return start(config, driver, scripts, threads, addresses, io.javalived.healthcheck.lvs.HealthEvents.NONE);
    }

    /** As {@link #start(KeepalivedConfig, IpvsDriver, ScriptRunner, int, LocalAddresses)}, telling {@code events} what happens. */
    public static HealthChecks start(KeepalivedConfig config, IpvsDriver driver, ScriptRunner scripts, int threads,
                                     LocalAddresses addresses, io.javalived.healthcheck.lvs.HealthEvents events) {
        HealthChecks h = new HealthChecks(config, driver, scripts, threads, addresses, events);
        h.reconciler.start().join();
        h.checkerHeartbeat.start();
        h.reconcilerHeartbeat.start();
        log.info("health checks started: {} virtual servers, {} distinct checks", config.virtualServers().size(), h.checks.running());
        return h;
    }

    /**
     * A reload: plans the new configuration and hands it to the reconciler, which keeps the health of kept real
     * servers and unchanged checks running and makes only the kernel calls that close the difference.
     *
     * @return the kernel calls made; none for an unchanged configuration
     */
    public List<IpvsChange> reload(KeepalivedConfig config) {
        LvsPlanner.Plan plan = LvsPlanner.plan(config);
        plan.warnings().forEach(w -> log.warn("{}", w));
        List<IpvsChange> changes = reconciler.reload(plan.virtualServers(), plan.timeouts()).join();
        log.info("health checks reloaded: {} virtual servers, {} distinct checks, {} kernel call(s)",
                config.virtualServers().size(), checks.running(), changes.size());
        return changes;
    }

    /** keepalived's {@code --dont-release-ipvs}: leave the table as it is on close. */
    public void keepTableOnClose() {
        releaseOnClose = false;
    }

    /** What the planner could not honour, one line each with file:line. */
    public List<String> warnings() {
        return warnings;
    }

    /** How many distinct checks run (identical checks of one target are shared). */
    public int runningChecks() {
        return checks.running();
    }

    /** One line per virtual and real server: quorum, up/down, weight. */
    public List<String> status() {
        CompletableFuture<List<String>> lines = new CompletableFuture<>();
        reconcilerLoop.execute(() -> lines.complete(reconciler.describe()));
        return lines.join();
    }

    /**
     * A copy of every virtual and real server's live state, taken on the reconciler's thread. When that thread
     * does not answer within {@code wait} (a blocked loop), the previous copy (empty before the first): the
     * loop's stall age ({@link #loopStalls()}) says why it is old.
     */
    public java.util.Optional<HealthSnapshot> snapshot(Duration wait) {
        CompletableFuture<HealthSnapshot> copy = new CompletableFuture<>();
        reconcilerLoop.execute(() -> copy.complete(reconciler.snapshot()));
        try {
            lastSnapshot = copy.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            log.debug("the reconciler did not answer within {} ms; status shows its previous state", wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            log.error("status snapshot failed: {}", e.getCause().toString());
        }
        return java.util.Optional.ofNullable(lastSnapshot);
    }

    /** The clock of {@link HealthSnapshot}'s times, now (monotonic; readable from any thread). */
    public Duration now() {
        return reconcilerLoop.now();
    }

    /**
     * For each loop ({@code checker}: the checks' timers and results; {@code reconciler}: kernel calls), the time
     * since it last proved it turns: below {@link #HEARTBEAT} while it runs, growing while it is blocked.
     */
    public Map<String, Duration> loopStalls() {
        Map<String, Duration> stalls = new LinkedHashMap<>();
        stalls.put("checker", checkerHeartbeat.stallAge());
        stalls.put("reconciler", reconcilerHeartbeat.stallAge());
        return stalls;
    }

    private static Duration monotonic() {
        return Duration.ofNanos(System.nanoTime());
    }

    @Override
    public void close() {
        checkerHeartbeat.stop();
        reconcilerHeartbeat.stop();
        try {
            reconciler.stop(releaseOnClose).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.error("stopping the reconciler: {}", e.toString());
        }
        loop.close();
        reconcilerLoop.close();
    }
}
