package io.javalived.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inotify watcher on real files, beyond the contract ({@link LinuxFileWatcherContractTest}): each rewrite is read
 * once whole (never the truncated empty file), symbolic links are resolved.
 */
class LinuxFileWatcherTest {
    @TempDir
    Path dir;

    @Test
    void eachRewriteIsReadOnceWholeAndADeletedFileReadsEmpty() throws Exception {
        Path f = dir.resolve("prio");
        var seen = new LinkedBlockingQueue<String>();
        try (var w = new LinuxFileWatcher()) {
            w.follow(f, seen::add);
            for (int i = 1; i <= 20; i++) {
                Files.writeString(f, i + "\n"); // open O_TRUNC, write, close: never seen empty
                assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo(i + "\n");
            }
            Files.delete(f);
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEmpty();
            assertThat(seen.poll(300, TimeUnit.MILLISECONDS)).as("nothing more").isNull();
        }
    }

    @Test
    void aFileBehindASymbolicLinkIsFollowedWhereItIs() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        var seen = new LinkedBlockingQueue<String>();
        try (var w = new LinuxFileWatcher()) {
            w.follow(link.resolve("v"), seen::add);
            Files.writeString(real.resolve("v"), "3");
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("3");
            assertThat(w.read(link.resolve("v"))).isEqualTo("3");
        }
    }
}
