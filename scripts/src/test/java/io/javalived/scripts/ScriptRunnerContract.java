package io.javalived.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ScriptRunner} does; the real runner and its in-memory twin both pass it. */
abstract class ScriptRunnerContract {

    protected ScriptRunner runner;

    protected abstract ScriptRunner newRunner();

    /** A script that exits with {@code status}. */
    protected abstract Script exiting(int status);

    /** A script that runs until it is killed. */
    protected abstract Script endless();

    /** A script that kills itself with {@code signal}. */
    protected abstract Script killedBy(int signal);

    @BeforeEach
    void open() {
        runner = newRunner();
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    private static ScriptOutcome await(java.util.concurrent.CompletableFuture<ScriptOutcome> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    @Test
    void exitZeroSucceeds() throws Exception {
        ScriptOutcome o = await(runner.run(exiting(0), Duration.ofSeconds(10)));
        assertThat(o).isInstanceOf(ScriptOutcome.Exited.class);
        assertThat(o.succeeded()).isTrue();
    }

    @Test
    void exitStatusIsReported() throws Exception {
        assertThat(await(runner.run(exiting(3), Duration.ofSeconds(10)))).isEqualTo(new ScriptOutcome.Exited(3, ""));
        assertThat(await(runner.run(exiting(255), Optional.empty()))).isEqualTo(new ScriptOutcome.Exited(255, ""));
    }

    @Test
    void anExitStatusAbove128IsNotMistakenForASignal() throws Exception {
        assertThat(await(runner.run(exiting(137), Duration.ofSeconds(10)))).isEqualTo(new ScriptOutcome.Exited(137, ""));
    }

    @Test
    void deathBySignalIsReportedApartFromExitStatus() throws Exception {
        ScriptOutcome o = await(runner.run(killedBy(9), Duration.ofSeconds(10)));
        assertThat(o).isEqualTo(new ScriptOutcome.Killed(9, ""));
        assertThat(o.succeeded()).isFalse();
        assertThat(await(runner.run(killedBy(15), Duration.ofSeconds(10)))).isEqualTo(new ScriptOutcome.Killed(15, ""));
    }

    @Test
    void aScriptThatOutlivesItsTimeoutTimesOut() throws Exception {
        long t0 = System.nanoTime();
        ScriptOutcome o = await(runner.run(endless(), Duration.ofMillis(300)));
        assertThat(o).isInstanceOf(ScriptOutcome.TimedOut.class);
        assertThat(((ScriptOutcome.TimedOut) o).after()).isEqualTo(Duration.ofMillis(300));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void stopEndsRunningScriptsAndRefusesNewOnes() throws Exception {
        var running = runner.run(endless(), Optional.empty());
        Thread.sleep(200);
        assertThat(running).isNotDone();
        runner.close();
        assertThat(await(running)).isInstanceOf(ScriptOutcome.Stopped.class);
        assertThat(await(runner.run(exiting(0), Optional.empty()))).isInstanceOf(ScriptOutcome.NotStarted.class);
    }
}
