package io.javalived.vrrp.runtime;

import java.net.InetAddress;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** The firewall's in-memory twin: the blocked addresses and the changes in order ("+10.0.0.3", "-10.0.0.3"). */
public final class InMemoryFirewall implements VipFirewall {
    private final Set<InetAddress> blocked = new LinkedHashSet<>();
    private final List<String> changes = new CopyOnWriteArrayList<>();
    private boolean closed;

    @Override
    public synchronized void block(Collection<InetAddress> addresses) {
        for (InetAddress a : addresses) {
            if (blocked.add(a)) changes.add("+" + a.getHostAddress());
        }
    }

    @Override
    public synchronized void unblock(Collection<InetAddress> addresses) {
        for (InetAddress a : addresses) {
            if (blocked.remove(a)) changes.add("-" + a.getHostAddress());
        }
    }

    @Override
    public synchronized Set<InetAddress> blocked() {
        return Set.copyOf(blocked);
    }

    public List<String> changes() {
        return List.copyOf(changes);
    }

    public synchronized boolean closed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        blocked.clear();
        closed = true;
    }
}
