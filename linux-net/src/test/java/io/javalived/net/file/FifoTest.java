package io.javalived.net.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real named pipe in a temporary folder: created, written without a reader, read back, full, removed. */
class FifoTest {
    @TempDir
    Path dir;

    @Test
    void createsTheFifoWritesWithoutAReaderAndRemovesWhatItCreated() throws Exception {
        Path p = dir.resolve("notify.fifo");
        try (Fifo f = Fifo.open(p)) {
            assertThat(f.created()).isTrue();
            assertThat(Files.readAttributes(p, BasicFileAttributes.class).isOther()).as("a FIFO, not a file").isTrue();
            assertThat(f.write("INSTANCE \"VI_1\" MASTER 100\n".getBytes(StandardCharsets.UTF_8))).isTrue();
            try (InputStream in = Files.newInputStream(p)) { // the pipe keeps what was written before the reader came
                byte[] line = in.readNBytes(27);
                assertThat(new String(line, StandardCharsets.UTF_8)).isEqualTo("INSTANCE \"VI_1\" MASTER 100\n");
            }
        }
        assertThat(p).doesNotExist();
    }

    @Test
    void aFullPipeDropsTheLineInsteadOfBlockingAndAnExistingFifoIsKept() throws Exception {
        Path p = dir.resolve("kept.fifo");
        try (Fifo first = Fifo.open(p)) {
            try (Fifo second = Fifo.open(p)) {
                assertThat(second.created()).isFalse();
                byte[] chunk = new byte[4096];
                int written = 0;
                while (second.write(chunk) && written < 10_000) written++;
                assertThat(written).as("a pipe holds 64 KiB by default, then writes are dropped").isBetween(1, 9_999);
            }
            assertThat(p).as("the second did not create it, so it does not remove it").exists();
        }
        assertThat(p).doesNotExist();
    }

    @Test
    void somethingElseAtThePathIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> Fifo.open(file)).hasMessageContaining("is not a FIFO");
        assertThat(Files.readString(file)).isEqualTo("x");
    }
}
