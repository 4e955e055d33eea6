package io.javalived.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.track.ProcessPattern;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The /proc scanner on real processes: a started process is counted, a killed one no longer, each within a period. */
class ProcScannerTest {
    @Test
    void countsRealProcessesByCommandLineAndNoticesTheirEnd() throws Exception {
        String marker = "31" + ProcessHandle.current().pid();
        var pattern = new ProcessPattern("sleep", List.of(marker), ProcessPattern.ParamMatch.EXACT, true);
        var counts = new LinkedBlockingQueue<Integer>();
        try (var scanner = new ProcScanner()) {
            assertThat(scanner.count(pattern)).isZero();
            scanner.follow(pattern, counts::add);
            Process p = new ProcessBuilder("sleep", marker).start();
            try {
                Integer n = counts.poll(5, TimeUnit.SECONDS);
                if (n != null && n == 0) n = counts.poll(5, TimeUnit.SECONDS); // a first scan before it started
                assertThat(n).isEqualTo(1);
                long t = System.nanoTime();
                p.destroyForcibly().waitFor();
                assertThat(counts.poll(5, TimeUnit.SECONDS)).isZero();
                System.out.printf("ProcScanner: a killed process noticed after %d ms%n", (System.nanoTime() - t) / 1_000_000);
            } finally {
                p.destroyForcibly();
            }
            long cpu = 0;
            var bean = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int i = 0; i < 50; i++) ProcScanner.scan(List.of(pattern)); // warm up
            for (int i = 0; i < 20; i++) {
                long c0 = bean.getCurrentThreadCpuTime();
                ProcScanner.scan(List.of(pattern));
                cpu += bean.getCurrentThreadCpuTime() - c0;
            }
            long procs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))
                    .filter(x -> x.getFileName().toString().matches("\\d+")).count();
            System.out.printf("ProcScanner: one scan of %d processes costs %.2f ms of CPU%n", procs, cpu / 20 / 1e6);
        }
    }
}
