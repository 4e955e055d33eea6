package io.javalived.daemon.status;

import java.util.List;

/**
 * A read-only view a subsystem offers of what it runs: the VRRP subsystem lists its instances, the checker
 * subsystem its virtual servers. Each call returns a consistent snapshot and never blocks the subsystem's
 * loop for long. A subsystem implements only what it has.
 */
public interface StatusSource {

    default List<VrrpInstanceStatus> vrrpInstances() {
        return List.of();
    }

    default List<VirtualServerStatus> virtualServers() {
        return List.of();
    }

    /** The checker-side loops and how long ago each last turned (the checker subsystem has them). */
    default List<LoopStatus> checkerLoops() {
        return List.of();
    }

    /** The kernel's IPVS connection sync daemons (lvs_sync_daemon). */
    default List<SyncDaemonStatus> syncDaemons() {
        return List.of();
    }

    /** The kernel IPVS calls made so far, one entry per operation (the checker subsystem makes them). */
    default List<IpvsCalls> ipvsKernelCalls() {
        return List.of();
    }
}
