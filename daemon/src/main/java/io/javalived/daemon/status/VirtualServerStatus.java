package io.javalived.daemon.status;

import java.util.List;

/**
 * A snapshot of one virtual server.
 *
 * @param id         {@code TCP 10.0.0.3:80}, {@code FWM 5 inet}, {@code group NAME TCP} (as the reload plan names it)
 * @param scheduler  {@code wrr}
 * @param quorumUp   whether the live weight meets the quorum
 */
public record VirtualServerStatus(String id, String scheduler, boolean quorumUp, List<RealServerStatus> realServers) {
    public VirtualServerStatus {
        realServers = List.copyOf(realServers);
    }
}
