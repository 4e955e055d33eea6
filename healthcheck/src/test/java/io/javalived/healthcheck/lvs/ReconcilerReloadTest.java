package io.javalived.healthcheck.lvs;

import static io.javalived.healthcheck.lvs.ControlledProber.DOWN;
import static io.javalived.healthcheck.lvs.ControlledProber.UP;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.healthcheck.probe.Connection;
import io.javalived.healthcheck.probe.TcpProbe;
import io.javalived.healthcheck.schedule.CheckRunner;
import io.javalived.healthcheck.schedule.CheckSpec;
import io.javalived.healthcheck.schedule.CheckTiming;
import io.javalived.healthcheck.schedule.SharedChecks;
import io.javalived.healthcheck.schedule.VirtualScheduler;
import io.javalived.ipvs.CountingIpvsDriver;
import io.javalived.ipvs.Destination;
import io.javalived.ipvs.DestinationEntry;
import io.javalived.ipvs.ForwardingMethod;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.VirtualService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import io.javalived.ipvs.Protocol;

/**
 * Reloads of the reconciler on a virtual clock against the in-memory kernel behind a counting driver: unchanged
 * servers cost no call and keep their check state and running checks, differences cost exactly their calls.
 */
class ReconcilerReloadTest {
    static final Duration SECOND = Duration.ofSeconds(1);
    static final ServiceKey VIP = new ServiceKey.Address(Protocol.TCP, ReconcilerTest.ip("10.0.0.3"), 80);
    static final ServiceKey VIP2 = new ServiceKey.Address(Protocol.TCP, ReconcilerTest.ip("10.0.0.4"), 80);

    final VirtualScheduler clock = new VirtualScheduler();
    final ControlledProber prober = new ControlledProber();
    final SharedChecks checks = new SharedChecks(prober, clock, new SplittableRandom(1));
    final RecordingDriver kernel = new RecordingDriver();
    final CountingIpvsDriver driver = new CountingIpvsDriver(kernel);
    final List<String> scripts = new ArrayList<>();

    static CheckSpec tcp(String ip, Duration timeout, boolean alpha) {
        return new CheckSpec(new TcpProbe(Connection.to(new InetSocketAddress(ReconcilerTest.ip(ip), 80), timeout)),
                new CheckTiming(SECOND, Duration.ZERO, 1, SECOND), alpha);
    }

    static CheckSpec tcp(String ip) {
        return tcp(ip, SECOND, false);
    }

    static RealServerPlan rs(String ip, int weight, CheckSpec... checks) {
        return rs(ip, weight, ForwardingMethod.ROUTE, checks);
    }

    static RealServerPlan rs(String ip, int weight, ForwardingMethod method, CheckSpec... checks) {
        return new RealServerPlan("[" + ip + "]:tcp:80", Destination.of(ReconcilerTest.ip(ip), 80, method, weight), false,
                false, Optional.empty(), Optional.empty(), List.of(checks));
    }

    static VirtualServerPlan vs(ServiceKey key, String scheduler, RealServerPlan... realServers) {
        String name = "[" + ((ServiceKey.Address) key).address().getHostAddress() + "]:tcp:80";
        return new VirtualServerPlan(name, List.of(VirtualService.of(key, scheduler)), List.of(realServers), 1, 0,
                Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    static VirtualServerPlan vs(RealServerPlan... realServers) {
        return vs(VIP, "wrr", realServers);
    }

    Reconciler start(VirtualServerPlan... plans) {
        Reconciler r = new Reconciler(List.of(plans), Optional.empty(), driver, checks, ReconcilerTest.recording(scripts), clock);
        r.start();
        clock.advance(Duration.ofSeconds(5)); // past every warm-up: every check has run
        kernel.takeCalls();
        return r;
    }

    List<String> reload(Reconciler r, VirtualServerPlan... plans) {
        var f = r.reload(List.of(plans), Optional.empty());
        clock.advance(Duration.ZERO);
        return f.join().stream().map(Object::toString).toList();
    }

    Map<String, Integer> table(ServiceKey key) {
        Map<String, Integer> t = new TreeMap<>();
        for (DestinationEntry d : kernel.kernel.destinations(key)) {
            t.put(d.destination().toString(), d.destination().weight());
        }
        return t;
    }

    @Test
    void fiftyUnchangedReloadsMakeNoDriverCallAtAllAndKeepTheChecksRunning() {
        CheckSpec web01 = tcp("10.0.0.7");
        CheckSpec web02 = tcp("10.0.0.8");
        prober.answer(web02.probe(), DOWN);
        Reconciler r = start(vs(rs("10.0.0.7", 1, web01), rs("10.0.0.8", 1, web02)));
        assertThat(table(VIP)).as("web02 is down").isEqualTo(Map.of("10.0.0.7:80", 1));
        CheckRunner runner01 = checks.runner(web01).orElseThrow();
        CheckRunner runner02 = checks.runner(web02).orElseThrow();
        long calls = driver.total();
        long probes = prober.probes;

        for (int i = 0; i < 50; i++) {
            assertThat(reload(r, vs(rs("10.0.0.7", 1, web01), rs("10.0.0.8", 1, web02)))).isEmpty();
        }
        clock.advance(Duration.ofSeconds(3));

        assertThat(driver.total()).as("driver calls during 50 reloads").isEqualTo(calls);
        assertThat(kernel.takeCalls()).isEmpty();
        assertThat(checks.runner(web01)).as("the same check runs on").containsSame(runner01);
        assertThat(checks.runner(web02)).containsSame(runner02);
        assertThat(checks.running()).isEqualTo(2);
        assertThat(prober.probes - probes).as("probes go on at delay_loop, no new warm-up burst").isBetween(5L, 7L);
        assertThat(table(VIP)).as("the down server stays down, the up one up").isEqualTo(Map.of("10.0.0.7:80", 1));
        assertThat(scripts).isEmpty();
    }

    @Test
    void aWeightChangeIsOneEditAndANewAndARemovedServerOneCallEach() {
        CheckSpec web01 = tcp("10.0.0.7");
        CheckSpec web02 = tcp("10.0.0.8");
        CheckSpec web03 = tcp("10.0.0.9");
        Reconciler r = start(vs(rs("10.0.0.7", 1, web01), rs("10.0.0.8", 1, web02)));
        CheckRunner runner01 = checks.runner(web01).orElseThrow();

        assertThat(reload(r, vs(rs("10.0.0.7", 5, web01), rs("10.0.0.8", 1, web02)))).hasSize(1);
        assertThat(kernel.takeCalls()).containsExactly("EDIT_DESTINATION 10.0.0.7:80 w5");

        reload(r, vs(rs("10.0.0.7", 5, web01), rs("10.0.0.9", 1, web03)));
        assertThat(kernel.takeCalls()).containsExactly("DELETE_DESTINATION 10.0.0.8:80", "ADD_DESTINATION 10.0.0.9:80 w1");
        assertThat(checks.runner(web02)).as("the removed server's check stops").isEmpty();
        assertThat(checks.runner(web01)).containsSame(runner01);
        assertThat(table(VIP)).isEqualTo(Map.of("10.0.0.7:80", 5, "10.0.0.9:80", 1));
    }

    @Test
    void aNewAlphaServerWaitsForItsFirstSuccessAsAtStartup() {
        CheckSpec web01 = tcp("10.0.0.7");
        CheckSpec web03 = tcp("10.0.0.9", SECOND, true);
        Reconciler r = start(vs(rs("10.0.0.7", 1, web01)));
        assertThat(reload(r, vs(rs("10.0.0.7", 1, web01), rs("10.0.0.9", 2, web03)))).isEmpty();
        clock.advance(SECOND);
        assertThat(kernel.takeCalls()).containsExactly("ADD_DESTINATION 10.0.0.9:80 w2");
    }

    @Test
    void aDownServerWhoseWeightChangesCostsNothingUntilItComesBack() {
        CheckSpec web01 = tcp("10.0.0.7");
        CheckSpec web02 = tcp("10.0.0.8");
        prober.answer(web02.probe(), DOWN);
        Reconciler r = start(vs(rs("10.0.0.7", 1, web01), rs("10.0.0.8", 1, web02)));
        assertThat(reload(r, vs(rs("10.0.0.7", 1, web01), rs("10.0.0.8", 7, web02)))).isEmpty();
        prober.answer(web02.probe(), UP);
        clock.advance(SECOND);
        assertThat(kernel.takeCalls()).containsExactly("ADD_DESTINATION 10.0.0.8:80 w7");
    }

    @Test
    void schedulerAndForwardingChangesAreEditsAndServicesComeAndGoWhole() {
        CheckSpec web01 = tcp("10.0.0.7");
        Reconciler r = start(vs(rs("10.0.0.7", 1, web01)));
        reload(r, vs(VIP, "rr", rs("10.0.0.7", 1, web01)));
        assertThat(kernel.takeCalls()).containsExactly("EDIT_SERVICE TCP 10.0.0.3:80");
        reload(r, vs(VIP, "rr", rs("10.0.0.7", 1, ForwardingMethod.MASQ, web01)));
        assertThat(kernel.takeCalls()).containsExactly("EDIT_DESTINATION 10.0.0.7:80 w1");
        assertThat(kernel.kernel.destinations(VIP).getFirst().destination().forwarding()).isEqualTo(ForwardingMethod.MASQ);

        reload(r, vs(VIP2, "wrr", rs("10.0.0.7", 1, web01)));
        assertThat(kernel.takeCalls()).containsExactly("ADD_SERVICE TCP 10.0.0.4:80", "ADD_DESTINATION 10.0.0.7:80 w1",
                "DELETE_SERVICE TCP 10.0.0.3:80");
        assertThat(kernel.kernel.service(VIP)).isEmpty();
        assertThat(checks.runner(web01)).as("the same check serves the new service").isPresent();
    }

    @Test
    void aChangedCheckOfAKeptServerKeepsItUpWhileTheNewCheckWarmsUp() {
        CheckSpec fast = tcp("10.0.0.7");
        CheckSpec slow = tcp("10.0.0.7", Duration.ofSeconds(3), false);
        Reconciler r = start(vs(rs("10.0.0.7", 1, fast)));
        assertThat(reload(r, vs(rs("10.0.0.7", 1, slow)))).isEmpty();
        assertThat(checks.runner(fast)).isEmpty();
        assertThat(checks.runner(slow)).isPresent();
        clock.advance(Duration.ofSeconds(3));
        assertThat(kernel.takeCalls()).isEmpty();
        prober.answer(slow.probe(), DOWN);
        clock.advance(Duration.ofSeconds(5));
        assertThat(kernel.takeCalls()).as("the new check drives the server").containsExactly("DELETE_DESTINATION 10.0.0.7:80");
    }
}
