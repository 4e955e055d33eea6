package io.javalived.daemon.status;

import java.time.Instant;
import java.util.List;

/** Everything {@code /status} serves: the process, every VRRP instance, every virtual server, reloads. */
public record DaemonStatus(Instant now, DaemonInfo daemon, List<InstanceStatus> vrrpInstances,
                           List<VirtualServerStatus> virtualServers, ReloadStatus reload) {
    public DaemonStatus {
        vrrpInstances = List.copyOf(vrrpInstances);
        virtualServers = List.copyOf(virtualServers);
    }
}
