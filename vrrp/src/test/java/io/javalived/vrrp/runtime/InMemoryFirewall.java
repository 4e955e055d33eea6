package io.javalived.vrrp.runtime;

import java.net.InetAddress;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The firewall's in-memory twin: the blocked addresses and the changes in order ("drop+10.0.0.3", "drop-10.0.0.3"),
 * written to a list it may share with the VIP changes (so a test sees the order of both).
 */
public final class InMemoryFirewall implements VipFirewall {
    private final Set<InetAddress> blocked = new LinkedHashSet<>();
    private final List<String> changes;
    private boolean closed;

    public InMemoryFirewall() {
        this(new CopyOnWriteArrayList<>());
    }

    public InMemoryFirewall(List<String> changes) {
        this.changes = changes;
    }

    @Override
    public synchronized void block(Collection<InetAddress> addresses) {
        for (InetAddress a : addresses) {
            if (blocked.add(a)) changes.add("drop+" + a.getHostAddress());
        }
    }

    @Override
    public synchronized void unblock(Collection<InetAddress> addresses) {
        for (InetAddress a : addresses) {
            if (blocked.remove(a)) changes.add("drop-" + a.getHostAddress());
        }
    }

    @Override
    public synchronized Set<InetAddress> blocked() {
        return Set.copyOf(blocked);
    }

    /** The changes ("drop+A", "drop-A"), without the VIP changes of a shared list. */
    public List<String> changes() {
        return changes.stream().filter(c -> c.startsWith("drop")).toList();
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
