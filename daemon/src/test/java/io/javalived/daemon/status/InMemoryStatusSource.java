package io.javalived.daemon.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link StatusSource} that subsystems publish snapshots into (the latest per instance or virtual server
 * wins; order of first publication is kept). Thread-safe.
 */
public final class InMemoryStatusSource implements StatusSource {
    private final Map<String, VrrpInstanceStatus> instances = new LinkedHashMap<>();
    private final Map<String, VirtualServerStatus> virtualServers = new LinkedHashMap<>();
    private final Map<String, LoopStatus> loops = new LinkedHashMap<>();
    private final Map<String, IpvsCalls> ipvsCalls = new LinkedHashMap<>();

    public synchronized void publish(IpvsCalls calls) {
        ipvsCalls.put(calls.op(), calls);
    }

    @Override
    public synchronized List<IpvsCalls> ipvsKernelCalls() {
        return List.copyOf(ipvsCalls.values());
    }

    public synchronized void publish(LoopStatus loop) {
        loops.put(loop.loop(), loop);
    }

    @Override
    public synchronized List<LoopStatus> checkerLoops() {
        return List.copyOf(loops.values());
    }

    public synchronized void publish(VrrpInstanceStatus instance) {
        instances.put(instance.name(), instance);
    }

    public synchronized void removeInstance(String name) {
        instances.remove(name);
    }

    public synchronized void publish(VirtualServerStatus virtualServer) {
        virtualServers.put(virtualServer.id(), virtualServer);
    }

    /** Replaces one real server of a published virtual server (adds it when new). */
    public synchronized void publish(String virtualServer, RealServerStatus realServer) {
        VirtualServerStatus vs = virtualServers.get(virtualServer);
        if (vs == null) {
            throw new IllegalArgumentException("no virtual server " + virtualServer + " was published");
        }
        List<RealServerStatus> rs = new ArrayList<>(vs.realServers());
        int i = indexOf(rs, realServer.id());
        if (i < 0) {
            rs.add(realServer);
        } else {
            rs.set(i, realServer);
        }
        virtualServers.put(virtualServer, vs.withRealServers(rs));
    }

    public synchronized void removeVirtualServer(String id) {
        virtualServers.remove(id);
    }

    @Override
    public synchronized List<VrrpInstanceStatus> vrrpInstances() {
        return List.copyOf(instances.values());
    }

    @Override
    public synchronized List<VirtualServerStatus> virtualServers() {
        return List.copyOf(virtualServers.values());
    }

    private static int indexOf(List<RealServerStatus> list, String id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
