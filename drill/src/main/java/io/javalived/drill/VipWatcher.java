package io.javalived.drill;

import io.javalived.net.ffm.SocketConstants;
import io.javalived.net.netlink.NetlinkMessage;
import io.javalived.net.netlink.NetlinkSocket;
import io.javalived.net.netns.InNamespace;
import io.javalived.net.rtnl.InterfaceAddress;
import io.javalived.net.rtnl.Rtnl;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watches one host's namespace for the VIP being added or removed: an rtnetlink socket subscribed to IPv4
 * address notifications (what {@code ip monitor address} shows), each change timestamped on arrival.
 */
final class VipWatcher implements AutoCloseable {
    /** One change of the VIP on this host, on the drill's clock. */
    record Change(double at, boolean added) {}

    private final String host;
    private final InetAddress vip;
    private final DrillClock clock;
    private final NetlinkSocket socket;
    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;

    VipWatcher(Path namespace, String host, InetAddress vip, DrillClock clock) {
        this.host = host;
        this.vip = vip;
        this.clock = clock;
        try {
            this.socket = InNamespace.call(namespace,
                    () -> NetlinkSocket.open(SocketConstants.NETLINK_ROUTE, Rtnl.RTMGRP_IPV4_IFADDR));
        } catch (Exception e) {
            throw new DrillException("cannot watch addresses in " + host + ": " + e.getMessage(), e);
        }
        this.reader = Thread.ofPlatform().daemon().name("drill-vip-watch-" + host).start(this::read);
    }

    String host() {
        return host;
    }

    private void read() {
        while (running) {
            try {
                for (NetlinkMessage m : socket.receive(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    if (m.type() != Rtnl.RTM_NEWADDR && m.type() != Rtnl.RTM_DELADDR) {
                        continue;
                    }
                    InterfaceAddress a = InterfaceAddress.decode(m.payload());
                    if (a.address().equals(vip)) {
                        changes.add(new Change(clock.at(now), m.type() == Rtnl.RTM_NEWADDR));
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
            }
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
        running = false;
        try {
            reader.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }
}
