package io.javalived.net.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.net.ffm.ErrnoException;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real inotify on a temporary directory: close-after-write, delete and rename events with the entry's name. */
class InotifyTest {
    @TempDir
    Path dir;

    private static List<Inotify.Event> drain(Inotify in, int atLeast) {
        List<Inotify.Event> out = new ArrayList<>();
        long end = System.nanoTime() + 5_000_000_000L;
        while (out.size() < atLeast && System.nanoTime() < end) out.addAll(in.read(Duration.ofMillis(200)));
        return out;
    }

    @Test
    void aWriteIsReportedWhenTheWriterClosesTheFileThenDeleteAndRename() throws Exception {
        try (Inotify in = Inotify.open()) {
            int wd = in.watch(dir, Inotify.IN_CLOSE_WRITE | Inotify.IN_DELETE | Inotify.IN_MOVE);
            Path f = dir.resolve("value");
            try (FileOutputStream out = new FileOutputStream(f.toFile())) {
                out.write("1".getBytes());
                out.flush();
                assertThat(in.read(Duration.ofMillis(300))).as("nothing while the writer has it open").isEmpty();
            }
            assertThat(drain(in, 1)).containsExactly(new Inotify.Event(wd, Inotify.IN_CLOSE_WRITE, "value"));
            Path tmp = dir.resolve("tmp");
            Files.writeString(tmp, "2");
            drain(in, 1);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            List<Inotify.Event> moved = drain(in, 2);
            assertThat(moved).extracting(Inotify.Event::name).containsExactly("tmp", "value");
            assertThat(moved.get(0).is(Inotify.IN_MOVED_FROM)).isTrue();
            assertThat(moved.get(1).is(Inotify.IN_MOVED_TO)).isTrue();
            Files.delete(f);
            List<Inotify.Event> deleted = drain(in, 1);
            assertThat(deleted).hasSize(1);
            assertThat(deleted.getFirst().is(Inotify.IN_DELETE)).isTrue();
            assertThat(deleted.getFirst().name()).isEqualTo("value");
        }
    }

    @Test
    void aMissingDirectoryIsAnErrorNamingIt() {
        try (Inotify in = Inotify.open()) {
            assertThatThrownBy(() -> in.watch(dir.resolve("nope"), Inotify.IN_CLOSE_WRITE))
                    .isInstanceOf(ErrnoException.class).hasMessageContaining("nope").hasMessageContaining("ENOENT");
        }
    }
}
