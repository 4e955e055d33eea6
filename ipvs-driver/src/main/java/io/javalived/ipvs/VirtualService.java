package io.javalived.ipvs;

import java.util.EnumSet;
import java.util.Set;

/**
 * A virtual service as configured: identity, scheduler, flags (ONE_PACKET and the scheduler flags
 * SCHED1..3), persistence (timeout in seconds, 0 = not persistent; netmask: an IPv4 mask such as
 * 0xffffff00, or an IPv6 prefix length) and an optional persistence engine ("sip"). No counters.
 */
public record VirtualService(ServiceKey key, String scheduler, Set<ServiceFlag> flags, int timeout, int netmask,
                             String persistenceEngine) {

    public VirtualService {
        if (scheduler == null || scheduler.isEmpty()) {
            throw new IllegalArgumentException("a virtual service needs a scheduler");
        }
        EnumSet<ServiceFlag> f = EnumSet.noneOf(ServiceFlag.class);
        f.addAll(flags);
        f.remove(ServiceFlag.PERSISTENT);
        f.remove(ServiceFlag.HASHED);
        flags = Set.copyOf(f);
        if (timeout < 0) {
            throw new IllegalArgumentException("negative persistence timeout: " + timeout);
        }
        persistenceEngine = persistenceEngine == null || persistenceEngine.isEmpty() ? null : persistenceEngine;
    }

    /** A service with the scheduler, no flags, no persistence and the family's full netmask. */
    public static VirtualService of(ServiceKey key, String scheduler) {
        return new VirtualService(key, scheduler, Set.of(), 0, key.family().defaultNetmask(), null);
    }

    public boolean persistent() {
        return timeout > 0;
    }

    /** The kernel flag bits for this service (PERSISTENT when it has a timeout). */
    public int flagBits() {
        return ServiceFlag.toBits(flags) | (persistent() ? ServiceFlag.PERSISTENT.bit() : 0);
    }

    public VirtualService withPersistence(int seconds, int mask) {
        return new VirtualService(key, scheduler, flags, seconds, mask, persistenceEngine);
    }

    public VirtualService withFlags(Set<ServiceFlag> f) {
        return new VirtualService(key, scheduler, f, timeout, netmask, persistenceEngine);
    }
}
