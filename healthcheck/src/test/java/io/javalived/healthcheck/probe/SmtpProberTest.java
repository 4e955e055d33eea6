package io.javalived.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SMTP_CHECK against SMTP servers this test runs on loopback: each answers as a test case needs. */
class SmtpProberTest {
    static CheckerLoop loop;
    static Prober prober;

    @BeforeAll
    static void start() {
        loop = new CheckerLoop(1);
        prober = loop.prober();
    }

    @AfterAll
    static void stop() {
        loop.close();
    }

    /** A one-connection SMTP server: sends {@code greeting}, then answers each line with {@code answer}. */
    static final class Server implements AutoCloseable {
        final ServerSocket socket;
        final List<String> heard = new CopyOnWriteArrayList<>();

        Server(String greeting, Function<String, String> answer) throws Exception {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                try (Socket s = socket.accept()) {
                    OutputStream out = s.getOutputStream();
                    if (greeting != null) out.write(greeting.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    for (String line; (line = in.readLine()) != null; ) {
                        heard.add(line);
                        String a = answer.apply(line);
                        if (a == null) break;
                        out.write(a.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } catch (Exception e) {
                    // the probe closed the connection
                }
            });
        }

        SmtpProbe probe(Duration timeout) {
            return new SmtpProbe(Connection.to(new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort()), timeout),
                    "lb01.example.com");
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    static String postfix(String line) {
        return line.startsWith("HELO") ? "250 mail.example.com\r\n" : line.equals("QUIT") ? "221 2.0.0 Bye\r\n" : "500 what?\r\n";
    }

    @Test
    void aServerThatGreetsAndAnswersHeloIsUpAndHeardHeloAndQuit() throws Exception {
        try (Server s = new Server("220 mail.example.com ESMTP\r\n", SmtpProberTest::postfix)) {
            assertThat(prober.probe(s.probe(Duration.ofSeconds(2))).get()).isInstanceOf(CheckResult.Up.class);
            assertThat(s.heard).containsExactly("HELO lb01.example.com", "QUIT");
        }
    }

    @Test
    void aMultiLineGreetingIsReadToItsLastLine() throws Exception {
        try (Server s = new Server("220-mail.example.com ESMTP\r\n220-no UCE\r\n220 ready\r\n", SmtpProberTest::postfix)) {
            assertThat(prober.probe(s.probe(Duration.ofSeconds(2))).get()).isInstanceOf(CheckResult.Up.class);
        }
    }

    @Test
    void aBusyGreetingIsDownWithTheCode() throws Exception {
        try (Server s = new Server("554 5.3.2 too busy\r\n", SmtpProberTest::postfix)) {
            assertThat(prober.probe(s.probe(Duration.ofSeconds(2))).get()).isInstanceOfSatisfying(CheckResult.Down.class,
                    d -> assertThat(d.failure().describe()).contains("greeting is 554", "expected 220"));
        }
    }

    @Test
    void aRefusedHeloIsDown() throws Exception {
        try (Server s = new Server("220 ok\r\n", line -> "501 5.5.4 bad HELO\r\n")) {
            assertThat(prober.probe(s.probe(Duration.ofSeconds(2))).get()).isInstanceOfSatisfying(CheckResult.Down.class,
                    d -> assertThat(d.failure().describe()).contains("answer to HELO is 501", "expected 250"));
        }
    }

    @Test
    void aSilentServerTimesOutAfterConnectTimeout() throws Exception {
        try (Server s = new Server(null, SmtpProberTest::postfix)) {
            CheckResult r = prober.probe(s.probe(Duration.ofMillis(500))).get();
            assertThat(r).isInstanceOfSatisfying(CheckResult.Down.class,
                    d -> assertThat(d.failure()).isEqualTo(new Failure.Timeout(Failure.Phase.REPLY)));
            assertThat(r.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        }
    }

    @Test
    void aServerThatHangsUpBeforeAnsweringQuitIsDown() throws Exception {
        try (Server s = new Server("220 ok\r\n", line -> line.startsWith("HELO") ? "250 ok\r\n" : null)) {
            assertThat(prober.probe(s.probe(Duration.ofSeconds(2))).get()).isInstanceOfSatisfying(CheckResult.Down.class,
                    d -> assertThat(d.failure().describe()).contains("closed the connection before its answer to QUIT"));
        }
    }

    @Test
    void nobodyListeningIsRefused() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        var probe = new SmtpProbe(Connection.to(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), Duration.ofSeconds(1)), "x");
        assertThat(prober.probe(probe).get()).isInstanceOfSatisfying(CheckResult.Down.class,
                d -> assertThat(d.failure()).isEqualTo(new Failure.Refused()));
    }

    @Test
    void replyLinesParseAndEncodeAlike() {
        for (String line : List.of("220 mail ready", "220-first", "250 ", "221 2.0.0 Bye")) {
            assertThat(SmtpReply.parse(line)).hasValueSatisfying(r -> assertThat(r.encode()).isEqualTo(line));
        }
        assertThat(SmtpReply.parse("250")).hasValueSatisfying(r -> assertThat(r.last()).isTrue());
        assertThat(SmtpReply.parse("25x ok")).isEmpty();
        assertThat(SmtpReply.parse("2500 ok")).isEmpty();
        assertThat(SmtpReply.parse("")).isEmpty();
    }
}
