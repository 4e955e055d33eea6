package io.javalived.healthcheck.lvs;

import io.javalived.ipvs.Destination;
import io.javalived.ipvs.VirtualService;
import java.util.List;
import java.util.Optional;

/**
 * One virtual_server block, resolved for the kernel: the IPVS services it stands for (one, or one per
 * address of its virtual_server_group), its real servers, quorum with hysteresis and scripts, and the
 * sorry server.
 *
 * @param name how logs name it ({@code [10.0.0.3]:tcp:80} or {@code group NAME})
 */
public record VirtualServerPlan(String name, List<VirtualService> services, List<RealServerPlan> realServers,
                                long quorum, long hysteresis, Optional<List<String>> quorumUp,
                                Optional<List<String>> quorumDown, Optional<SorryPlan> sorryServer, boolean omega) {
    public VirtualServerPlan {
        services = List.copyOf(services);
        realServers = List.copyOf(realServers);
    }

    /** The sorry server and whether it stays in the table at weight 0 while unused (sorry_server_inhibit). */
    public record SorryPlan(Destination destination, boolean inhibit) {
    }
}
