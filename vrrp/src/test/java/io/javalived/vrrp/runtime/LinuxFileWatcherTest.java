package io.javalived.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inotify watcher on real files: one read per close-after-write, "" when deleted, symbolic links resolved. */
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

    @Test
    void aMissingDirectoryCannotBeFollowedAndInitFileWritesTheValue() throws Exception {
        try (var w = new LinuxFileWatcher()) {
            assertThat(w.canFollow(dir.resolve("nope/v"))).isFalse();
            assertThatThrownBy(() -> w.follow(dir.resolve("nope/v"), s -> { }))
                    .isInstanceOf(NetworkActionException.class).hasMessageContaining("nope");
            Path f = dir.resolve("init");
            w.initialise(f, 5, false);
            assertThat(Files.readString(f)).isEqualTo("5\n");
            w.initialise(f, 6, false);
            assertThat(Files.readString(f)).isEqualTo("5\n");
            w.initialise(f, 6, true);
            assertThat(Files.readString(f)).isEqualTo("6\n");
        }
    }
}
