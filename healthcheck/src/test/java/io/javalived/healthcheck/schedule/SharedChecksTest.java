package io.javalived.healthcheck.schedule;

import static io.javalived.healthcheck.schedule.ScriptedProber.UP;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.healthcheck.probe.Connection;
import io.javalived.healthcheck.probe.TcpProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SharedChecksTest {

    final VirtualScheduler clock = new VirtualScheduler();
    final ScriptedProber prober = new ScriptedProber(clock, Duration.ofMillis(1), UP);
    final SharedChecks checks = new SharedChecks(prober, clock, new SplittableRandom(1));

    static CheckSpec tcp(String ip, int port) {
        return new CheckSpec(new TcpProbe(Connection.to(new InetSocketAddress(ip, port), Duration.ofSeconds(1))),
                CheckTiming.tcpDefaults(Duration.ofSeconds(1)), false);
    }

    @Test
    void identicalChecksRunOnceAndFanOut() {
        List<CheckUpdate> a = new ArrayList<>();
        List<CheckUpdate> b = new ArrayList<>();
        checks.subscribe(tcp("127.0.0.2", 80), a::add);
        checks.subscribe(tcp("127.0.0.2", 80), b::add);
        clock.advance(Duration.ofSeconds(10));
        assertThat(checks.running()).isEqualTo(1);
        assertThat(a).isNotEmpty().isEqualTo(b);
        assertThat(prober.probedAt).hasSize(a.size());
    }

    @Test
    void differentTargetsOrTimingsRunApart() {
        checks.subscribe(tcp("127.0.0.2", 80), u -> { });
        checks.subscribe(tcp("127.0.0.2", 81), u -> { });
        CheckSpec slower = new CheckSpec(tcp("127.0.0.2", 80).probe(), CheckTiming.tcpDefaults(Duration.ofSeconds(2)), false);
        checks.subscribe(slower, u -> { });
        assertThat(checks.running()).isEqualTo(3);
    }

    @Test
    void theLastUnsubscribeStopsTheCheck() {
        var first = checks.subscribe(tcp("127.0.0.2", 80), u -> { });
        var second = checks.subscribe(tcp("127.0.0.2", 80), u -> { });
        first.cancel();
        assertThat(checks.running()).isEqualTo(1);
        second.cancel();
        assertThat(checks.running()).isZero();
        clock.advance(Duration.ofSeconds(10));
        int probes = prober.probedAt.size();
        clock.advance(Duration.ofSeconds(10));
        assertThat(prober.probedAt).hasSize(probes);
    }
}
