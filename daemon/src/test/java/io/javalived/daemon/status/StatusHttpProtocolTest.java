package io.javalived.daemon.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.daemon.metrics.DaemonMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status endpoint's HTTP/1.x on a real server on 127.0.0.1, byte for byte as a client sends it: kept and
 * pipelined requests, HEAD, bodies (read and ignored, too large, chunked), malformed requests, request targets.
 */
class StatusHttpProtocolTest {
    private StatusHttpServer server;

    @BeforeEach
    void start() {
        StatusService status = StatusFixtures.service(StatusFixtures.seed(), new ReloadHistory());
        server = StatusHttpServer.start(new InetSocketAddress("127.0.0.1", 0), status, new DaemonMetrics(status),
                new ConnectionLimits(8, Duration.ofSeconds(30), 8192));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends the bytes and reads until the server closes the connection. */
    private String exchange(String request) throws IOException {
        try (Socket c = new Socket()) {
            c.connect(server.localAddress(), 2000);
            c.setSoTimeout(5000);
            c.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void keptAndPipelinedRequestsAreAnsweredInTurnOnOneConnection() throws IOException {
        String replies = exchange("GET /status HTTP/1.1\r\nHost: x\r\n\r\nGET /metrics?x=1 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(count(replies, "HTTP/1.1 200 OK\r\n")).isEqualTo(3);
        assertThat(replies.indexOf("application/json")).isLessThan(replies.indexOf(StatusHttpServer.PROMETHEUS_TEXT));
        assertThat(replies).contains("connection: close\r\n").endsWith("/metrics  Prometheus text\n");
    }

    @Test
    void theContentLengthIsTheBodysLengthInBytes() throws IOException {
        String reply = exchange("GET /status HTTP/1.0\r\n\r\n");
        Matcher m = Pattern.compile("content-length: (\\d+)\r\n").matcher(reply);
        assertThat(m.find()).isTrue();
        String body = reply.substring(reply.indexOf("\r\n\r\n") + 4);
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(Integer.parseInt(m.group(1)));
        assertThat(reply).contains("cache-control: no-store\r\n");
    }

    @Test
    void headAnswersTheHeadersWithoutTheBody() throws IOException {
        String reply = exchange("HEAD /status HTTP/1.0\r\n\r\n");
        assertThat(reply).startsWith("HTTP/1.1 200 OK\r\n").contains("content-type: application/json\r\n").endsWith("\r\n\r\n");
        assertThat(reply).doesNotContain("content-length: 0\r\n");
    }

    @Test
    void anHttp10ClientThatAsksToKeepTheConnectionKeepsIt() throws IOException {
        try (Socket c = new Socket()) {
            c.connect(server.localAddress(), 2000);
            c.setSoTimeout(5000);
            c.getOutputStream().write("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String first = readOne(c.getInputStream());
            assertThat(first).startsWith("HTTP/1.1 200 OK\r\n").contains("connection: keep-alive\r\n");
            c.getOutputStream().write("GET /nope HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .startsWith("HTTP/1.1 404 Not Found\r\n").contains("no such page: /nope");
        }
    }

    /** One answer (headers and content-length bytes) from a kept connection. */
    private static String readOne(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the connection closed within the headers").isNotNegative();
            head.append((char) b);
        }
        Matcher m = Pattern.compile("content-length: (\\d+)").matcher(head);
        assertThat(m.find()).isTrue();
        return head + new String(in.readNBytes(Integer.parseInt(m.group(1))), StandardCharsets.UTF_8);
    }

    @Test
    void aBodyIsReadAndIgnoredSoTheNextRequestOnTheConnectionIsServed() throws IOException {
        String replies = exchange("POST /status HTTP/1.1\r\nContent-Length: 9\r\n\r\n{\"a\": 1}\n"
                + "GET /status HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertThat(replies).startsWith("HTTP/1.1 405 Method Not Allowed\r\n").contains("read-only: use GET")
                .contains("HTTP/1.1 200 OK\r\n");
    }

    @Test
    void aChunkedOrTooLargeBodyIsAnsweredAndTheConnectionClosed() throws IOException {
        assertThat(exchange("POST /status HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"))
                .startsWith("HTTP/1.1 405 ").contains("connection: close\r\n");
        assertThat(exchange("POST /status HTTP/1.1\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(20000)))
                .startsWith("HTTP/1.1 413 ").contains("connection: close\r\n");
    }

    @Test
    void aMalformedRequestIsRefusedWith400() throws IOException {
        assertThat(exchange("GET /status\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request\r\n");
        assertThat(exchange("GET /status HTTP/2.0\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET /status HTTP/1.1\r\nno colon here\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET /status HTTP/1.1\r\nContent-Length: x\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET /%zz HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void targetsInEveryFormAndBareLineFeedsAreUnderstood() throws IOException {
        assertThat(exchange("GET http://127.0.0.1:9650/status HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200 ");
        assertThat(exchange("GET /st%61tus?pretty#top HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200 ").contains("application/json");
        assertThat(exchange("GET /metrics HTTP/1.0\n\n")).startsWith("HTTP/1.1 200 ").contains("keepalived_vrrp_state");
    }

    @Test
    void aRequestArrivingByteByByteIsParsedWhenWhole() {
        RequestBuffer b = new RequestBuffer(16);
        String request = "GET /status HTTP/1.1\r\nHost: x\r\n\r\n";
        for (int i = 0; i < request.length() - 1; i++) {
            b.append(ByteBuffer.wrap(new byte[] {(byte) request.charAt(i)}));
            assertThat(HttpRequestHead.parse(b, 8192)).as("after %d bytes", i + 1).isInstanceOf(HttpRequestHead.Incomplete.class);
        }
        b.append(ByteBuffer.wrap(new byte[] {'\n'}));
        assertThat(HttpRequestHead.parse(b, 8192)).isEqualTo(new HttpRequestHead.Request("GET", "/status", false, true,
                request.length()));
    }
}
