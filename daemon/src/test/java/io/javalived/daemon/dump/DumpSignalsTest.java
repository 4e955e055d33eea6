package io.javalived.daemon.dump;

import io.javalived.daemon.status.ReloadHistory;
import io.javalived.daemon.status.StatusFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Real signals sent to this JVM with kill(1) produce the dumps. */
class DumpSignalsTest {

    @Test
    void usr1Usr2AndUrgWriteTheDumps(@TempDir Path dir) throws Exception {
        DumpPaths paths = new DumpPaths(dir.resolve("d"), dir.resolve("s"), dir.resolve("j"), 1);
        DumpWriter writer = new DumpWriter(StatusFixtures.service(StatusFixtures.seed(), new ReloadHistory()), paths);
        assertThat(DumpSignals.install(writer)).containsExactly("SIGUSR1", "SIGUSR2", "SIGURG");
        long pid = ProcessHandle.current().pid();
        for (String[] sig : new String[][]{{"USR1", "d"}, {"USR2", "s"}, {"URG", "j"}}) {
            Path f = dir.resolve(sig[1]);
            assertThat(f).doesNotExist();
            int rc = new ProcessBuilder("kill", "-" + sig[0], Long.toString(pid)).inheritIO().start().waitFor();
            assertThat(rc).isZero();
            awaitFile(f);
            assertThat(Files.readString(f)).contains("VI_1");
        }
    }

    private static void awaitFile(Path f) throws InterruptedException {
        for (int i = 0; i < 200 && !Files.exists(f); i++) {
            Thread.sleep(50);
        }
        assertThat(f).as("dump written within 10 s of the signal").exists();
    }
}
