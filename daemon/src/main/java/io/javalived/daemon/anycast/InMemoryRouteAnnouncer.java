package io.javalived.daemon.anycast;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.Set;

/** The in-memory twin of {@link KernelRouteAnnouncer}: a set of addresses, nothing reaches the kernel. */
public final class InMemoryRouteAnnouncer implements RouteAnnouncer {
    private final Set<InetAddress> routes = new LinkedHashSet<>();
    private boolean closed;

    @Override
    public synchronized boolean announce(InetAddress address) {
        if (closed) throw new IllegalStateException("announcer closed");
        return routes.add(address);
    }

    @Override
    public synchronized boolean withdraw(InetAddress address) {
        return routes.remove(address);
    }

    @Override
    public synchronized Set<InetAddress> announced() {
        return Set.copyOf(routes);
    }

    @Override
    public synchronized void close() {
        routes.clear();
        closed = true;
    }
}
