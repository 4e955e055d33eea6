package io.javalived.daemon.status;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one virtual server.
 *
 * @param id               {@code TCP 10.0.0.3:80}, {@code FWM 5 inet}, {@code group NAME TCP} (as the reload plan names it)
 * @param scheduler        {@code wrr}
 * @param method           the forwarding method of its real servers ({@code NAT}, {@code DR}, {@code TUN}; several
 *                         joined by {@code /} when they differ; empty when it has none)
 * @param quorum           the live weight it needs (keepalived's {@code quorum}, default 1)
 * @param liveWeight       the sum of the weights of its alive real servers now
 * @param quorumUp         whether the live weight meets the quorum (with hysteresis)
 * @param sorryServer      {@code 10.0.0.9:80}, when configured
 * @param sorryServerInUse whether the sorry server replaces the real servers now (quorum lost)
 */
public record VirtualServerStatus(String id, String scheduler, String method, long quorum, long liveWeight, boolean quorumUp,
                                  Optional<String> sorryServer, boolean sorryServerInUse, List<RealServerStatus> realServers) {
    public VirtualServerStatus {
        method = method == null ? "" : method;
        sorryServer = sorryServer == null ? Optional.empty() : sorryServer;
        realServers = realServers == null ? List.of() : List.copyOf(realServers);
    }

    /** Without method, quorum figures and sorry server (publishers that do not know them). */
    public VirtualServerStatus(String id, String scheduler, boolean quorumUp, List<RealServerStatus> realServers) {
        this(id, scheduler, "", 1, realServers.stream().filter(r -> r.state() != CheckState.DOWN).mapToLong(RealServerStatus::weight).sum(),
                quorumUp, Optional.empty(), false, realServers);
    }

    /** The same virtual server with other real servers. */
    public VirtualServerStatus withRealServers(List<RealServerStatus> rs) {
        return new VirtualServerStatus(id, scheduler, method, quorum, liveWeight, quorumUp, sorryServer, sorryServerInUse, rs);
    }
}
