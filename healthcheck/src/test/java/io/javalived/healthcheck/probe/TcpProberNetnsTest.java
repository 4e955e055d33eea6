package io.javalived.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.Netns;
import io.javalived.lab.Topology;
import io.javalived.net.netns.InNamespace;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TCP_CHECK across a bridge, both probers (linux-net's epoll, the default, and the Netty one it replaced) from lb01's
 * namespace of a two-host lab: a listener on web01, a closed port (reset), a silent address (connect_timeout runs
 * out), the same address given longer (ARP fails: no route to host) and an address without a route. Each prober's loop
 * is made inside lb01's namespace, so its sockets are there. Both must give the same result and failure.
 */
@Tag("netns")
class TcpProberNetnsTest {
    static Netns lab;
    static Path lb01;
    static ServerSocket web01;
    static final Map<CheckerLoop.TcpTransport, CheckerLoop> loops = new EnumMap<>(CheckerLoop.TcpTransport.class);

    @BeforeAll
    static void up() throws Exception {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        lab = Netns.create(Topology.builder().lan("lan")
                .host("lb01", h -> h.nic("eth0", "lan", "10.0.0.5/24"))
                .host("web01", h -> h.nic("eth0", "lan", "10.0.0.7/24"))
                .build());
        lb01 = lab.host("lb01").namespacePath();
        web01 = InNamespace.call(lab.host("web01").namespacePath(),
                () -> new ServerSocket(8080, 50, InetAddress.ofLiteral("10.0.0.7")));
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    web01.accept().close();
                }
            } catch (Exception closed) {
                // the test is over
            }
        });
        for (var t : CheckerLoop.TcpTransport.values()) {
            loops.put(t, InNamespace.call(lb01, () -> new CheckerLoop(1, t)));
        }
    }

    @AfterAll
    static void down() throws Exception {
        loops.values().forEach(CheckerLoop::close);
        if (web01 != null) web01.close();
        if (lab != null) lab.close();
    }

    static CheckResult probe(CheckerLoop.TcpTransport t, String address, int port, Duration timeout) throws Exception {
        var probe = new TcpProbe(Connection.to(new InetSocketAddress(InetAddress.ofLiteral(address), port), timeout));
        Prober prober = loops.get(t).prober();
        return InNamespace.call(lb01, () -> prober.probe(probe)).get(timeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
    }

    @ParameterizedTest
    @EnumSource(CheckerLoop.TcpTransport.class)
    void aListenerAcrossTheBridgeIsUp(CheckerLoop.TcpTransport t) throws Exception {
        assertThat(probe(t, "10.0.0.7", 8080, Duration.ofSeconds(2))).isInstanceOf(CheckResult.Up.class);
    }

    @ParameterizedTest
    @EnumSource(CheckerLoop.TcpTransport.class)
    void aClosedPortIsRefused(CheckerLoop.TcpTransport t) throws Exception {
        assertThat(probe(t, "10.0.0.7", 8081, Duration.ofSeconds(2))).isInstanceOfSatisfying(CheckResult.Down.class,
                d -> assertThat(d.failure()).isEqualTo(new Failure.Refused()));
    }

    @ParameterizedTest
    @EnumSource(CheckerLoop.TcpTransport.class)
    void aSilentAddressTimesOutAfterConnectTimeout(CheckerLoop.TcpTransport t) throws Exception {
        CheckResult r = probe(t, "10.0.0.99", 8080, Duration.ofMillis(700));
        assertThat(r).isInstanceOfSatisfying(CheckResult.Down.class,
                d -> assertThat(d.failure()).isEqualTo(new Failure.Timeout(Failure.Phase.CONNECT)));
        assertThat(r.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(700)).isLessThan(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @EnumSource(CheckerLoop.TcpTransport.class)
    void anAddressNoNeighbourAnswersIsNoRouteToHostOnceArpGivesUp(CheckerLoop.TcpTransport t) throws Exception {
        CheckResult r = probe(t, "10.0.0.98", 8080, Duration.ofSeconds(10));
        assertThat(r).isInstanceOfSatisfying(CheckResult.Down.class,
                d -> assertThat(d.failure()).isEqualTo(new Failure.Unreachable("No route to host")));
        assertThat(r.latency()).isLessThan(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @EnumSource(CheckerLoop.TcpTransport.class)
    void anAddressWithoutARouteFailsAtOnce(CheckerLoop.TcpTransport t) throws Exception {
        CheckResult r = probe(t, "192.0.2.1", 80, Duration.ofSeconds(2));
        assertThat(r).isInstanceOfSatisfying(CheckResult.Down.class,
                d -> assertThat(d.failure()).isEqualTo(new Failure.IoError("Network is unreachable")));
        assertThat(r.latency()).isLessThan(Duration.ofSeconds(1));
    }
}
