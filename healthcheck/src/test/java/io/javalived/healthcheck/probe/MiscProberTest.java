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

    @Test
    void higherExitCodesAreUpAndWithMiscDynamicSetTheWeight() throws Exception {
        assertThat(run(true, Duration.ofSeconds(5), "/bin/sh", "-c", "exit 7"))
                .isInstanceOfSatisfying(CheckResult.Up.class, u -> assertThat(u.dynamicWeight()).isEqualTo(OptionalInt.of(5)));
        assertThat(run(false, Duration.ofSeconds(5), "/bin/sh", "-c", "exit 7"))
                .isInstanceOfSatisfying(CheckResult.Up.class, u -> assertThat(u.dynamicWeight()).isEmpty());
        assertThat(run(true, Duration.ofSeconds(5), "/bin/sh", "-c", "exit 2"))
                .isInstanceOfSatisfying(CheckResult.Up.class, u -> assertThat(u.dynamicWeight()).isEqualTo(OptionalInt.of(0)));
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
    void aMissingProgramIsDownWithTheReason() throws Exception {
        CheckResult r = run(false, Duration.ofSeconds(5), "/nonexistent/check-web02");
        assertThat(r).isInstanceOfSatisfying(CheckResult.Down.class,
                d -> assertThat(d.failure().describe()).contains("cannot run /nonexistent/check-web02"));
    }
}
