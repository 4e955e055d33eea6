package io.javalived.daemon.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.daemon.metrics.DaemonMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The status endpoint's bounds, on a real server on 127.0.0.1: connections, idle time, request size; and the log throttle. */
class StatusEndpointLimitsTest {

    private static StatusHttpServer server(ConnectionLimits limits) {
        StatusService status = StatusFixtures.service(StatusFixtures.seed(), new ReloadHistory());
        return StatusHttpServer.start(new InetSocketAddress("127.0.0.1", 0), status, new DaemonMetrics(status), limits);
    }

    private static Socket connect(StatusHttpServer s) throws IOException {
        Socket c = new Socket();
        c.connect(s.localAddress(), 2000);
        c.setSoTimeout(3000);
        return c;
    }

    /** True when the server closed the connection (EOF) within the socket's timeout. */
    private static boolean closedByServer(Socket c) throws IOException {
        try {
            return c.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private static String exchange(Socket c, String request) throws IOException {
        c.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        InputStream in = c.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void beyondTheBoundTheConnectionSilentTheLongestIsClosedAndANewRequestIsServed() throws Exception {
        try (StatusHttpServer s = server(new ConnectionLimits(3, Duration.ofSeconds(30), 8192))) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    idle.add(connect(s));
                    Thread.sleep(50); // accepted in this order
                }
                idle.get(0).getOutputStream().write("GET /status HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)); // the first speaks
                Thread.sleep(200);
                try (Socket fresh = connect(s)) {
                    assertThat(exchange(fresh, "GET /status HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200");
                }
                assertThat(closedByServer(idle.get(1))).as("the one silent the longest").isTrue();
                idle.get(0).setSoTimeout(500);
                assertThat(closedByServer(idle.get(0))).as("the one that spoke stays").isFalse();
            } finally {
                for (Socket c : idle) c.close();
            }
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (StatusHttpServer s = server(new ConnectionLimits(8, Duration.ofMillis(300), 8192));
             Socket c = connect(s)) {
            long start = System.nanoTime();
            assertThat(closedByServer(c)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void anOversizedRequestLineOrHeaderIsRefused() throws Exception {
        try (StatusHttpServer s = server(new ConnectionLimits(8, Duration.ofSeconds(30), 8192))) {
            try (Socket c = connect(s)) {
                assertThat(exchange(c, "GET /" + "a".repeat(5000) + " HTTP/1.0\r\n\r\n")).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
            }
            try (Socket c = connect(s)) {
                assertThat(exchange(c, "GET /status HTTP/1.0\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n"))
                        .matches("(?s)HTTP/1\\.1 4\\d\\d .*");
            }
            try (Socket c = connect(s)) {
                assertThat(exchange(c, "GET /status HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200");
            }
        }
    }

    @Test
    void theBoundLeavesTheReserveOfDescriptorsFree() {
        ConnectionLimits l = ConnectionLimits.forThisProcess();
        long soft = ConnectionLimits.softOpenFilesLimit().orElse(Long.MAX_VALUE);
        long open = ConnectionLimits.openDescriptors();
        assertThat(l.maxConnections()).isBetween(ConnectionLimits.FEWEST_CONNECTIONS, ConnectionLimits.MOST_CONNECTIONS);
        if (soft - open - ConnectionLimits.RESERVE >= ConnectionLimits.FEWEST_CONNECTIONS) {
            assertThat(open + l.maxConnections() + ConnectionLimits.RESERVE).isLessThanOrEqualTo(soft);
        }
    }

    @Test
    void theLogThrottleAdmitsOneLinePerPeriodAndCountsTheRest() {
        AtomicLong now = new AtomicLong();
        LogThrottle t = new LogThrottle(Duration.ofSeconds(10), now::get);
        assertThat(t.admit()).isZero();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(t.admit()).isEqualTo(-1);
        assertThat(t.admit()).isEqualTo(-1);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(t.admit()).isEqualTo(2);
        assertThat(LogThrottle.more(2)).isEqualTo(" (2 more like it since the last line)");
        assertThat(LogThrottle.more(0)).isEmpty();
    }
}
