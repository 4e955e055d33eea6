package io.javalived.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** TCP_CHECK on linux-net's epoll and non-blocking sockets (the default): the shared contract, and what it adds. */
class TcpProberTest extends TcpProberContract {
    @Override
    CheckerLoop.TcpTransport transport() {
        return CheckerLoop.TcpTransport.EPOLL;
    }

    @Test
    void resultsArriveOnTheThreadTheChecksRunOn() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            var target = (InetSocketAddress) server.getLocalSocketAddress();
            // As CheckRunner does: the probe started on the loop, its result handled there, with no hop.
            var onLoop = new java.util.concurrent.CompletableFuture<String>();
            loop.scheduler().execute(() -> prober.probe(new TcpProbe(Connection.to(target, Duration.ofSeconds(2))))
                    .thenAccept(r -> onLoop.complete(Thread.currentThread().getName() + (r.isUp() ? " up" : " down"))));
            assertThat(onLoop.get(5, TimeUnit.SECONDS)).isEqualTo("checker up");
        }
    }

    @Test
    void tcpChecksAloneNeverMakeTheNettyGroupAndTheFirstProtocolCheckDoes() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            var target = (InetSocketAddress) server.getLocalSocketAddress();
            assertThat(prober.probe(new TcpProbe(Connection.to(target, Duration.ofSeconds(2)))).get(5, TimeUnit.SECONDS).isUp()).isTrue();
            assertThat(loop.hasGroup()).isFalse();
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("checker-io"));
            // An HTTP_GET to the same listener, which accepts and never answers: its result does not matter here, the group does.
            HttpProbe get = HttpProberTest.get(target, HttpProbe.HttpProtocol.HTTP_1_0, Duration.ofMillis(300),
                    HttpProberTest.url("/", StatusCodes.DEFAULT, null));
            assertThat(prober.probe(get).get(5, TimeUnit.SECONDS).isUp()).isFalse();
            assertThat(loop.hasGroup()).isTrue();
        }
    }
}
