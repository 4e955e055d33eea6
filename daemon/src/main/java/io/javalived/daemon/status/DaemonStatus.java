package io.javalived.daemon.status;

import java.time.Instant;
import java.util.List;

/**
 * Everything {@code /status} serves: the process, every VRRP instance, every virtual server, reloads, the
 * checker loops' stall ages and the kernel IPVS calls made so far.
 */
public record DaemonStatus(Instant now, DaemonInfo daemon, List<VrrpInstanceStatus> vrrpInstances,
                           List<VirtualServerStatus> virtualServers, ReloadStatus reload, List<LoopStatus> checkerLoops,
                           List<IpvsCalls> ipvsKernelCalls) {
    public DaemonStatus {
        vrrpInstances = List.copyOf(vrrpInstances);
        virtualServers = List.copyOf(virtualServers);
        checkerLoops = checkerLoops == null ? List.of() : List.copyOf(checkerLoops);
        ipvsKernelCalls = ipvsKernelCalls == null ? List.of() : List.copyOf(ipvsKernelCalls);
    }

    public DaemonStatus(Instant now, DaemonInfo daemon, List<VrrpInstanceStatus> vrrpInstances,
                        List<VirtualServerStatus> virtualServers, ReloadStatus reload) {
        this(now, daemon, vrrpInstances, virtualServers, reload, List.of(), List.of());
    }
}
