package io.javalived.healthcheck.lvs;

import static io.javalived.healthcheck.lvs.ControlledProber.DOWN;
import static io.javalived.healthcheck.lvs.ControlledProber.UP;
import static io.javalived.healthcheck.lvs.ReconcilerTest.SECOND;
import static io.javalived.healthcheck.lvs.ReconcilerTest.VIP;
import static io.javalived.healthcheck.lvs.ReconcilerTest.ip;
import static io.javalived.healthcheck.lvs.ReconcilerTest.rs;
import static io.javalived.healthcheck.lvs.ReconcilerTest.tcp;
import static io.javalived.healthcheck.lvs.ReconcilerTest.vs;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.healthcheck.schedule.CheckSpec;
import io.javalived.healthcheck.schedule.SharedChecks;
import io.javalived.healthcheck.schedule.VirtualScheduler;
import io.javalived.ipvs.DestinationEntry;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.VirtualService;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import io.javalived.ipvs.Protocol;
import io.javalived.scripts.InMemoryScriptRunner;

/**
 * ha_suspend (reference 3.2): the checks of such a virtual server run only while its address is configured on this
 * host, learnt from the address events of {@link InMemoryLocalAddresses} (the twin of the kernel's rtnetlink
 * events); on a virtual clock, against the in-memory kernel.
 */
class ReconcilerHaSuspendTest {

    static final InetAddress VIP_ADDRESS = ip("10.0.0.3");
    static final int ETH0 = 2;
    static final int LO = 1;

    final VirtualScheduler clock = new VirtualScheduler();
    final ControlledProber prober = new ControlledProber();
    final SharedChecks checks = new SharedChecks(prober, clock, new SplittableRandom(1));
    final RecordingDriver driver = new RecordingDriver();
    final InMemoryLocalAddresses host = new InMemoryLocalAddresses();
    final List<String> scripts = new ArrayList<>();

    Reconciler start(VirtualServerPlan... plans) {
        Reconciler r = new Reconciler(List.of(plans), Optional.empty(),
                new Reconciler.Options(false, Reconciler.OnStop.DELETE_INSTALLED, host), driver, checks,
                ReconcilerTest.recording(scripts), clock);
        r.start();
        return r;
    }

    static VirtualServerPlan suspended(RealServerPlan... realServers) {
        return vs(1, 0, Optional.empty(), false, realServers).withHaSuspend(Set.of(VIP_ADDRESS));
    }

    Map<String, Integer> table(ServiceKey key) {
        Map<String, Integer> t = new TreeMap<>();
        for (DestinationEntry d : driver.kernel.destinations(key)) {
            t.put(d.destination().toString(), d.destination().weight());
        }
        return t;
    }

    @Test
    void withoutTheAddressTheTableIsInstalledButNoCheckRunsThenTheAddressStartsAndStopsThem() {
        CheckSpec web01 = tcp("10.0.0.7", false);
        CheckSpec web02 = tcp("10.0.0.8", false);
        Reconciler r = start(suspended(rs("10.0.0.7", 1, false, web01), rs("10.0.0.8", 1, false, web02)));
        // As keepalived: the service and the real servers assumed up are installed; their checkers are deactivated.
        assertThat(table(VIP)).isEqualTo(Map.of("10.0.0.7:80", 1, "10.0.0.8:80", 1));
        prober.answer(web02.probe(), DOWN);
        clock.advance(Duration.ofSeconds(30));
        assertThat(prober.probes).as("no probe while 10.0.0.3 is not on this host").isZero();
        assertThat(table(VIP)).as("a dead server nobody checks stays").containsKey("10.0.0.8:80");
        assertThat(checks.running()).isZero();

        host.add(VIP_ADDRESS, ETH0); // the VIP arrives (this director became VRRP master)
        clock.advance(Duration.ZERO);
        assertThat(prober.probes(web01.probe())).isEqualTo(1);
        assertThat(prober.probes(web02.probe())).isEqualTo(1);
        clock.advance(Duration.ofSeconds(3)); // web02 never succeeded: its first failure is enough
        assertThat(table(VIP)).isEqualTo(Map.of("10.0.0.7:80", 1));
        assertThat(scripts).containsExactly("/notify down 10.0.0.8");
        int web01Probes = prober.probes(web01.probe());
        assertThat(web01Probes).isGreaterThanOrEqualTo(3);

        host.remove(VIP_ADDRESS, ETH0); // the VIP leaves: checks stop, the table stays as it was
        int probesAtRemoval = prober.probes;
        prober.answer(web02.probe(), UP);
        driver.takeCalls();
        clock.advance(Duration.ofSeconds(30));
        assertThat(prober.probes).as("no probe after 10.0.0.3 left").isEqualTo(probesAtRemoval);
        assertThat(checks.running()).isZero();
        assertThat(driver.takeCalls()).as("suspending touches no kernel object").isEmpty();
        assertThat(table(VIP)).isEqualTo(Map.of("10.0.0.7:80", 1));

        host.add(VIP_ADDRESS, ETH0);
        clock.advance(SECOND);
        assertThat(prober.probes(web02.probe())).isGreaterThan(1);
        assertThat(table(VIP)).as("web02 answers again once its checks run").isEqualTo(Map.of("10.0.0.7:80", 1, "10.0.0.8:80", 1));
        r.stop().join();
        assertThat(host.watchers()).as("stop closes the address watch").isZero();
    }

    @Test
    void anAddressAlreadyConfiguredAtStartRunsTheChecksAndTheSameAddressOnTwoInterfacesCountsUntilBothGo() {
        host.add(VIP_ADDRESS, ETH0);
        host.add(VIP_ADDRESS, LO);
        host.add(ip("10.0.0.5"), ETH0); // another address of the host: no effect
        CheckSpec web01 = tcp("10.0.0.7", false);
        start(suspended(rs("10.0.0.7", 1, false, web01)));
        clock.advance(Duration.ofSeconds(2));
        assertThat(prober.probes).isEqualTo(3);
        host.remove(VIP_ADDRESS, ETH0);
        clock.advance(Duration.ofSeconds(2));
        assertThat(prober.probes).as("still on lo").isEqualTo(5);
        host.remove(ip("10.0.0.5"), ETH0);
        host.remove(VIP_ADDRESS, LO);
        int probes = prober.probes;
        clock.advance(Duration.ofSeconds(5));
        assertThat(prober.probes).isEqualTo(probes);
    }

    @Test
    void onlyTheVirtualServerWithHaSuspendStopsAndASharedCheckGivesItsCurrentViewOnActivation() {
        // web01 behind two virtual servers, one check shared: the ha_suspend one follows the VIP, the other always runs.
        ServiceKey other = new ServiceKey.Address(Protocol.TCP, ip("10.0.0.4"), 80);
        CheckSpec web01 = tcp("10.0.0.7", false);
        VirtualServerPlan always = new VirtualServerPlan("[10.0.0.4]:tcp:80", List.of(VirtualService.of(other, "rr")),
                List.of(rs("10.0.0.7", 1, false, web01)), 1, 0, Optional.empty(), Optional.empty(), Optional.empty(), false);
        start(suspended(rs("10.0.0.7", 1, false, web01)), always);
        clock.advance(Duration.ofSeconds(5));
        assertThat(prober.probes(web01.probe())).as("the other virtual server's check runs").isGreaterThan(0);
        prober.answer(web01.probe(), DOWN);
        clock.advance(Duration.ofSeconds(3));
        assertThat(table(other)).as("down behind the checked virtual server").isEmpty();
        assertThat(table(VIP)).as("the suspended one saw nothing").containsKey("10.0.0.7:80");

        host.add(VIP_ADDRESS, ETH0);
        clock.advance(Duration.ZERO);
        assertThat(table(VIP)).as("activation takes the running check's view at once").isEmpty();
        assertThat(checks.running()).isEqualTo(1);
    }

    @Test
    void aReloadThatAddsHaSuspendWithoutTheAddressStopsTheChecksAndOneThatRemovesItStartsThem() {
        CheckSpec web01 = tcp("10.0.0.7", false);
        VirtualServerPlan plain = vs(1, 0, Optional.empty(), false, rs("10.0.0.7", 1, false, web01));
        Reconciler r = start(plain);
        clock.advance(Duration.ofSeconds(2));
        assertThat(host.watchers()).as("nothing watched without ha_suspend").isZero();
        r.reload(List.of(plain.withHaSuspend(Set.of(VIP_ADDRESS))), Optional.empty()).join();
        assertThat(host.watchers()).isEqualTo(1);
        int probes = prober.probes;
        clock.advance(Duration.ofSeconds(5));
        assertThat(prober.probes).isEqualTo(probes);
        assertThat(table(VIP)).containsKey("10.0.0.7:80");
        r.reload(List.of(plain), Optional.empty()).join();
        clock.advance(Duration.ofSeconds(2));
        assertThat(prober.probes).isGreaterThan(probes);
    }

    @Test
    void withoutAnAddressSourceTheChecksStaySuspended() {
        CheckSpec web01 = tcp("10.0.0.7", false);
        new Reconciler(List.of(suspended(rs("10.0.0.7", 1, false, web01))), Optional.empty(), driver, checks,
                new InMemoryScriptRunner(), clock).start();
        clock.advance(Duration.ofSeconds(10));
        assertThat(prober.probes).isZero();
    }
}
