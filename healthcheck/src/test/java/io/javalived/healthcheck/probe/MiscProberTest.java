package io.javalived.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MISC_CHECK with real processes. */
class MiscProberTest {

    static final CheckerLoop loop = new CheckerLoop(1);
    static final Prober prober = loop.prober();

    @AfterAll
    static void close() {
        loop.close();
    }

    static CheckResult run(boolean dynamic, Duration timeout, String... argv) throws Exception {
        return prober.probe(new MiscProbe(List.of(argv), timeout, dynamic)).get();
    }

    @Test
    void exitZeroIsUpAndOneIsDown() throws Exception {
        assertThat(run(false, Duration.ofSeconds(5), "/bin/true")).isInstanceOf(CheckResult.Up.class);
        assertThat(run(false, Duration.ofSeconds(5), "/bin/false"))
                .isInstanceOfSatisfying(CheckResult.Down.class, d -> assertThat(d.failure()).isEqualTo(new Failure.ExitCode(1)));
    }

    static void assertDown(CheckResult r, Failure f) {
        assertThat(r).isInstanceOfSatisfying(CheckResult.Down.class, d -> assertThat(d.failure()).isEqualTo(f));
    }

    @Test
    void withoutMiscDynamicOnlyExitZeroIsUp() throws Exception {
        // keepalived 2.2.7 (check_misc.c): status 0 up; any other status, or a death by signal, down
        for (int status : new int[] {1, 2, 3, 127, 130, 255}) {
            assertDown(run(false, Duration.ofSeconds(5), "/bin/sh", "-c", "exit " + status), new Failure.ExitCode(status));
        }
        assertDown(run(false, Duration.ofSeconds(5), "/bin/sh", "-c", "kill -KILL $$"), new Failure.KilledBySignal(9));
        assertDown(run(false, Duration.ofSeconds(5), "/bin/sh", "-c", "kill -TERM $$"), new Failure.KilledBySignal(15));
    }

    @Test
    void withMiscDynamicExitTwoTo255IsUpWithWeightStatusMinusTwo() throws Exception {
        assertThat(run(true, Duration.ofSeconds(5), "/bin/sh", "-c", "exit 7"))
                .isInstanceOfSatisfying(CheckResult.Up.class, u -> assertThat(u.dynamicWeight()).isEqualTo(OptionalInt.of(5)));
        assertThat(run(true, Duration.ofSeconds(5), "/bin/sh", "-c", "exit 2"))
                .isInstanceOfSatisfying(CheckResult.Up.class, u -> assertThat(u.dynamicWeight()).isEqualTo(OptionalInt.of(0)));
        assertThat(run(true, Duration.ofSeconds(5), "/bin/sh", "-c", "exit 255"))
                .isInstanceOfSatisfying(CheckResult.Up.class, u -> assertThat(u.dynamicWeight()).isEqualTo(OptionalInt.of(253)));
        // exit 0 keeps the configured weight
        assertThat(run(true, Duration.ofSeconds(5), "/bin/true"))
                .isInstanceOfSatisfying(CheckResult.Up.class, u -> assertThat(u.dynamicWeight()).isEmpty());
        // exit 137 is a status (weight 135); SIGKILL (which Java alone would also report as 137) is down
        assertThat(run(true, Duration.ofSeconds(5), "/bin/sh", "-c", "exit 137"))
                .isInstanceOfSatisfying(CheckResult.Up.class, u -> assertThat(u.dynamicWeight()).isEqualTo(OptionalInt.of(135)));
        assertDown(run(true, Duration.ofSeconds(5), "/bin/sh", "-c", "kill -KILL $$"), new Failure.KilledBySignal(9));
        assertDown(run(true, Duration.ofSeconds(5), "/bin/false"), new Failure.ExitCode(1));
    }

    @Test
    void argumentsArePassedWithoutAShell(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("a b;c");
        assertThat(run(false, Duration.ofSeconds(5), "/usr/bin/touch", marker.toString()).isUp()).isTrue();
        assertThat(marker).exists();
    }

    @Test
    void aScriptThatOutlivesMiscTimeoutIsDownAndKilled(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("pid");
        CheckResult r = run(false, Duration.ofMillis(500), "/bin/sh", "-c", "echo $$ > " + pidFile + "; exec sleep 30");
        assertThat(r).isInstanceOfSatisfying(CheckResult.Down.class,
                d -> assertThat(d.failure()).isEqualTo(new Failure.Timeout(Failure.Phase.SCRIPT)));
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        var handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            handle.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aMissingProgramIsDown() throws Exception {
        // (keepalived's child exits 0 after a failed exec, which counts as up; its config check removes such a checker)
        for (boolean dynamic : new boolean[] {false, true}) {
            assertThat(run(dynamic, Duration.ofSeconds(5), "/nonexistent/check-web02")).isInstanceOfSatisfying(CheckResult.Down.class,
                    d -> assertThat(d.failure().describe()).isEqualTo("cannot run /nonexistent/check-web02: No such file or directory"));
        }
    }
}
