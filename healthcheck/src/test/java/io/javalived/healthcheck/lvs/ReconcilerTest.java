package io.javalived.healthcheck.lvs;

import static io.javalived.healthcheck.lvs.ControlledProber.DOWN;
import static io.javalived.healthcheck.lvs.ControlledProber.UP;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.healthcheck.probe.CheckResult;
import io.javalived.healthcheck.probe.Connection;
import io.javalived.healthcheck.probe.MiscProbe;
import io.javalived.healthcheck.probe.TcpProbe;
import io.javalived.healthcheck.schedule.CheckSpec;
import io.javalived.healthcheck.schedule.CheckTiming;
import io.javalived.healthcheck.schedule.SharedChecks;
import io.javalived.healthcheck.schedule.VirtualScheduler;
import io.javalived.ipvs.Destination;
import io.javalived.ipvs.DestinationEntry;
import io.javalived.ipvs.ForwardingMethod;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.Timeouts;
import io.javalived.ipvs.VirtualService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import io.javalived.scripts.Script;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import io.javalived.ipvs.Protocol;
import io.javalived.scripts.InMemoryScriptRunner;
import io.javalived.scripts.ScriptOutcome;
import io.javalived.scripts.ScriptRunner;

/** The reconciler against the in-memory kernel on a virtual clock: the rows of reference section 3.2. */
class ReconcilerTest {

    static final Duration SECOND = Duration.ofSeconds(1);
    static final ServiceKey VIP = new ServiceKey.Address(Protocol.TCP, ip("10.0.0.3"), 80);
    static final VirtualService SERVICE = VirtualService.of(VIP, "wrr").withPersistence(50, 0xffffffff);

    final VirtualScheduler clock = new VirtualScheduler();
    final ControlledProber prober = new ControlledProber();
    final SharedChecks checks = new SharedChecks(prober, clock, new SplittableRandom(1));
    final RecordingDriver driver = new RecordingDriver();
    final List<String> scripts = new ArrayList<>();

    /** A runner that records each script's command line into {@code into} and answers exit 0. */
    static ScriptRunner recording(List<String> into) {
        var r = new InMemoryScriptRunner();
        r.answer(s -> {
            into.add(s.commandLine());
            return java.util.concurrent.CompletableFuture.completedFuture(new ScriptOutcome.Exited(0, ""));
        });
        return r;
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static CheckSpec tcp(String ip, boolean alpha) {
        return new CheckSpec(new TcpProbe(Connection.to(new InetSocketAddress(ip(ip), 80), SECOND)),
                new CheckTiming(SECOND, Duration.ZERO, 1, SECOND), alpha);
    }

    static RealServerPlan rs(String ip, int weight, boolean inhibit, CheckSpec... checks) {
        return new RealServerPlan("[" + ip + "]:tcp:80", Destination.of(ip(ip), 80, ForwardingMethod.ROUTE, weight), inhibit,
                false, Optional.of(Script.asDaemon(List.of("/notify", "up", ip))), Optional.of(Script.asDaemon(List.of("/notify", "down", ip))), List.of(checks));
    }

    static VirtualServerPlan vs(long quorum, long hysteresis, Optional<VirtualServerPlan.SorryPlan> sorry, boolean omega,
                                RealServerPlan... realServers) {
        return new VirtualServerPlan("[10.0.0.3]:tcp:80", List.of(SERVICE), List.of(realServers), quorum, hysteresis,
                Optional.of(Script.asDaemon(List.of("/quorum", "up"))), Optional.of(Script.asDaemon(List.of("/quorum", "down"))), sorry, omega);
    }

    Reconciler start(Optional<Timeouts> timeouts, VirtualServerPlan... plans) {
        Reconciler r = new Reconciler(List.of(plans), timeouts, driver, checks, ReconcilerTest.recording(scripts), clock);
        r.start();
        return r;
    }

    /** address:port -> weight, as the kernel holds it. */
    Map<String, Integer> table() {
        Map<String, Integer> t = new TreeMap<>();
        if (driver.kernel.service(VIP).isEmpty()) {
            return null;
        }
        for (DestinationEntry d : driver.kernel.destinations(VIP)) {
            t.put(d.destination().toString(), d.destination().weight());
        }
        return t;
    }

    void fail(CheckSpec spec) {
        prober.answer(spec.probe(), DOWN);
    }

    void heal(CheckSpec spec) {
        prober.answer(spec.probe(), UP);
    }

    @Test
    void startupAddsTheServiceAndTheRealServersAssumedUpBeforeAnyProbe() {
        CheckSpec web01 = tcp("10.0.0.7", false);
        CheckSpec web02 = tcp("10.0.0.8", false);
        start(Optional.empty(), vs(1, 0, Optional.empty(), false, rs("10.0.0.7", 1, false, web01), rs("10.0.0.8", 1, false, web02)));
        assertThat(prober.probes).isZero();
        assertThat(driver.kernel.service(VIP).orElseThrow().service()).isEqualTo(SERVICE);
        assertThat(table()).isEqualTo(Map.of("10.0.0.7:80", 1, "10.0.0.8:80", 1));
        assertThat(driver.takeCalls()).containsExactly("ADD_SERVICE TCP 10.0.0.3:80", "ADD_DESTINATION 10.0.0.7:80 w1",
                "ADD_DESTINATION 10.0.0.8:80 w1");
    }

    @Test
    void alphaRealServersWaitForTheirFirstSuccessAndWithInhibitStartAtWeightZero() {
        CheckSpec web01 = tcp("10.0.0.7", true);
        CheckSpec web02 = tcp("10.0.0.8", true);
        fail(web02);
        start(Optional.empty(), vs(1, 0, Optional.empty(), false, rs("10.0.0.7", 3, false, web01), rs("10.0.0.8", 2, true, web02)));
        assertThat(table()).isEqualTo(Map.of("10.0.0.8:80", 0));
        clock.advance(Duration.ZERO);
        assertThat(table()).isEqualTo(Map.of("10.0.0.7:80", 3, "10.0.0.8:80", 0));
        heal(web02);
        clock.advance(SECOND);
        assertThat(table()).isEqualTo(Map.of("10.0.0.7:80", 3, "10.0.0.8:80", 2));
        assertThat(scripts).contains("/notify up 10.0.0.7", "/notify up 10.0.0.8");
    }

    @Test
    void aFailingRealServerIsDeletedAfterRetriesAndAddedBackAfterOneSuccess() {
        CheckSpec web01 = tcp("10.0.0.7", false);
        CheckSpec web02 = tcp("10.0.0.8", false);
        start(Optional.empty(), vs(1, 0, Optional.empty(), false, rs("10.0.0.7", 1, false, web01), rs("10.0.0.8", 1, false, web02)));
        clock.advance(Duration.ofSeconds(5));
        driver.takeCalls();
        fail(web02);
        clock.advance(SECOND); // first failure after successes: retry follows
        assertThat(table()).containsKey("10.0.0.8:80");
        clock.advance(SECOND); // retry fails: retry + 1 = 2 failures
        assertThat(table()).isEqualTo(Map.of("10.0.0.7:80", 1));
        assertThat(driver.takeCalls()).containsExactly("DELETE_DESTINATION 10.0.0.8:80");
        assertThat(scripts).containsExactly("/notify down 10.0.0.8");
        clock.advance(Duration.ofSeconds(10));
        assertThat(driver.takeCalls()).isEmpty();
        heal(web02);
        clock.advance(SECOND);
        assertThat(table()).isEqualTo(Map.of("10.0.0.7:80", 1, "10.0.0.8:80", 1));
        assertThat(driver.takeCalls()).containsExactly("ADD_DESTINATION 10.0.0.8:80 w1");
        assertThat(scripts).containsExactly("/notify down 10.0.0.8", "/notify up 10.0.0.8");
    }

    @Test
    void theFirstFailureAtStartupIsEnough() {
        CheckSpec web02 = tcp("10.0.0.8", false);
        fail(web02);
        start(Optional.empty(), vs(1, 0, Optional.empty(), false, rs("10.0.0.7", 1, false), rs("10.0.0.8", 1, false, web02)));
        clock.advance(Duration.ZERO);
        assertThat(table()).isEqualTo(Map.of("10.0.0.7:80", 1));
    }

    @Test
    void inhibitOnFailureSetsWeightZeroInsteadOfDeleting() {
        CheckSpec web02 = tcp("10.0.0.8", false);
        start(Optional.empty(), vs(1, 0, Optional.empty(), false, rs("10.0.0.7", 1, false), rs("10.0.0.8", 5, true, web02)));
        clock.advance(SECOND);
        driver.takeCalls();
        fail(web02);
        clock.advance(Duration.ofSeconds(3));
        assertThat(table()).isEqualTo(Map.of("10.0.0.7:80", 1, "10.0.0.8:80", 0));
        assertThat(driver.takeCalls()).containsExactly("EDIT_DESTINATION 10.0.0.8:80 w0");
        heal(web02);
        clock.advance(SECOND);
        assertThat(driver.takeCalls()).containsExactly("EDIT_DESTINATION 10.0.0.8:80 w5");
    }

    @Test
    void allCheckersOfARealServerMustPass() {
        CheckSpec a = tcp("10.0.0.8", false);
        CheckSpec b = new CheckSpec(new TcpProbe(Connection.to(new InetSocketAddress(ip("10.0.0.8"), 443), SECOND)),
                new CheckTiming(SECOND, Duration.ZERO, 0, SECOND), false);
        start(Optional.empty(), vs(1, 0, Optional.empty(), false, rs("10.0.0.7", 1, false), rs("10.0.0.8", 1, false, a, b)));
        clock.advance(SECOND);
        fail(b);
        clock.advance(SECOND);
        assertThat(table()).isEqualTo(Map.of("10.0.0.7:80", 1));
        heal(b);
        clock.advance(SECOND);
        assertThat(table()).containsKey("10.0.0.8:80");
    }

    @Test
    void miscDynamicWeightIsSetWhileAlive() {
        CheckSpec misc = new CheckSpec(new MiscProbe(List.of("/check"), SECOND, true), new CheckTiming(SECOND, Duration.ZERO, 0, SECOND), false);
        start(Optional.empty(), vs(1, 0, Optional.empty(), false, rs("10.0.0.8", 1, false, misc)));
        prober.answer(misc.probe(), new CheckResult.Up(Duration.ofMillis(1), OptionalInt.of(7)));
        clock.advance(Duration.ZERO);
        driver.takeCalls();
        clock.advance(Duration.ofSeconds(3)); // same weight again: no call
        assertThat(table()).isEqualTo(Map.of("10.0.0.8:80", 7));
        assertThat(driver.takeCalls()).isEmpty();
    }

    @Test
    void steadyChecksTouchTheKernelOnlyAtStartup() {
        CheckSpec web01 = tcp("10.0.0.7", false);
        Reconciler r = start(Optional.empty(), vs(1, 0, Optional.empty(), false, rs("10.0.0.7", 1, false, web01)));
        long atStart = r.kernelCalls();
        clock.advance(Duration.ofMinutes(10));
        assertThat(prober.probes).isGreaterThan(500);
        assertThat(r.kernelCalls()).isEqualTo(atStart);
    }

    @Test
    void quorumWithHysteresisRunsItsScripts() {
        CheckSpec a = tcp("10.0.0.7", false);
        CheckSpec b = tcp("10.0.0.8", false);
        CheckSpec c = tcp("10.0.0.9", false);
        // weights 2+2+2 = 6; quorum 4, hysteresis 1: lost below 3, regained at 5
        start(Optional.empty(), vs(4, 1, Optional.empty(), false, rs("10.0.0.7", 2, false, a), rs("10.0.0.8", 2, false, b),
                rs("10.0.0.9", 2, false, c)));
        clock.advance(SECOND);
        fail(a);
        clock.advance(Duration.ofSeconds(3));
        assertThat(scripts).doesNotContain("/quorum down"); // W = 4 >= 3
        fail(b);
        clock.advance(Duration.ofSeconds(3));
        assertThat(scripts).contains("/quorum down"); // W = 2 < 3
        heal(b);
        clock.advance(Duration.ofSeconds(3));
        assertThat(scripts).doesNotContain("/quorum up"); // W = 4 < 5
        heal(a);
        clock.advance(Duration.ofSeconds(3));
        assertThat(scripts).containsSubsequence("/quorum down", "/quorum up"); // W = 6 >= 5
    }

    @Test
    void theSorryServerSwapsInWhenQuorumIsLostAndOutWhenRegained() {
        CheckSpec a = tcp("10.0.0.7", false);
        CheckSpec b = tcp("10.0.0.8", false);
        var sorry = Optional.of(new VirtualServerPlan.SorryPlan(Destination.of(ip("10.0.0.100"), 80, ForwardingMethod.ROUTE, 1), false));
        start(Optional.empty(), vs(2, 0, sorry, false, rs("10.0.0.7", 1, false, a), rs("10.0.0.8", 1, false, b)));
        clock.advance(SECOND);
        driver.takeCalls();
        fail(a);
        clock.advance(Duration.ofSeconds(3)); // W = 1 < 2: quorum lost
        assertThat(table()).isEqualTo(Map.of("10.0.0.100:80", 1));
        assertThat(driver.takeCalls()).containsExactly("DELETE_DESTINATION 10.0.0.7:80", "DELETE_DESTINATION 10.0.0.8:80",
                "ADD_DESTINATION 10.0.0.100:80 w1");
        heal(a);
        clock.advance(Duration.ofSeconds(2));
        assertThat(table()).isEqualTo(Map.of("10.0.0.7:80", 1, "10.0.0.8:80", 1));
    }

    @Test
    void anInhibitedSorryServerWaitsAtWeightZero() {
        CheckSpec a = tcp("10.0.0.7", false);
        var sorry = Optional.of(new VirtualServerPlan.SorryPlan(Destination.of(ip("10.0.0.100"), 80, ForwardingMethod.ROUTE, 1), true));
        start(Optional.empty(), vs(1, 0, sorry, false, rs("10.0.0.7", 1, false, a)));
        assertThat(table()).isEqualTo(Map.of("10.0.0.7:80", 1, "10.0.0.100:80", 0));
        clock.advance(SECOND);
        fail(a);
        clock.advance(Duration.ofSeconds(3));
        assertThat(table()).isEqualTo(Map.of("10.0.0.100:80", 1));
    }

    @Test
    void shutdownRemovesWhatItCreatedAndLeavesOthersAlone() {
        ServiceKey other = new ServiceKey.Address(Protocol.TCP, ip("10.0.0.50"), 443);
        driver.kernel.addService(VirtualService.of(other, "rr"));
        CheckSpec web01 = tcp("10.0.0.7", false);
        Reconciler r = start(Optional.empty(), vs(1, 0, Optional.empty(), false, rs("10.0.0.7", 1, false, web01)));
        clock.advance(Duration.ofSeconds(5));
        int probes = prober.probes;
        r.stop();
        assertThat(driver.kernel.service(VIP)).isEmpty();
        assertThat(driver.kernel.service(other)).isPresent();
        clock.advance(Duration.ofSeconds(5));
        assertThat(prober.probes).isEqualTo(probes);
        assertThat(scripts).isEmpty();
    }

    @Test
    void omegaRunsTheDownNotifiersOnShutdown() {
        CheckSpec web01 = tcp("10.0.0.7", false);
        Reconciler r = start(Optional.empty(), vs(1, 0, Optional.empty(), true, rs("10.0.0.7", 1, false, web01)));
        clock.advance(SECOND);
        r.stop();
        assertThat(scripts).containsExactly("/notify down 10.0.0.7", "/quorum down");
    }

    @Test
    void lvsTimeoutsAreSetAtStartAndTheKernelsRestoredAtStop() {
        Timeouts before = driver.kernel.timeouts();
        Reconciler r = start(Optional.of(new Timeouts(7200, 60, 0)), vs(1, 0, Optional.empty(), false, rs("10.0.0.7", 1, false)));
        assertThat(driver.kernel.timeouts()).isEqualTo(new Timeouts(7200, 60, before.udp()));
        r.stop();
        assertThat(driver.kernel.timeouts()).isEqualTo(before);
    }

    @Test
    void objectsSomeoneElseAddedOrRemovedAreHandledAsKeepalivedDoes() {
        // EEXIST: the service and one real server are already there (weight 9), added by someone else.
        driver.kernel.addService(SERVICE);
        driver.kernel.addDestination(VIP, Destination.of(ip("10.0.0.7"), 80, ForwardingMethod.ROUTE, 9));
        CheckSpec web01 = tcp("10.0.0.7", false);
        CheckSpec web02 = tcp("10.0.0.8", false);
        start(Optional.empty(), vs(1, 0, Optional.empty(), false, rs("10.0.0.7", 1, false, web01), rs("10.0.0.8", 1, true, web02)));
        assertThat(table()).isEqualTo(Map.of("10.0.0.7:80", 1, "10.0.0.8:80", 1));
        clock.advance(SECOND);
        // ENOENT on delete: someone removed web01 before it failed.
        driver.kernel.deleteDestination(VIP, ip("10.0.0.7"), 80);
        // SET_DEST ENOENT retried as NEW_DEST: someone removed the inhibited web02 before it failed.
        driver.kernel.deleteDestination(VIP, ip("10.0.0.8"), 80);
        driver.takeCalls();
        fail(web01);
        fail(web02);
        clock.advance(Duration.ofSeconds(3));
        assertThat(driver.takeCalls()).containsExactly("DELETE_DESTINATION 10.0.0.7:80", "EDIT_DESTINATION 10.0.0.8:80 w0",
                "ADD_DESTINATION 10.0.0.8:80 w0");
        assertThat(table()).isEqualTo(Map.of("10.0.0.8:80", 0));
    }

    @Test
    void aFailingKernelNeverStopsTheCheckersAndIsCaughtUpWhenItRecovers() {
        CheckSpec web02 = tcp("10.0.0.8", false);
        start(Optional.empty(), vs(1, 0, Optional.empty(), false, rs("10.0.0.7", 1, false), rs("10.0.0.8", 1, false, web02)));
        clock.advance(SECOND);
        driver.broken = true;
        fail(web02);
        clock.advance(Duration.ofSeconds(3));
        assertThat(table()).containsKey("10.0.0.8:80"); // the delete failed
        int probes = prober.probes;
        clock.advance(Duration.ofSeconds(10));
        assertThat(prober.probes).isGreaterThan(probes); // checks go on
        driver.broken = false;
        clock.advance(Reconciler.RETRY);
        assertThat(table()).isEqualTo(Map.of("10.0.0.7:80", 1));
    }

    @Test
    void identicalChecksBehindTwoVirtualServersProbeOnce() {
        ServiceKey https = new ServiceKey.Address(Protocol.TCP, ip("10.0.0.3"), 443);
        CheckSpec web01 = tcp("10.0.0.7", false);
        VirtualServerPlan second = new VirtualServerPlan("[10.0.0.3]:tcp:443", List.of(VirtualService.of(https, "rr")),
                List.of(rs("10.0.0.7", 1, false, web01)), 1, 0, Optional.empty(), Optional.empty(), Optional.empty(), false);
        start(Optional.empty(), vs(1, 0, Optional.empty(), false, rs("10.0.0.7", 1, false, web01)), second);
        clock.advance(Duration.ofSeconds(10).minusMillis(1));
        assertThat(checks.running()).isEqualTo(1);
        assertThat(prober.probes).isEqualTo(10);
        fail(web01);
        clock.advance(Duration.ofSeconds(3));
        assertThat(driver.kernel.destinations(VIP)).isEmpty();
        assertThat(driver.kernel.destinations(https)).isEmpty();
    }

    @Test
    void theSnapshotShowsEachRealServersCheckerResultPoolAndTransitionTimes() {
        CheckSpec web01 = tcp("10.0.0.7", false);
        CheckSpec web02 = tcp("10.0.0.8", false);
        Reconciler r = start(Optional.empty(), vs(2, 0, Optional.of(new VirtualServerPlan.SorryPlan(
                        Destination.of(ip("10.0.0.9"), 80, ForwardingMethod.ROUTE, 1), false)), false,
                rs("10.0.0.7", 1, false, web01), rs("10.0.0.8", 1, false, web02)));
        HealthSnapshot before = r.snapshot();
        assertThat(before.virtualServers()).hasSize(1);
        assertThat(before.virtualServers().getFirst().realServers()).allSatisfy(rs -> {
            assertThat(rs.alive()).isTrue();
            assertThat(rs.inPool()).isTrue();
            assertThat(rs.lastTransition()).isEmpty();
            assertThat(rs.checkers()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo("TCP_CHECK");
                assertThat(c.lastResult()).isEmpty();
            });
        });
        clock.advance(Duration.ofSeconds(3));
        fail(web02);
        clock.advance(SECOND);
        clock.advance(SECOND);
        Duration downAt = clock.now();
        clock.advance(Duration.ofMillis(300));
        HealthSnapshot after = r.snapshot();
        assertThat(after.at()).isEqualTo(downAt.plusMillis(300));
        HealthSnapshot.VirtualServer v = after.virtualServers().getFirst();
        assertThat(v.quorum()).isEqualTo(2);
        assertThat(v.liveWeight()).isEqualTo(1);
        assertThat(v.quorumUp()).isFalse();
        assertThat(v.sorryActive()).isTrue();
        assertThat(v.sorryServer()).map(d -> d.address().getHostAddress()).contains("10.0.0.9");
        HealthSnapshot.RealServer down = v.realServers().get(1);
        assertThat(down.alive()).isFalse();
        assertThat(down.inPool()).isFalse();
        assertThat(down.lastTransition()).contains(downAt);
        HealthSnapshot.Checker c = down.checkers().getFirst();
        assertThat(c.up()).isFalse();
        assertThat(c.lastTransition()).contains(downAt);
        assertThat(c.lastResult()).containsInstanceOf(CheckResult.Down.class);
        assertThat(c.lastResultAt()).contains(downAt);
        // With the sorry server in use the alive real server leaves the pool too.
        assertThat(v.realServers().get(0).alive()).isTrue();
        assertThat(v.realServers().get(0).inPool()).isFalse();
    }
}
