package io.javalived.healthcheck.probe;

import io.javalived.scripts.ScriptOutcome;
import io.javalived.scripts.ScriptRunner;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * MISC_CHECK through the one {@link ScriptRunner} (its own process group, stdin /dev/null, the script user,
 * misc_timeout killing the whole group). keepalived 2.2.7's rules (check_misc.c): exit 0 up; with misc_dynamic
 * exit 2..255 up with weight status - 2; any other exit status, a death by signal or the timeout: down.
 */
final class MiscProber {

    private final ScriptRunner runner;

    MiscProber(ScriptRunner runner) {
        this.runner = runner;
    }

    CompletableFuture<CheckResult> probe(MiscProbe probe) {
        Stopwatch watch = Stopwatch.start();
        return runner.run(probe.script(), probe.timeout()).thenApply(o -> classify(o, probe.dynamic(), watch));
    }

    static CheckResult classify(ScriptOutcome outcome, boolean dynamic, Stopwatch watch) {
        return switch (outcome) {
            case ScriptOutcome.Exited e when e.status() == 0 -> CheckResult.Up.after(watch.elapsed());
            case ScriptOutcome.Exited e when dynamic && e.status() >= 2 ->
                    new CheckResult.Up(watch.elapsed(), OptionalInt.of(e.status() - 2));
            case ScriptOutcome.Exited e -> new CheckResult.Down(watch.elapsed(), new Failure.ExitCode(e.status()));
            case ScriptOutcome.Killed k -> new CheckResult.Down(watch.elapsed(), new Failure.KilledBySignal(k.signal()));
            case ScriptOutcome.TimedOut t -> new CheckResult.Down(watch.elapsed(), new Failure.Timeout(Failure.Phase.SCRIPT));
            case ScriptOutcome.Stopped s -> new CheckResult.Down(watch.elapsed(), new Failure.IoError("script killed at stop"));
            case ScriptOutcome.NotStarted n -> new CheckResult.Down(watch.elapsed(),
                    new Failure.IoError(n.reason()));
        };
    }
}
