package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabProcess;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * global_defs notify_fifo: the same config run by keepalived 2.2.7 and by javalived writes the same lines into the
 * FIFO ({@code INSTANCE "VI_1" BACKUP 100}, {@code MASTER 100}, {@code STOP 100}), and javalived also logs, at start,
 * the settings it parses but does not apply yet, each with its file:line.
 */
@Tag("netns")
@Tag("keepalived")
class NotifyFifoInteropTest {
    VrrpLab lab;

    @BeforeEach
    void setUp() {
        lab = VrrpLab.withKeepalived();
    }

    @AfterEach
    void tearDown() {
        if (lab != null) lab.close();
    }

    /** Reads a FIFO from before the router opens it until after it stopped (the test holds it open read-write). */
    static final class FifoReader implements AutoCloseable {
        private final RandomAccessFile pipe;
        private final StringBuilder text = new StringBuilder();
        private final Thread reader;

        FifoReader(Path fifo) throws Exception {
            new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
            this.pipe = new RandomAccessFile(fifo.toFile(), "rw"); // O_RDWR: no wait for a writer, data kept
            this.reader = new Thread(() -> {
                byte[] buf = new byte[4096];
                try {
                    for (int n; (n = pipe.read(buf)) > 0; ) {
                        synchronized (text) {
                            text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        }
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            }, "fifo-reader");
            reader.setDaemon(true);
            reader.start();
        }

        String text() {
            synchronized (text) {
                return text.toString();
            }
        }

        boolean await(String s, Duration timeout) throws InterruptedException {
            for (long end = System.nanoTime() + timeout.toNanos(); System.nanoTime() < end; Thread.sleep(20)) {
                if (text().contains(s)) return true;
            }
            return text().contains(s);
        }

        @Override
        public void close() throws Exception {
            pipe.close();
        }
    }

    private String lines(Path conf, boolean keepalived, Path fifo) throws Exception {
        try (FifoReader r = new FifoReader(fifo)) {
            LabProcess router = keepalived ? lab.keepalived("lb01", conf) : lab.javalived("lb01", conf);
            assertThat(r.await("MASTER", Duration.ofSeconds(30))).as(() -> router.output()).isTrue();
            Thread.sleep(500);
            router.signal("TERM");
            assertThat(router.waitFor(Duration.ofSeconds(10))).isPresent();
            assertThat(r.await("STOP", Duration.ofSeconds(3))).as(() -> r.text() + "\n" + router.output()).isTrue();
            if (!keepalived) {
                String log = router.output();
                List<String> text = Files.readAllLines(conf);
                int line = text.indexOf("  promote_secondaries") + 1;
                assertThat(log).contains("WARN  (" + conf + ": Line " + line
                        + ") vrrp_instance VI_1: promote_secondaries is not applied by javalived").contains("[warning KA400]");
            }
            return r.text();
        }
    }

    @Test
    void theFifoGetsKeepalivedsLines() throws Exception {
        Path kaFifo = lab.lab.dir().resolve("ka.fifo");
        Path jlFifo = lab.lab.dir().resolve("jl.fifo");
        // alone, priority 100: BACKUP at start, MASTER after Master_Down_Interval, STOP at SIGTERM
        String conf = VrrpLab.conf("lb01", 3, "MASTER", 100, "0.1", null, List.of(), null, "  promote_secondaries\n");
        Path ka = lab.write("ka.conf", conf.replace("global_defs {\n", "global_defs {\n  notify_fifo " + kaFifo + "\n"));
        Path jl = lab.write("jl.conf", conf.replace("global_defs {\n", "global_defs {\n  notify_fifo " + jlFifo + "\n"));
        String fromKeepalived = lines(ka, true, kaFifo);
        String fromJavalived = lines(jl, false, jlFifo);
        assertThat(fromKeepalived).as("what keepalived 2.2.7 writes").contains("INSTANCE \"VI_1\" MASTER 100\n")
                .endsWith("INSTANCE \"VI_1\" STOP 100\n");
        System.out.print("keepalived's FIFO lines:\n" + fromKeepalived);
        assertThat(fromJavalived).isEqualTo(fromKeepalived);
    }
}
