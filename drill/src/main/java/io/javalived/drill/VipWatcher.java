package io.javalived.drill;

import io.javalived.net.netns.InNamespace;
import io.javalived.net.rtnl.AddressMonitor;
import io.javalived.net.rtnl.InterfaceAddress;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watches one host's namespace for the VIP being added or removed: linux-net's {@link AddressMonitor} (what
 * {@code ip monitor address} shows), opened inside the host's namespace, each change of the VIP timestamped
 * on arrival.
 */
final class VipWatcher implements AutoCloseable {
    /** One change of the VIP on this host, on the drill's clock. */
    record Change(double at, boolean added) {}

    private final String host;
    private final InetAddress vip;
    private final DrillClock clock;
    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final AddressMonitor monitor;

    VipWatcher(Path namespace, String host, InetAddress vip, DrillClock clock) {
        this.host = host;
        this.vip = vip;
        this.clock = clock;
        try {
            this.monitor = InNamespace.call(namespace, () -> AddressMonitor.start(this::changed));
        } catch (Exception e) {
            throw new DrillException("cannot watch addresses in " + host + ": " + e.getMessage(), e);
        }
    }

    String host() {
        return host;
    }

    /** On the monitor's thread, as each notification arrives. */
    private void changed(InterfaceAddress a, boolean present) {
        long now = System.nanoTime();
        if (a.address().equals(vip)) {
            changes.add(new Change(clock.at(now), present));
        }
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    /** The first change of this kind at or after {@code since}, waiting up to {@code timeout}. */
    Optional<Change> await(boolean added, double since, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Change c : changes) {
                if (c.added() == added && c.at() >= since) {
                    return Optional.of(c);
                }
            }
            if (System.nanoTime() > end) {
                return Optional.empty();
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        monitor.close();
    }
}
