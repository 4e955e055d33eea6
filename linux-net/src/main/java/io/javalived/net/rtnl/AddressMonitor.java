package io.javalived.net.rtnl;

import io.javalived.net.ffm.SocketConstants;
import io.javalived.net.netlink.NetlinkMessage;
import io.javalived.net.netlink.NetlinkSocket;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the addresses of every interface (what {@code ip monitor address} shows): subscribes to the IPv4 and IPv6
 * address notifications first, then dumps the addresses, so no change between the two is lost (one may be reported
 * twice). A daemon thread reads the notifications and tells the listener of each RTM_NEWADDR (added, or changed:
 * flags, lifetimes) and RTM_DELADDR. The socket belongs to the network namespace of the thread that calls
 * {@link #start}.
 */
public final class AddressMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AddressMonitor.class);

    /** Hears each address notification on the monitor's thread. */
    @FunctionalInterface
    public interface Listener {
        void changed(InterfaceAddress address, boolean present);
    }

    private final Listener listener;
    private final NotificationReader reader;
    private List<InterfaceAddress> initial = List.of();

    private AddressMonitor(NetlinkSocket events, Listener listener) {
        this.listener = listener;
        this.reader = new NotificationReader("address monitor", events, this::handle);
    }

    /** Subscribes, dumps every address of both families ({@link #initial()}), then starts telling {@code listener}. */
    public static AddressMonitor start(Listener listener) {
        AddressMonitor m = new AddressMonitor(NetlinkSocket.open(SocketConstants.NETLINK_ROUTE,
                Rtnl.RTMGRP_IPV4_IFADDR | Rtnl.RTMGRP_IPV6_IFADDR), listener);
        try (RouteNetlink rt = RouteNetlink.open()) {
            m.initial = List.copyOf(rt.addresses(0));
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        m.reader.start();
        return m;
    }

    /** Every address configured when the monitor started (dumped after it subscribed to the notifications). */
    public List<InterfaceAddress> initial() {
        return initial;
    }

    private void handle(NetlinkMessage m) {
        if (m.type() != Rtnl.RTM_NEWADDR && m.type() != Rtnl.RTM_DELADDR) return;
        InterfaceAddress a;
        try {
            a = InterfaceAddress.decode(m.payload());
        } catch (RuntimeException e) {
            log.warn("address monitor: undecodable address message: {}", e.getMessage());
            return;
        }
        try {
            listener.changed(a, m.type() == Rtnl.RTM_NEWADDR);
        } catch (RuntimeException e) {
            log.warn("address listener failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
