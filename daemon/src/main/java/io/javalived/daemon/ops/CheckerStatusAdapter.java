package io.javalived.daemon.ops;

import io.javalived.daemon.reload.ConfigSnapshots;
import io.javalived.daemon.status.CheckState;
import io.javalived.daemon.status.CheckerStatus;
import io.javalived.daemon.status.LastCheck;
import io.javalived.daemon.status.LoopStatus;
import io.javalived.daemon.status.RealServerStatus;
import io.javalived.daemon.status.StatusSource;
import io.javalived.daemon.status.VirtualServerStatus;
import io.javalived.healthcheck.HealthChecks;
import io.javalived.healthcheck.lvs.HealthSnapshot;
import io.javalived.healthcheck.probe.CheckResult;
import io.javalived.ipvs.Destination;
import io.javalived.ipvs.ForwardingMethod;
import io.javalived.ipvs.VirtualService;
import io.javalived.parser.model.KeepalivedConfig;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The health checks as a {@link StatusSource}: the reconciler's {@link HealthSnapshot} (taken on its own thread,
 * so a checker result arriving meanwhile never sees a half-read state) turned into /status values, with the
 * checkers' monotonic times turned into wall-clock instants, and the loops' stall ages.
 */
public final class CheckerStatusAdapter implements StatusSource {
    /** How long a status read waits for the reconciler's thread before showing its previous state. */
    static final Duration SNAPSHOT_WAIT = Duration.ofMillis(500);

    private final Supplier<Optional<HealthSnapshot>> snapshots;
    private final Supplier<Duration> monotonicNow;
    private final Supplier<Map<String, Duration>> stalls;
    private final Supplier<KeepalivedConfig> config;
    private final Clock clock;

    public CheckerStatusAdapter(Supplier<Optional<HealthSnapshot>> snapshots, Supplier<Duration> monotonicNow,
                                Supplier<Map<String, Duration>> stalls, Supplier<KeepalivedConfig> config, Clock clock) {
        this.snapshots = snapshots;
        this.monotonicNow = monotonicNow;
        this.stalls = stalls;
        this.config = config;
        this.clock = clock;
    }

    public static CheckerStatusAdapter of(HealthChecks checks, Supplier<KeepalivedConfig> config) {
        return new CheckerStatusAdapter(() -> checks.snapshot(SNAPSHOT_WAIT), checks::now, checks::loopStalls, config,
                Clock.systemUTC());
    }

    @Override
    public List<VirtualServerStatus> virtualServers() {
        Optional<HealthSnapshot> snapshot = snapshots.get();
        if (snapshot.isEmpty()) {
            return List.of();
        }
        Instant wallNow = clock.instant();
        Duration monoNow = monotonicNow.get();
        var configured = config.get().virtualServers();
        List<HealthSnapshot.VirtualServer> vss = snapshot.get().virtualServers();
        List<VirtualServerStatus> out = new ArrayList<>();
        for (int i = 0; i < vss.size(); i++) {
            HealthSnapshot.VirtualServer vs = vss.get(i);
            String id = vss.size() == configured.size() ? ConfigSnapshots.serviceId(configured.get(i)) : vs.name();
            String scheduler = vs.services().stream().map(VirtualService::scheduler).distinct().reduce((a, b) -> a + "/" + b)
                    .orElse("");
            String method = vs.realServers().stream().map(r -> method(r.configured().forwarding())).distinct()
                    .reduce((a, b) -> a + "/" + b).orElse("");
            List<RealServerStatus> realServers = vs.realServers().stream().map(r -> realServer(r, wallNow, monoNow)).toList();
            out.add(new VirtualServerStatus(id, scheduler, method, vs.quorum(), vs.liveWeight(), vs.quorumUp(),
                    vs.sorryServer().map(CheckerStatusAdapter::endpoint), vs.sorryActive(), realServers));
        }
        return out;
    }

    @Override
    public List<LoopStatus> checkerLoops() {
        List<LoopStatus> out = new ArrayList<>();
        stalls.get().forEach((loop, age) -> out.add(new LoopStatus(loop, age.toNanos() / 1e9)));
        return out;
    }

    private RealServerStatus realServer(HealthSnapshot.RealServer r, Instant wallNow, Duration monoNow) {
        List<CheckerStatus> checkers = new ArrayList<>();
        Optional<LastCheck> failing = Optional.empty();
        Optional<LastCheck> latest = Optional.empty();
        for (HealthSnapshot.Checker c : r.checkers()) {
            Optional<LastCheck> last = c.lastResult().map(res -> lastCheck(c, res,
                    wall(c.lastResultAt().orElse(monoNow), wallNow, monoNow)));
            checkers.add(new CheckerStatus(c.kind(), c.target(), c.up() ? CheckState.UP : CheckState.DOWN, last,
                    c.lastTransition().map(t -> wall(t, wallNow, monoNow))));
            if (!c.up() && failing.isEmpty()) {
                failing = last;
            }
            if (last.isPresent() && (latest.isEmpty() || last.get().at().isAfter(latest.get().at()))) {
                latest = last;
            }
        }
        // Alive before any checker answered is the configuration's assumption, not a verdict.
        CheckState state = !r.alive() ? CheckState.DOWN
                : !r.checkers().isEmpty() && latest.isEmpty() ? CheckState.UNKNOWN : CheckState.UP;
        return new RealServerStatus(endpoint(r.configured()), r.configured().weight(), r.weight(), state, r.inPool(),
                failing.isPresent() ? failing : latest, r.lastTransition().map(t -> wall(t, wallNow, monoNow)), checkers);
    }

    private static LastCheck lastCheck(HealthSnapshot.Checker c, CheckResult result, Instant at) {
        String reason = switch (result) {
            case CheckResult.Up up -> up.dynamicWeight().isPresent() ? "ok (weight " + up.dynamicWeight().getAsInt() + ")" : "ok";
            case CheckResult.Down down -> down.failure().describe();
        };
        return new LastCheck(c.kind() + " " + c.target(), result.isUp(), reason, result.latency().toNanos() / 1e6, at);
    }

    /** A checker-clock time as a wall-clock instant: now minus how long ago it was. */
    private static Instant wall(Duration monotonic, Instant wallNow, Duration monoNow) {
        Duration ago = monoNow.minus(monotonic);
        return wallNow.minus(ago.isNegative() ? Duration.ZERO : ago);
    }

    static String endpoint(Destination d) {
        InetAddress a = d.address();
        return (a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress()) + ":" + d.port();
    }

    /** keepalived's names for the forwarding methods (lvs_method). */
    static String method(ForwardingMethod m) {
        return switch (m) {
            case MASQ -> "NAT";
            case ROUTE -> "DR";
            case TUNNEL -> "TUN";
            case LOCAL -> "LOCAL";
        };
    }
}
