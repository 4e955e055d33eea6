package io.javalived.daemon.lifecycle;

import io.javalived.parser.model.GlobalDefs;
import io.javalived.parser.model.StartStopScript;
import io.javalived.scripts.Script;
import io.javalived.scripts.ScriptOutcome;
import io.javalived.scripts.ScriptPolicy;
import io.javalived.scripts.ScriptRunner;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * global_defs {@code startup_script} and {@code shutdown_script}, as keepalived 2.2.7's parent process runs them
 * (core/main.c): the startup script before VRRP and the checkers start, which wait for it; the shutdown script after
 * they stopped, before the process ends. Each through the one {@link ScriptRunner} with its own timeout
 * ({@code startup_script_timeout}, {@code shutdown_script_timeout}, 10 s by default): at the timeout "startup script
 * timed out", SIGTERM to its process group, SIGKILL 2 s later. A non-zero exit is logged ("startup script failed,
 * status 3"); nothing else depends on it. Who it runs as and whether it may run: the scripts module's
 * {@link ScriptPolicy} (its own {@code user [group]}, else script_user; keepalived's security check).
 */
public final class StartStopScripts {
    private static final Logger log = LoggerFactory.getLogger(StartStopScripts.class);
    /** The runner's SIGKILL comes 2 s after SIGTERM; allow for that and for a slow machine. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    private final Optional<Prepared> startup;
    private final Optional<Prepared> shutdown;
    private final ScriptRunner runner;
    private final boolean logDetail;

    private record Prepared(String type, Script script, Duration timeout) {}

    private StartStopScripts(Optional<Prepared> startup, Optional<Prepared> shutdown, ScriptRunner runner, boolean logDetail) {
        this.startup = startup;
        this.shutdown = shutdown;
        this.runner = runner;
        this.logDetail = logDetail;
    }

    /** Checks both scripts (keepalived's messages, with their file:line) and keeps the ones that may run. */
    public static StartStopScripts of(GlobalDefs g, ScriptPolicy policy, ScriptRunner runner, boolean logDetail) {
        Optional<Prepared> up = g.startupScript().flatMap(s -> prepare("startup", s, policy));
        Optional<Prepared> down = g.shutdownScript().flatMap(s -> prepare("shutdown", s, policy));
        if (g.startupScript().isPresent() || g.shutdownScript().isPresent()) {
            policy.violation("start/shutdown scripts").ifPresent(log::warn);
        }
        return new StartStopScripts(up, down, runner, logDetail);
    }

    private static Optional<Prepared> prepare(String type, StartStopScript s, ScriptPolicy policy) {
        var c = s.command();
        ScriptPolicy.Prepared p = policy.prepare(ScriptPolicy.Kind.NOTIFY, type, c.argv(), c.user(), c.group());
        p.messages().forEach(m -> log.warn("{}: {}", s.location(), m));
        return p.script().map(script -> new Prepared(type, script, s.timeout()));
    }

    /** Runs the startup script, if any, and returns once it ended or was killed. */
    public void runStartup() {
        startup.ifPresent(this::run);
    }

    /** Runs the shutdown script, if any, and returns once it ended or was killed. */
    public void runShutdown() {
        shutdown.ifPresent(this::run);
    }

    private void run(Prepared p) {
        String program = p.script().argv().getFirst();
        if (logDetail) log.info("Running {} script {}", p.type(), program);
        ScriptOutcome outcome;
        try {
            outcome = runner.run(p.script(), Optional.of(p.timeout()))
                    .get(p.timeout().plus(KILL_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("{} script (PID unknown) failed to terminate after kill", p.type());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            log.warn("Call of {} script {} failed: {}", p.type(), program, e.getCause().toString());
            return;
        }
        switch (outcome) {
            case ScriptOutcome.Exited x when x.status() == 0 -> {
                if (logDetail) log.info("{} script succeeded", p.type());
            }
            case ScriptOutcome.Exited x -> log.info("{} script failed, status {}", p.type(), x.status());
            case ScriptOutcome.TimedOut t -> log.warn("{} script timed out", p.type());
            case ScriptOutcome.NotStarted n -> log.warn("Call of {} script {} failed: {}", p.type(), program, n.reason());
            default -> log.info("{} script {}", p.type(), outcome.describe());
        }
    }
}
