package io.javalived.drill;

import io.javalived.net.netns.InNamespace;
import io.javalived.net.rtnl.Route;
import io.javalived.net.rtnl.RouteNetlink;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * The upstream router's next hops for the VIP, read from its kernel FIB (what {@code ip route show VIP/32} shows):
 * an rtnetlink route dump in the router's namespace every {@link #PERIOD_MILLIS} ms on a thread of its own, each
 * change of the set of next hops timestamped on the drill's clock. Only the main table's route to exactly VIP/32
 * counts (zebra installs the BGP route there; a multipath route lists each director as one path).
 */
final class NextHopWatcher implements AutoCloseable {
    /** 50 ms: a finer poll costs the emulated guest CPU that the directors' JVMs need (a restart took minutes). */
    static final long PERIOD_MILLIS = 50;

    /** The VIP's next hops from {@code at} on (sorted gateway addresses; empty: no route). */
    public record Change(double at, List<String> hops) {
        public Change {
            hops = List.copyOf(hops);
        }

        public int count() {
            return hops.size();
        }
    }

    private final InetAddress vip;
    private final DoubleSupplier clock;
    private final RouteNetlink rtnl;
    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean open = true;

    public NextHopWatcher(Path routerNamespace, InetAddress vip, DoubleSupplier clock) {
        this.vip = vip;
        this.clock = clock;
        try {
            this.rtnl = InNamespace.call(routerNamespace, RouteNetlink::open);
        } catch (Exception e) {
            throw new DrillException("cannot read the router's routes: " + e.getMessage(), e);
        }
        changes.add(new Change(clock.getAsDouble(), read()));
        poller = Thread.ofPlatform().daemon().name("anycast-next-hops").start(this::poll);
    }

    /** The VIP's next hops now, from one route dump. */
    List<String> read() {
        List<String> hops = new ArrayList<>();
        for (Route r : rtnl.routes(2)) {
            if (r.table() != 254 || r.destinationLength() != 32 || !r.destination().map(vip::equals).orElse(false)) {
                continue;
            }
            if (r.multipath().isEmpty()) {
                r.gateway().ifPresent(g -> hops.add(g.getHostAddress()));
            } else {
                r.multipath().forEach(h -> h.gateway().ifPresent(g -> hops.add(g.getHostAddress())));
            }
        }
        return hops.stream().sorted().toList();
    }

    private void poll() {
        while (open) {
            try {
                List<String> now = read();
                double at = clock.getAsDouble();
                if (!now.equals(changes.getLast().hops())) {
                    changes.add(new Change(at, now));
                }
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    /** The next hops as last read. */
    public List<String> hops() {
        return changes.getLast().hops();
    }

    /** Every change so far, the first being the state when the watcher started. */
    public List<Change> changes() {
        return List.copyOf(changes);
    }

    /**
     * The first moment at or after {@code since} when the hops satisfy {@code wanted} (the state at {@code since}
     * itself counts, reported at {@code since}), waiting up to {@code limit}.
     */
    public Optional<Change> await(Predicate<List<String>> wanted, double since, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            Change atSince = null;
            for (Change c : changes()) {
                if (c.at() <= since) {
                    atSince = c;
                    continue;
                }
                if (atSince != null && wanted.test(atSince.hops())) {
                    break;
                }
                if (wanted.test(c.hops())) {
                    return Optional.of(c);
                }
            }
            if (atSince != null && wanted.test(atSince.hops())) {
                return Optional.of(new Change(since, atSince.hops()));
            }
            if (System.nanoTime() > end) {
                return Optional.empty();
            }
            Thread.sleep(5);
        }
    }

    /** Awaits exactly {@code count} next hops. */
    public Optional<Change> awaitCount(int count, double since, Duration limit) throws InterruptedException {
        return await(h -> h.size() == count, since, limit);
    }

    @Override
    public void close() {
        open = false;
        poller.interrupt();
        try {
            poller.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rtnl.close();
    }
}
