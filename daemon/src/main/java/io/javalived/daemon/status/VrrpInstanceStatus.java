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
 * @param interfaceNow      the interface's name now (differs from {@code interfaceName} after a rename, which is
 *                          followed by the interface's index)
 * @param vipsPresent       the configured VIPs on their interface right now, as the kernel reports them
 *                          ({@code 10.0.0.3/24 dev eth0})
 * @param vipsMissing       a MASTER's VIPs not on their interface right now (empty in other states)
 * @param vipsRestored      VIPs deleted from outside and put back since the start
 */
public record VrrpInstanceStatus(String name, int vrid, String interfaceName, String family, int version, InstanceState state,
                             int basePriority, int effectivePriority, Optional<String> masterAddress, List<String> vips,
                             Instant lastTransition, String reason, VrrpCounters counters, String interfaceNow,
                             List<String> vipsPresent, List<String> vipsMissing, long vipsRestored) {
    public VrrpInstanceStatus {
        vips = List.copyOf(vips);
        interfaceNow = interfaceNow == null ? interfaceName : interfaceNow; // a status written before the field
        vipsPresent = vipsPresent == null ? List.of() : List.copyOf(vipsPresent);
        vipsMissing = vipsMissing == null ? List.of() : List.copyOf(vipsMissing);
    }

    /** Without the kernel's view (fixtures, sources that do not watch addresses): the configured interface, nothing known present. */
    public VrrpInstanceStatus(String name, int vrid, String interfaceName, String family, int version, InstanceState state,
                          int basePriority, int effectivePriority, Optional<String> masterAddress, List<String> vips,
                          Instant lastTransition, String reason, VrrpCounters counters) {
        this(name, vrid, interfaceName, family, version, state, basePriority, effectivePriority, masterAddress, vips,
                lastTransition, reason, counters, interfaceName, List.of(), List.of(), 0);
    }
}
