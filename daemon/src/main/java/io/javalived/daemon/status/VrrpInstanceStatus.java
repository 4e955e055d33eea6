package io.javalived.daemon.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one VRRP instance, as the VRRP subsystem publishes it.
 *
 * @param interfaceName     the configured interface ("" when none)
 * @param basePriority      the configured priority
 * @param effectivePriority after trackers (0 when a tracker put the instance in FAULT)
 * @param masterAddress     the current master's address as last seen (this host's when MASTER); empty when unknown
 * @param vips              the configured VIPs ({@code 10.0.0.3/32 dev eth0})
 * @param lastTransition    when the instance entered its state
 * @param reason            why it entered it ({@code master down timer expired}, {@code higher priority advert from 10.0.0.2})
 */
public record VrrpInstanceStatus(String name, int vrid, String interfaceName, String family, int version, InstanceState state,
                             int basePriority, int effectivePriority, Optional<String> masterAddress, List<String> vips,
                             Instant lastTransition, String reason, VrrpCounters counters) {
    public VrrpInstanceStatus {
        vips = List.copyOf(vips);
    }
}
