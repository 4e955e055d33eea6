package io.javalived.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.track.ProcessPattern;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link ProcessWatcher} does (the /proc scanner on real processes, the in-memory twin). */
abstract class ProcessWatcherContract {
    /** A command line nothing else on the machine runs. */
    final String marker = String.valueOf(40_000 + ProcessHandle.current().pid() % 10_000);

    abstract ProcessWatcher watcher();

    /** Starts {@code sleep ARG}; returns a handle for {@link #kill}. */
    abstract Object start(String arg) throws Exception;

    abstract void kill(Object process) throws Exception;

    @Test
    void countsMatchingProcessesAndTellsFollowersOfEachChange() throws Exception {
        var byCommand = new ProcessPattern("sleep", List.of(marker), ProcessPattern.ParamMatch.EXACT, true);
        assertThat(watcher().count(byCommand)).isZero();
        var counts = new LinkedBlockingQueue<Integer>();
        FileWatcher.Subscription s = watcher().follow(byCommand, counts::add);
        Object a = start(marker);
        Object b = start(marker);
        Object other = start(marker + "0");
        try {
            long end = System.nanoTime() + 5_000_000_000L;
            Integer n = 0;
            while (n != null && n != 2 && System.nanoTime() < end) n = counts.poll(5, TimeUnit.SECONDS);
            assertThat(n).as("two with exactly this command line").isEqualTo(2);
            assertThat(watcher().count(byCommand)).isEqualTo(2);
            kill(a);
            assertThat(counts.poll(5, TimeUnit.SECONDS)).isEqualTo(1);
            s.close();
            kill(b);
            assertThat(counts.poll(300, TimeUnit.MILLISECONDS)).as("closed: no more").isNull();
            assertThat(watcher().count(byCommand)).isZero();
        } finally {
            kill(a);
            kill(b);
            kill(other);
        }
    }
}
