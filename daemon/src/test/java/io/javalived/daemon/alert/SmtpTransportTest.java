package io.javalived.daemon.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's SMTP dialogue against a real SMTP server on loopback (aiosmtpd), and its failures. */
class SmtpTransportTest {
    @TempDir
    Path dir;

    private static SmtpSettings settings(int port, Duration timeout) {
        return new SmtpSettings("127.0.0.1", port, "lb01.example.org", "keepalived@lb01.example.org",
                List.of("ops@example.org", "second@example.org"), timeout, "lb01");
    }

    @Test
    void theMailArrivesAsKeepalivedWritesIt() throws Exception {
        try (SmtpSink sink = SmtpSink.onHost(dir)) {
            Clock clock = Clock.fixed(Instant.parse("2026-12-06T21:57:18Z"), ZoneId.of("UTC"));
            new SmtpTransport(clock).send(settings(sink.port(), Duration.ofSeconds(5)),
                    AlertMail.of("lb01", "VRRP Instance VI_1 - Entering MASTER state", "=> VRRP Instance is now owning VRRP VIPs <="));
            SmtpSink.Mail m = sink.await("[lb01] VRRP Instance VI_1 - Entering MASTER state", Duration.ofSeconds(10));
            assertThat(m.helo()).isEqualTo("lb01.example.org");
            assertThat(m.from()).isEqualTo("keepalived@lb01.example.org");
            assertThat(m.to()).containsExactly("ops@example.org", "second@example.org");
            // byte for byte what keepalived 2.2.7 sent to the same server (see LvsAlerts' README section)
            assertThat(m.data()).isEqualTo("Date: Sun, 06 Dec 2026 21:57:18 +0000\r\n"
                    + "From: keepalived@lb01.example.org\r\n"
                    + "Subject: [lb01] VRRP Instance VI_1 - Entering MASTER state\r\n"
                    + "X-Mailer: Keepalived\r\n"
                    + "To: ops@example.org, second@example.org\r\n"
                    + "\r\n"
                    + "=> VRRP Instance is now owning VRRP VIPs <=\r\n"
                    + "\r\n");
        }
    }

    @Test
    void aClosedPortIsAConnectionError() throws Exception {
        int port = io.javalived.daemon.HostDaemon.freeLoopbackPort();
        int p = port;
        assertThatThrownBy(() -> new SmtpTransport().send(settings(p, Duration.ofSeconds(2)), AlertMail.of("x", "s", "b")))
                .isInstanceOf(MailTransport.MailException.class)
                .hasMessageStartingWith("SMTP connection ERROR to [127.0.0.1]:" + port);
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofVirtual().start(() -> {
                try (Socket s = silent.accept()) {
                    Thread.sleep(10_000);
                } catch (Exception ignored) {
                    // the client gave up
                }
            });
            long start = System.nanoTime();
            assertThatThrownBy(() -> new SmtpTransport().send(settings(silent.getLocalPort(), Duration.ofMillis(500)),
                    AlertMail.of("x", "s", "b")))
                    .hasMessage("Timeout reading data to remote SMTP server [127.0.0.1]:" + silent.getLocalPort() + ".");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            t.interrupt();
        }
    }

    @Test
    void aRefusedRecipientEndsWithQuitAndKeepalivedsWords() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofVirtual().start(() -> scripted(server, heard, List.of("220 hi", "250 ok", "250 ok", "550 no such user", "221 bye")));
            assertThatThrownBy(() -> new SmtpTransport().send(settings(server.getLocalPort(), Duration.ofSeconds(5)),
                    AlertMail.of("x", "s", "b")))
                    .hasMessage("Error processing RCPT cmd on SMTP server [127.0.0.1]:" + server.getLocalPort()
                            + ". SMTP status code = 550");
            t.join(5_000);
        }
        assertThat(heard).containsExactly("HELO lb01.example.org", "MAIL FROM:<keepalived@lb01.example.org>",
                "RCPT TO:<ops@example.org>", "QUIT");
    }

    @Test
    void multiLineRepliesAreReadToTheirLastLine() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofVirtual().start(() -> scripted(server, heard, List.of("220-first\r\n220 second", "250-a\r\n250 b",
                    "250 ok", "250 ok", "250 ok", "354 go", "250 queued", "221 bye")));
            new SmtpTransport().send(settings(server.getLocalPort(), Duration.ofSeconds(5)), AlertMail.of("x", "s", "b"));
            t.join(5_000);
        }
        assertThat(heard).startsWith("HELO lb01.example.org").endsWith(".", "QUIT");
    }

    /** Answers each command (after the greeting) with the next reply, recording what the client sent. */
    private static void scripted(ServerSocket server, List<String> heard, List<String> replies) {
        try (Socket s = server.accept()) {
            var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            List<String> queue = new ArrayList<>(replies);
            out.write((queue.removeFirst() + "\r\n").getBytes(StandardCharsets.UTF_8));
            boolean inData = false;
            for (String line; !queue.isEmpty() && (line = in.readLine()) != null; ) {
                if (inData && !line.equals(".")) continue;
                heard.add(line);
                inData = line.equals("DATA");
                out.write((queue.removeFirst() + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (Exception ignored) {
            // the client closed
        }
    }
}
