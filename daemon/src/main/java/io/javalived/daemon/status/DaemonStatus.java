package io.javalived.daemon.status;

import java.time.Instant;
import java.util.List;

/**
 * Everything {@code /status} serves: the process, every VRRP instance, every virtual server, reloads, and the
 * checker loops' stall ages.
 */
public record DaemonStatus(Instant now, DaemonInfo daemon, List<InstanceStatus> vrrpInstances,
                           List<VirtualServerStatus> virtualServers, ReloadStatus reload, List<LoopStatus> checkerLoops) {
    public DaemonStatus {
        vrrpInstances = List.copyOf(vrrpInstances);
        virtualServers = List.copyOf(virtualServers);
        checkerLoops = checkerLoops == null ? List.of() : List.copyOf(checkerLoops);
    }

    public DaemonStatus(Instant now, DaemonInfo daemon, List<InstanceStatus> vrrpInstances,
                        List<VirtualServerStatus> virtualServers, ReloadStatus reload) {
        this(now, daemon, vrrpInstances, virtualServers, reload, List.of());
    }
}
