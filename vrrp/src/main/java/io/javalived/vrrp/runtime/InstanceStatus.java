package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.VrrpState;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of one instance for status output and metrics.
 *
 * @param interfaceNow the instance's interface as it is named now (a rename is followed by the interface's index)
 * @param vipsPresent  the configured VIPs on their interface right now, as the kernel reports them
 * @param vipsMissing  a MASTER's VIPs that are not there right now (empty in any other state)
 * @param vipsRestored VIPs deleted from outside and put back since the start
 */
public record InstanceStatus(String name, int vrid, VrrpState state, int effectivePriority, String masterAddress,
                             long advertsSent, long advertsReceived, long priorityZeroSent,
                             long becameMaster, long releasedMaster, Map<String, Long> rejected, String interfaceNow,
                             List<String> vipsPresent, List<String> vipsMissing, long vipsRestored) {
    public InstanceStatus {
        vipsPresent = List.copyOf(vipsPresent);
        vipsMissing = List.copyOf(vipsMissing);
    }

    /** Without the interface and VIP facts (older callers): nothing known present or missing. */
    public InstanceStatus(String name, int vrid, VrrpState state, int effectivePriority, String masterAddress,
                          long advertsSent, long advertsReceived, long priorityZeroSent,
                          long becameMaster, long releasedMaster, Map<String, Long> rejected) {
        this(name, vrid, state, effectivePriority, masterAddress, advertsSent, advertsReceived, priorityZeroSent,
                becameMaster, releasedMaster, rejected, "", List.of(), List.of(), 0);
    }
}
