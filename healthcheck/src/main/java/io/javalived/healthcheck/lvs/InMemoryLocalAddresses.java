package io.javalived.healthcheck.lvs;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The in-memory twin of the kernel's address table for {@link LocalAddresses}: a test adds and removes addresses
 * and every watcher hears it at once, on the caller's thread, as the kernel's events would tell it.
 */
public final class InMemoryLocalAddresses implements LocalAddresses {

    private final Set<Entry> present = new LinkedHashSet<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Configures {@code address} on interface {@code index} (no event when it was there already, as the kernel: EEXIST). */
    public synchronized void add(InetAddress address, int index) {
        Entry e = new Entry(address, index);
        if (present.add(e)) {
            listeners.forEach(l -> l.changed(e, true));
        }
    }

    /** Removes {@code address} from interface {@code index} (no event when it was not there). */
    public synchronized void remove(InetAddress address, int index) {
        Entry e = new Entry(address, index);
        if (present.remove(e)) {
            listeners.forEach(l -> l.changed(e, false));
        }
    }

    /** How many watches are open (tests that check the reconciler closes its watch). */
    public int watchers() {
        return listeners.size();
    }

    @Override
    public synchronized Watch watch(Listener listener) {
        listeners.add(listener);
        Set<Entry> now = Set.copyOf(present);
        return new Watch() {
            @Override
            public Set<Entry> initial() {
                return now;
            }

            @Override
            public void close() {
                listeners.remove(listener);
            }
        };
    }
}
