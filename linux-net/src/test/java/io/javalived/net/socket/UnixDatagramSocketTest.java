package io.javalived.net.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalived.net.ffm.Errno;
import io.javalived.net.ffm.ErrnoException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real AF_UNIX datagram sockets at a temporary path: what one sends the other receives, byte for byte. */
class UnixDatagramSocketTest {
    @TempDir
    Path dir;

    @Test
    void aDatagramSentToTheBoundPathArrivesWhole() {
        Path at = dir.resolve("log");
        try (var receiver = UnixDatagramSocket.bind(at); var sender = UnixDatagramSocket.connect(at)) {
            assertThat(Files.exists(at)).as("bind creates the socket file").isTrue();
            byte[] one = "<30>Dec  2 04:05:06 Keepalived[7]: hello".getBytes(StandardCharsets.US_ASCII);
            byte[] two = new byte[70_000]; // bigger than a page, still one datagram
            two[69_999] = 42;
            sender.send(one);
            sender.send(two);
            assertThat(receiver.receive(Duration.ofSeconds(2))).isEqualTo(one);
            assertThat(receiver.receive(Duration.ofSeconds(2))).isEqualTo(two);
            assertThat(receiver.receive(Duration.ofMillis(50))).as("nothing more").isNull();
        }
    }

    @Test
    void nothingAtThePathIsEnoentNamingIt() {
        Path absent = dir.resolve("absent");
        assertThatThrownBy(() -> UnixDatagramSocket.connect(absent)).isInstanceOf(ErrnoException.class)
                .satisfies(e -> assertThat(((ErrnoException) e).is(Errno.ENOENT)).isTrue())
                .hasMessageContaining(absent.toString()).hasMessageContaining("ENOENT");
    }

    @Test
    void aPathNobodyReceivesAtAnyMoreRefusesTheConnectionAndLaterSends() {
        Path at = dir.resolve("gone");
        UnixDatagramSocket receiver = UnixDatagramSocket.bind(at);
        try (var sender = UnixDatagramSocket.connect(at)) {
            receiver.close(); // the file stays, as when a syslog daemon dies
            assertThatThrownBy(() -> sender.send(new byte[] {1})).isInstanceOf(ErrnoException.class)
                    .hasMessageContaining(at.toString());
        }
        assertThatThrownBy(() -> UnixDatagramSocket.connect(at)).isInstanceOf(ErrnoException.class)
                .satisfies(e -> assertThat(((ErrnoException) e).is(Errno.ECONNREFUSED)).isTrue());
    }

    @Test
    void aFullReceiverQueueFailsTheSendAfterTheSendTimeout() {
        Path at = dir.resolve("slow");
        try (var receiver = UnixDatagramSocket.bind(at); var sender = UnixDatagramSocket.connect(at)) {
            sender.sendTimeout(Duration.ofMillis(50));
            byte[] d = new byte[1000];
            ErrnoException full = null;
            for (int i = 0; i < 100_000 && full == null; i++) {
                try {
                    sender.send(d);
                } catch (ErrnoException e) {
                    full = e;
                }
            }
            assertThat(full).as("the receiver never reads, so its queue fills").isNotNull();
            assertThat(full.is(Errno.EAGAIN)).as(full.getMessage()).isTrue();
            assertThat(receiver.receive(Duration.ofSeconds(1))).hasSize(1000);
        }
    }

    @Test
    void aPathTooLongForSockaddrUnIsRefusedBeforeAnySystemCall() {
        String longPath = "/tmp/" + "x".repeat(120);
        assertThatThrownBy(() -> UnixDatagramSocket.connect(Path.of(longPath)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 107 bytes");
    }
}
