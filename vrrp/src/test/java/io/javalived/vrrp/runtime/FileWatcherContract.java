package io.javalived.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link FileWatcher} does (the Linux one on real files, the in-memory twin on its map). */
abstract class FileWatcherContract {
    @TempDir
    Path dir;

    abstract FileWatcher watcher();

    abstract void write(Path file, String content) throws Exception;

    abstract void delete(Path file) throws Exception;

    @Test
    void followersHearEachWriteAndADeleteAsEmpty() throws Exception {
        Path f = dir.resolve("v");
        var seen = new LinkedBlockingQueue<String>();
        FileWatcher.Subscription s = watcher().follow(f, seen::add);
        write(f, "4\n");
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("4\n");
        assertThat(watcher().read(f)).isEqualTo("4\n");
        delete(f);
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(watcher().read(f)).as("absent").isEmpty();
        s.close();
        write(f, "5\n");
        assertThat(seen.poll(300, TimeUnit.MILLISECONDS)).as("closed: no more").isNull();
    }

    @Test
    void aMissingDirectoryCannotBeFollowed() {
        Path f = dir.resolve("missing/v");
        assertThat(watcher().canFollow(f)).isFalse();
        assertThatThrownBy(() -> watcher().follow(f, s -> { })).isInstanceOf(NetworkActionException.class);
        assertThat(watcher().canFollow(dir.resolve("v"))).isTrue();
    }

    @Test
    void initFileWritesAMissingFileAndOverwritesOnlyWhenAsked() throws Exception {
        Path f = dir.resolve("init");
        watcher().initialise(f, 5, false);
        assertThat(watcher().read(f)).isEqualTo("5\n");
        watcher().initialise(f, 6, false);
        assertThat(watcher().read(f)).isEqualTo("5\n");
        watcher().initialise(f, 6, true);
        assertThat(watcher().read(f)).isEqualTo("6\n");
    }
}
