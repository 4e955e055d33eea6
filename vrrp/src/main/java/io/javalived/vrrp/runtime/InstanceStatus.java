package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.VrrpState;
import java.util.Map;

/** A snapshot of one instance for status output and metrics. */
public record InstanceStatus(String name, int vrid, VrrpState state, int effectivePriority, String masterAddress,
                             long advertsSent, long advertsReceived, long priorityZeroSent,
                             long becameMaster, long releasedMaster, Map<String, Long> rejected) {}
