package io.javalived.daemon.status;

import java.time.Instant;
import java.util.List;

/**
 * Everything {@code /status} serves: the process, every VRRP instance, every virtual server, reloads, the
 * checker loops' stall ages, the kernel IPVS calls made so far and the kernel's connection sync daemons.
 */
public record DaemonStatus(Instant now, DaemonInfo daemon, List<VrrpInstanceStatus> vrrpInstances,
                           List<VirtualServerStatus> virtualServers, ReloadStatus reload, List<LoopStatus> checkerLoops,
                           List<IpvsCalls> ipvsKernelCalls, List<SyncDaemonStatus> syncDaemons) {
    public DaemonStatus {
        vrrpInstances = List.copyOf(vrrpInstances);
        virtualServers = List.copyOf(virtualServers);
        checkerLoops = checkerLoops == null ? List.of() : List.copyOf(checkerLoops);
        ipvsKernelCalls = ipvsKernelCalls == null ? List.of() : List.copyOf(ipvsKernelCalls);
        syncDaemons = syncDaemons == null ? List.of() : List.copyOf(syncDaemons);
    }

    public DaemonStatus(Instant now, DaemonInfo daemon, List<VrrpInstanceStatus> vrrpInstances,
                        List<VirtualServerStatus> virtualServers, ReloadStatus reload, List<LoopStatus> checkerLoops,
                        List<IpvsCalls> ipvsKernelCalls) {
        this(now, daemon, vrrpInstances, virtualServers, reload, checkerLoops, ipvsKernelCalls, List.of());
    }

    public DaemonStatus(Instant now, DaemonInfo daemon, List<VrrpInstanceStatus> vrrpInstances,
                        List<VirtualServerStatus> virtualServers, ReloadStatus reload) {
        this(now, daemon, vrrpInstances, virtualServers, reload, List.of(), List.of());
    }
}
