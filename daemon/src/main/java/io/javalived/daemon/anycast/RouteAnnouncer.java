package io.javalived.daemon.anycast;

import java.net.InetAddress;
import java.util.Set;

/**
 * The routes this host offers the routing daemon beside it (FRR's bgpd redistributes them): one host route per
 * announced address, /32 for IPv4, /128 for IPv6. {@link KernelRouteAnnouncer} puts them in the kernel through a device
 * that dies with the process; {@link InMemoryRouteAnnouncer} is its twin for unit tests. Both pass
 * {@code RouteAnnouncerContract}. Called from one thread at a time.
 */
public interface RouteAnnouncer extends AutoCloseable {
    /** Announces {@code address}; false when it was announced already. */
    boolean announce(InetAddress address);

    /** Withdraws {@code address}; false when it was not announced. */
    boolean withdraw(InetAddress address);

    /** What is announced now, as the routes themselves say (the kernel's table for the kernel announcer). */
    Set<InetAddress> announced();

    /** Withdraws everything and lets go; idempotent. */
    @Override
    void close();
}
