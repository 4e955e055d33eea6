package io.javalived.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabHost;
import io.javalived.lab.Netns;
import io.javalived.lab.Topology;
import io.javalived.net.netns.InNamespace;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PING_CHECK against real hosts: the seed topology in network namespaces, the checker in lb01's namespace
 * pinging web01 over IPv4 and IPv6, a silent address, a host that ignores echo requests, and no route.
 */
@Tag("netns")
class PingProberNetnsTest {
    static Netns lab;
    static CheckerLoop loop;
    static Prober prober;

    @BeforeAll
    static void up() {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        lab = Netns.create(Topology.seed());
        loop = new CheckerLoop(1);
        prober = loop.prober();
    }

    @AfterAll
    static void down() {
        if (loop != null) loop.close();
        if (lab != null) lab.close();
    }

    /** One probe, started inside lb01's namespace (where the checker's ICMP sockets are then opened). */
    static CheckResult ping(String address, Duration timeout) throws Exception {
        var probe = new PingProbe(Connection.to(new InetSocketAddress(InetAddress.ofLiteral(address), 0), timeout));
        return InNamespace.call(lab.host("lb01").namespacePath(), () -> prober.probe(probe)).get(timeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
    }

    @Test
    void aLiveHostAnswersOverIpv4() throws Exception {
        CheckResult r = ping("10.0.0.7", Duration.ofSeconds(2));
        assertThat(r).isInstanceOf(CheckResult.Up.class);
        assertThat(r.latency()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aLiveHostAnswersOverIpv6() throws Exception {
        CheckResult r = null;
        for (int i = 0; i < 10 && !(r instanceof CheckResult.Up); i++) { // the address may still be in DAD
            r = ping(lab.host("web01").ipv6(), Duration.ofMillis(500));
        }
        assertThat(r).isInstanceOf(CheckResult.Up.class);
    }

    @Test
    void nobodyAtTheAddressIsATimeoutAfterConnectTimeout() throws Exception {
        CheckResult r = ping("10.0.0.99", Duration.ofMillis(700));
        assertThat(r).isInstanceOfSatisfying(CheckResult.Down.class,
                d -> assertThat(d.failure()).isEqualTo(new Failure.Timeout(Failure.Phase.REPLY)));
        assertThat(r.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }

    @Test
    void aHostThatIgnoresEchoRequestsIsDownThenUpAgain() throws Exception {
        LabHost web02 = lab.host("web02");
        assertThat(ping("10.0.0.8", Duration.ofSeconds(2))).isInstanceOf(CheckResult.Up.class);
        web02.sysctl("net.ipv4.icmp_echo_ignore_all", "1");
        try {
            assertThat(ping("10.0.0.8", Duration.ofMillis(700))).isInstanceOf(CheckResult.Down.class);
        } finally {
            web02.sysctl("net.ipv4.icmp_echo_ignore_all", "0");
        }
        assertThat(ping("10.0.0.8", Duration.ofSeconds(2))).isInstanceOf(CheckResult.Up.class);
    }

    @Test
    void noRouteIsUnreachableAtOnce() throws Exception {
        // the seed's hosts have no default route: the kernel refuses the send (nothing leaves the namespace)
        CheckResult r = ping("198.51.100.1", Duration.ofSeconds(2));
        assertThat(r).isInstanceOfSatisfying(CheckResult.Down.class,
                d -> assertThat(d.failure()).isInstanceOf(Failure.Unreachable.class));
    }

    @Test
    void aBindAddressOfTheOtherFamilyIsAClearFailureNotAnException() throws Exception {
        var probe = new PingProbe(new Connection(new InetSocketAddress(InetAddress.ofLiteral("10.0.0.7"), 0),
                Optional.of(InetAddress.ofLiteral("fd00::5")), 0, Duration.ofSeconds(1)));
        CheckResult r = InNamespace.call(lab.host("lb01").namespacePath(), () -> prober.probe(probe)).get(5, TimeUnit.SECONDS);
        assertThat(r).isInstanceOfSatisfying(CheckResult.Down.class,
                d -> assertThat(d.failure().describe()).contains("cannot open an ICMP socket", "fd00::5"));
    }
}
