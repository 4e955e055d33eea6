package io.javalived.daemon.anycast;

import io.javalived.net.rtnl.LinkControl;
import io.javalived.net.rtnl.Route;
import io.javalived.net.rtnl.RouteNetlink;
import io.javalived.net.rtnl.Rtnl;
import io.javalived.net.tun.TunDevice;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Announces through the kernel's main routing table: each address is a host route ({@code ADDRESS/32 dev jl-announce
 * proto 200 scope link}) through a TUN device this process holds ({@link TunDevice}). FRR's zebra sees the routes
 * as "kernel" routes and bgpd redistributes them with {@code redistribute kernel route-map JAVALIVED}, the route-map
 * matching {@code interface jl-announce}. When javalived dies, even by kill -9, the kernel deletes the device and
 * with it every route: zebra sees them go and bgpd withdraws them, with no helper process and no clean-up at the
 * next start. The device is never read: traffic this host routes to an announced address that is not local to it
 * is dropped there (the directors have the VIP on {@code lo}, so their own traffic never takes these routes).
 */
public final class KernelRouteAnnouncer implements RouteAnnouncer {
    /** The device's name: FRR's route-map matches it. */
    public static final String DEVICE = "jl-announce";
    /** The routes' protocol (rtm_protocol): javalived's announcements, apart from keepalived's (18) and FRR's own. */
    public static final int PROTOCOL = 200;

    private final TunDevice device;
    private final int index;
    private final RouteNetlink rtnl;
    private boolean closed;

    private KernelRouteAnnouncer(TunDevice device, int index, RouteNetlink rtnl) {
        this.device = device;
        this.index = index;
        this.rtnl = rtnl;
    }

    /**
     * Creates the device {@value #DEVICE} and brings it up, in the calling thread's network namespace.
     *
     * @throws io.javalived.net.ffm.NativeException when the device cannot be made (no /dev/net/tun; another javalived
     *                                              holds it in this namespace: EBUSY) or brought up
     */
    public static KernelRouteAnnouncer open() {
        TunDevice device = TunDevice.open(DEVICE);
        RouteNetlink rtnl = null;
        try {
            rtnl = RouteNetlink.open();
            int index = rtnl.requireLink(DEVICE).index();
            try (LinkControl links = LinkControl.open()) {
                links.setUp(index, DEVICE);
            }
            return new KernelRouteAnnouncer(device, index, rtnl);
        } catch (RuntimeException e) {
            if (rtnl != null) rtnl.close();
            device.close();
            throw e;
        }
    }

    private Route route(InetAddress address) {
        boolean v4 = address instanceof Inet4Address;
        return new Route(v4 ? 2 : 10, Optional.of(address), v4 ? 32 : 128, Optional.empty(), 0, Optional.empty(),
                Optional.empty(), OptionalInt.of(index), Rtnl.RT_TABLE_MAIN, PROTOCOL, Rtnl.RT_SCOPE_LINK, Rtnl.RTN_UNICAST,
                0, 0, OptionalInt.empty(), List.of());
    }

    @Override
    public synchronized boolean announce(InetAddress address) {
        if (closed) throw new IllegalStateException("announcer closed");
        return rtnl.addRoute(route(address));
    }

    @Override
    public synchronized boolean withdraw(InetAddress address) {
        if (closed) return false;
        return rtnl.deleteRoute(route(address));
    }

    @Override
    public synchronized Set<InetAddress> announced() {
        if (closed) return Set.of();
        return java.util.stream.Stream.of(2, 10).flatMap(f -> rtnl.routes(f).stream())
                .filter(r -> r.protocol() == PROTOCOL && r.oif().orElse(-1) == index && r.table() == Rtnl.RT_TABLE_MAIN)
                .flatMap(r -> r.destination().stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Withdraws every route (each one, so zebra hears each deletion), then lets the device go. */
    @Override
    public synchronized void close() {
        if (closed) return;
        try {
            for (InetAddress a : announced()) {
                rtnl.deleteRoute(route(a));
            }
        } finally {
            closed = true;
            rtnl.close();
            device.close();
        }
    }
}
