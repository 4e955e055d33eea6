package io.javalived.vrrp.runtime;

import static io.javalived.vrrp.runtime.EngineInMemoryTest.await;
import static io.javalived.vrrp.runtime.EngineInMemoryTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.state.VrrpState;
import io.javalived.vrrp.track.ProcessPattern;
import io.javalived.vrrp.track.TrackerWeight;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** track_process on the in-memory twin: FAULT without quorum (weight 0), keepalived's weights, quorum bounds, delays. */
class EngineTrackProcessTest {
    static final ProcessPattern WEB = new ProcessPattern("web", List.of(), ProcessPattern.ParamMatch.NONE, false);

    static InstanceConfig withProcesses(InstanceConfig c, List<ProcessTrack> ps) {
        return c.withTracks(c.trackFiles(), ps);
    }

    static ProcessTrack track(int weight, boolean reverse, int quorum, long quorumMax, Duration fork, Duration terminate) {
        return new ProcessTrack("web", WEB, new TrackerWeight(weight, reverse), quorum, quorumMax, fork, terminate);
    }

    static int priority(VrrpEngine e) {
        return e.status().getFirst().effectivePriority();
    }

    @Test
    void withWeightZeroTheInstanceIsInFaultWhileTheProcessIsNotRunning() throws Exception {
        var p = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        var c = withProcesses(EngineRulesTest.plain("VI", 100, "10.0.0.5"),
                List.of(track(0, false, 1, 0xffffffffL, Duration.ZERO, Duration.ZERO)));
        try (var e = new VrrpEngine(p, List.of(c), Map.of(), Map.of())) {
            e.start();
            await(() -> EngineRulesTest.state(e) == VrrpState.FAULT, "no web process at start: FAULT");
            assertThat(e.lastTransition("VI").orElseThrow().reason()).contains("tracked process web quorum not achieved");
            int pid = p.processes().start("web");
            await(() -> EngineRulesTest.state(e) == VrrpState.MASTER, "web started: MASTER");
            p.processes().kill(pid);
            await(() -> EngineRulesTest.state(e) == VrrpState.FAULT, "web killed: FAULT");
            assertThat(p.vipsHeld()).isEmpty();
        }
    }

    @Test
    void weightsCountAsKeepalivedCountsThem() throws Exception {
        var p = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        int pid = p.processes().start("web");
        var c = withProcesses(EngineRulesTest.plain("VI", 100, "10.0.0.5"),
                List.of(track(-20, false, 1, 0xffffffffL, Duration.ZERO, Duration.ZERO)));
        try (var e = new VrrpEngine(p, List.of(c), Map.of(), Map.of())) {
            e.start();
            await(() -> priority(e) == 100, "running: a negative weight adds nothing");
            p.processes().kill(pid);
            await(() -> priority(e) == 80, "stopped: -20");
        }
        var q = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        q.processes().start("web");
        var r = withProcesses(EngineRulesTest.plain("VI", 100, "10.0.0.5"),
                List.of(track(10, true, 1, 0xffffffffL, Duration.ZERO, Duration.ZERO)));
        try (var e = new VrrpEngine(q, List.of(r), Map.of(), Map.of())) {
            e.start();
            await(() -> priority(e) == 90, "weight 10 reverse: -10 while running (keepalived)");
        }
    }

    @Test
    void theQuorumIsABandAndTerminateDelayWaitsBeforeItCountsALoss() throws Exception {
        var p = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        int a = p.processes().start("web");
        int b = p.processes().start("web");
        var c = withProcesses(EngineRulesTest.plain("VI", 100, "10.0.0.5"),
                List.of(track(0, false, 2, 3, Duration.ZERO, Duration.ofMillis(500))));
        try (var e = new VrrpEngine(p, List.of(c), Map.of(), Map.of())) {
            e.start();
            await(() -> EngineRulesTest.state(e) == VrrpState.MASTER, "2 of [2..3]");
            p.processes().kill(a);
            Thread.sleep(200);
            assertThat(EngineRulesTest.state(e)).as("terminate_delay not over").isEqualTo(VrrpState.MASTER);
            p.processes().start("web");
            Thread.sleep(600);
            assertThat(EngineRulesTest.state(e)).as("back within the delay: no FAULT").isEqualTo(VrrpState.MASTER);
            p.processes().start("web");
            p.processes().start("web");
            await(() -> EngineRulesTest.state(e) == VrrpState.FAULT, "4 is above quorum_max 3 (after the delay)");
        }
    }
}
