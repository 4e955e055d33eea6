package io.javalived.daemon.status;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Assembles the {@link DaemonStatus} from the process facts, the subsystems' sources and the reload history. */
public final class StatusService implements Supplier<DaemonStatus> {
    private final Clock clock;
    private final Supplier<DaemonInfo> daemon;
    private final List<StatusSource> sources;
    private final ReloadHistory reloads;

    public StatusService(Clock clock, Supplier<DaemonInfo> daemon, List<StatusSource> sources, ReloadHistory reloads) {
        this.clock = clock;
        this.daemon = daemon;
        this.sources = List.copyOf(sources);
        this.reloads = reloads;
    }

    @Override
    public DaemonStatus get() {
        List<VrrpInstanceStatus> instances = new ArrayList<>();
        List<VirtualServerStatus> virtualServers = new ArrayList<>();
        List<LoopStatus> loops = new ArrayList<>();
        // Both subsystems may call the kernel's IPVS (the checkers, VRRP's sync daemons): one entry per operation.
        java.util.Map<String, IpvsCalls> ipvsCalls = new java.util.LinkedHashMap<>();
        List<SyncDaemonStatus> syncDaemons = new ArrayList<>();
        for (StatusSource s : sources) {
            instances.addAll(s.vrrpInstances());
            virtualServers.addAll(s.virtualServers());
            loops.addAll(s.checkerLoops());
            for (IpvsCalls c : s.ipvsKernelCalls()) {
                ipvsCalls.merge(c.op(), c, (a, b) -> new IpvsCalls(a.op(), a.calls() + b.calls(), a.errors() + b.errors()));
            }
            syncDaemons.addAll(s.syncDaemons());
        }
        return new DaemonStatus(clock.instant(), daemon.get(), instances, virtualServers, reloads.status(), loops,
                List.copyOf(ipvsCalls.values()), syncDaemons);
    }
}
