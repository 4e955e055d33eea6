package io.javalived.healthcheck.lvs;

import io.javalived.healthcheck.probe.CheckResult;
import io.javalived.ipvs.Destination;
import io.javalived.ipvs.VirtualService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A read-only copy of what the reconciler knows, taken on its thread ({@link Reconciler#snapshot()}), safe to
 * hand to any thread. Times are the checkers' monotonic clock ({@code CheckScheduler.now()}); {@link #at()} is
 * that clock when the copy was taken, so a reader can turn any time into an age ({@code at - time}).
 *
 * @param at             the scheduler's time when the snapshot was taken
 * @param virtualServers in configuration order (one per virtual_server block)
 */
public record HealthSnapshot(Duration at, List<VirtualServer> virtualServers) {
    public HealthSnapshot {
        virtualServers = List.copyOf(virtualServers);
    }

    /**
     * One virtual_server block.
     *
     * @param name        as logs name it ({@code [10.0.0.3]:tcp:80}, {@code FWM 5}, {@code group NAME})
     * @param services    the IPVS services it stands for (scheduler, flags...)
     * @param quorum      the live weight it needs
     * @param liveWeight  the sum of the weights of its alive real servers
     * @param sorryServer the sorry server, if configured; {@code sorryActive} while it is in use
     */
    public record VirtualServer(String name, List<VirtualService> services, long quorum, long hysteresis, long liveWeight,
                                boolean quorumUp, Optional<Destination> sorryServer, boolean sorryActive,
                                List<RealServer> realServers) {
        public VirtualServer {
            services = List.copyOf(services);
            realServers = List.copyOf(realServers);
        }
    }

    /**
     * One real server of a virtual server.
     *
     * @param configured     the destination as configured (configured weight, forwarding method)
     * @param weight         the weight it runs with now (a MISC_CHECK with misc_dynamic may change it)
     * @param alive          every checker says up
     * @param inPool         it is in the installed table of every service of its virtual server with a weight above 0
     * @param lastTransition when {@code alive} last changed, empty when it never did
     * @param checkers       one per checker, in configuration order
     */
    public record RealServer(String name, Destination configured, int weight, boolean alive, boolean inPool,
                             Optional<Duration> lastTransition, List<Checker> checkers) {
        public RealServer {
            checkers = List.copyOf(checkers);
        }
    }

    /**
     * One checker of a real server.
     *
     * @param kind           keepalived's name ({@code TCP_CHECK}, {@code HTTP_GET}...)
     * @param target         what it probes ({@code 10.0.0.7:80})
     * @param up             its verdict now
     * @param lastResult     its latest result (with its latency and, when down, why), empty before the first
     * @param lastResultAt   when that result came
     * @param lastTransition when {@code up} last changed, empty when it never did
     */
    public record Checker(String kind, String target, boolean up, Optional<CheckResult> lastResult,
                          Optional<Duration> lastResultAt, Optional<Duration> lastTransition) {
    }
}
