package io.javalived.healthcheck.lvs;

import io.javalived.ipvs.Destination;
import io.javalived.ipvs.VirtualService;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.javalived.scripts.Script;

/**
 * One virtual_server block, resolved for the kernel: the IPVS services it stands for (one, or one per
 * address of its virtual_server_group), its real servers, quorum with hysteresis and scripts, and the
 * sorry server.
 *
 * @param name      how logs name it ({@code [10.0.0.3]:tcp:80} or {@code group NAME})
 * @param haSuspend with {@code ha_suspend}, the virtual server's addresses: its checks run only while one of them
 *                  is configured on this host; empty without ha_suspend (checks always run)
 */
public record VirtualServerPlan(String name, List<VirtualService> services, List<RealServerPlan> realServers,
                                long quorum, long hysteresis, Optional<Script> quorumUp,
                                Optional<Script> quorumDown, Optional<SorryPlan> sorryServer, boolean omega,
                                Set<InetAddress> haSuspend) {
    public VirtualServerPlan {
        services = List.copyOf(services);
        realServers = List.copyOf(realServers);
        haSuspend = Set.copyOf(haSuspend);
    }

    /** A virtual server without ha_suspend. */
    public VirtualServerPlan(String name, List<VirtualService> services, List<RealServerPlan> realServers,
                             long quorum, long hysteresis, Optional<Script> quorumUp,
                             Optional<Script> quorumDown, Optional<SorryPlan> sorryServer, boolean omega) {
        this(name, services, realServers, quorum, hysteresis, quorumUp, quorumDown, sorryServer, omega, Set.of());
    }

    /** The same plan with ha_suspend on these addresses. */
    public VirtualServerPlan withHaSuspend(Set<InetAddress> addresses) {
        return new VirtualServerPlan(name, services, realServers, quorum, hysteresis, quorumUp, quorumDown, sorryServer, omega,
                addresses);
    }

    /** The sorry server and whether it stays in the table at weight 0 while unused (sorry_server_inhibit). */
    public record SorryPlan(Destination destination, boolean inhibit) {
    }
}
