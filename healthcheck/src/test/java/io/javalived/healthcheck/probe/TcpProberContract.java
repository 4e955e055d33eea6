package io.javalived.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every TCP_CHECK prober does, against real listeners on loopback: run by {@link TcpProberTest} (linux-net's
 * epoll, the default) and {@link NettyTcpProberTest} (the Netty prober it replaced), so both give the same result and
 * the same failure, hence the same log line, for the same server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TcpProberContract {

    CheckerLoop loop;
    Prober prober;

    abstract CheckerLoop.TcpTransport transport();

    @BeforeAll
    void open() {
        loop = new CheckerLoop(1, transport());
        prober = loop.prober();
    }

    @AfterAll
    void close() {
        loop.close();
    }

    CheckResult probe(InetSocketAddress target, Duration timeout) throws Exception {
        return prober.probe(new TcpProbe(Connection.to(target, timeout))).get();
    }

    @Test
    void upWhenTheServerAccepts() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"))) {
            CheckResult r = probe((InetSocketAddress) server.getLocalSocketAddress(), Duration.ofSeconds(2));
            assertThat(r).isInstanceOf(CheckResult.Up.class);
            assertThat(r.latency()).isPositive();
        }
    }

    @Test
    void refusedWhenNothingListens() throws Exception {
        InetSocketAddress closed;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            closed = (InetSocketAddress) server.getLocalSocketAddress();
        }
        CheckResult r = probe(closed, Duration.ofSeconds(2));
        assertThat(r).isInstanceOfSatisfying(CheckResult.Down.class, d -> assertThat(d.failure()).isEqualTo(new Failure.Refused()));
    }

    @Test
    void timeoutWhenTheServerDropsSyns() throws Exception {
        // A listener whose accept queue is full drops new SYNs: the connect can only time out.
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress address = (InetSocketAddress) server.getLocalSocketAddress();
            fillQueue(address, fillers);
            CheckResult r = probe(address, Duration.ofMillis(400));
            assertThat(r).isInstanceOfSatisfying(CheckResult.Down.class,
                    d -> assertThat(d.failure()).isEqualTo(new Failure.Timeout(Failure.Phase.CONNECT)));
            assertThat(r.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        } finally {
            for (Socket s : fillers) {
                s.close();
            }
        }
    }

    static void fillQueue(InetSocketAddress address, List<Socket> fillers) throws Exception {
        for (int i = 0; i < 64; i++) {
            Socket s = new Socket();
            fillers.add(s);
            try {
                s.connect(address, 300);
            } catch (SocketTimeoutException full) {
                return;
            }
        }
        throw new AssertionError("the accept queue of " + address + " never filled");
    }

    @Test
    void bindsToTheGivenLocalAddressAndPort() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             ServerSocket portFinder = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.3"))) {
            int bindPort = portFinder.getLocalPort();
            portFinder.close();
            var accepted = Thread.ofVirtual().start(() -> { });
            CheckResult r = prober.probe(new TcpProbe(new Connection((InetSocketAddress) server.getLocalSocketAddress(),
                    Optional.of(InetAddress.getByName("127.0.0.3")), bindPort, Duration.ofSeconds(2)))).get();
            accepted.join();
            assertThat(r.isUp()).isTrue();
            try (Socket peer = server.accept()) {
                assertThat(peer.getInetAddress()).isEqualTo(InetAddress.getByName("127.0.0.3"));
                assertThat(peer.getPort()).isEqualTo(bindPort);
            }
        }
    }

    @Test
    void thousandsOfChecksShareOneLoopThread() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 4096, InetAddress.getByName("127.0.0.1"))) {
            Thread drain = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        server.accept().close();
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            InetSocketAddress address = (InetSocketAddress) server.getLocalSocketAddress();
            var futures = new ArrayList<java.util.concurrent.CompletableFuture<CheckResult>>();
            for (int i = 0; i < 2000; i++) {
                futures.add(prober.probe(new TcpProbe(Connection.to(address, Duration.ofSeconds(5)))));
            }
            for (var f : futures) {
                assertThat(f.get().isUp()).isTrue();
            }
            server.close();
            drain.join();
        }
    }

    @Test
    void aLocalAddressInUseIsABindFailure() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.3"))) {
            CheckResult r = prober.probe(new TcpProbe(new Connection((InetSocketAddress) server.getLocalSocketAddress(),
                    Optional.of(InetAddress.getByName("127.0.0.3")), taken.getLocalPort(), Duration.ofSeconds(2)))).get();
            assertThat(r).isInstanceOfSatisfying(CheckResult.Down.class, d -> assertThat(d.failure())
                    .isEqualTo(new Failure.IoError("cannot bind the local address: Address already in use")));
        }
    }

    @Test
    void theConnectionClosesWithAResetAndLeavesNoTimeWait() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            CheckResult r = probe((InetSocketAddress) server.getLocalSocketAddress(), Duration.ofSeconds(2));
            assertThat(r.isUp()).isTrue();
            try (Socket peer = server.accept()) {
                peer.setSoTimeout(2000);
                assertThatThrownBy(() -> peer.getInputStream().read()).isInstanceOf(java.net.SocketException.class)
                        .hasMessageContaining("reset");
            }
        }
    }
}
