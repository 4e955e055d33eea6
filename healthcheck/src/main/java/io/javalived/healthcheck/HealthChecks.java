package io.javalived.healthcheck;

import io.javalived.healthcheck.lvs.LvsPlanner;
import io.javalived.healthcheck.lvs.Reconciler;
import io.javalived.healthcheck.lvs.ScriptRunner;
import io.javalived.healthcheck.probe.CheckerLoop;
import io.javalived.healthcheck.schedule.EventLoopScheduler;
import io.javalived.healthcheck.schedule.SharedChecks;
import io.javalived.ipvs.IpvsDriver;
import io.javalived.parser.model.KeepalivedConfig;
import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health-check subsystem, whole: checkers on one Netty event loop group, the reconciler on a thread
 * of its own (a slow kernel call never delays a probe), both built from the configuration and driving
 * the given {@link IpvsDriver}. {@link #close} stops the checks and removes what was installed.
 */
public final class HealthChecks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthChecks.class);

    private final CheckerLoop loop;
    private final DefaultEventLoop reconcilerLoop;
    private final SharedChecks checks;
    private final Reconciler reconciler;
    private final List<String> warnings;
    private boolean releaseOnClose = true;

    private HealthChecks(KeepalivedConfig config, IpvsDriver driver, ScriptRunner scripts, int threads) {
        LvsPlanner.Plan plan = LvsPlanner.plan(config);
        this.warnings = plan.warnings();
        warnings.forEach(w -> log.warn("{}", w));
        this.loop = new CheckerLoop(threads);
        this.reconcilerLoop = new DefaultEventLoop(new DefaultThreadFactory("reconciler", true));
        this.checks = new SharedChecks(loop.prober(), new EventLoopScheduler(loop.group().next()), new SplittableRandom());
        this.reconciler = new Reconciler(plan.virtualServers(), plan.timeouts(), driver, checks, scripts,
                new EventLoopScheduler(reconcilerLoop));
    }

    /** Builds and starts everything; returns once the starting table is installed. */
    public static HealthChecks start(KeepalivedConfig config, IpvsDriver driver, ScriptRunner scripts, int threads) {
        HealthChecks h = new HealthChecks(config, driver, scripts, threads);
        h.reconciler.start().join();
        log.info("health checks started: {} virtual servers, {} distinct checks", config.virtualServers().size(), h.checks.running());
        return h;
    }

    /**
     * A reload: plans the new configuration and hands it to the reconciler, which keeps the health of kept real
     * servers and unchanged checks running and makes only the kernel calls that close the difference.
     *
     * @return the kernel calls made; none for an unchanged configuration
     */
    public List<io.javalived.healthcheck.lvs.IpvsChange> reload(KeepalivedConfig config) {
        LvsPlanner.Plan plan = LvsPlanner.plan(config);
        plan.warnings().forEach(w -> log.warn("{}", w));
        List<io.javalived.healthcheck.lvs.IpvsChange> changes = reconciler.reload(plan.virtualServers(), plan.timeouts()).join();
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

    @Override
    public void close() {
        try {
            reconciler.stop(releaseOnClose).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.error("stopping the reconciler: {}", e.toString());
        }
        loop.close();
        reconcilerLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
