package io.javalived.ipvs;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's IPVS table, shaped around its objects: info, timeouts, virtual services and their
 * destinations (real servers), counters. Two implementations keep the same contract:
 * {@code NetlinkIpvsDriver} (the real kernel over generic netlink) and {@code InMemoryIpvsDriver}
 * (an in-memory kernel that enforces the same rules). Failures are {@link IpvsException}s with the
 * kernel's errno: EEXIST for a duplicate, ESRCH for a missing service, ENOENT for a missing destination
 * or an unknown scheduler, ERANGE for a negative weight or lower threshold above the upper one, EINVAL
 * for a malformed request. Connection sync daemons: EEXIST when one of that role already runs, ENODEV
 * for an interface that does not exist, ESRCH when stopping one that does not run.
 *
 * <p>Destinations of a direct-routing or tunnelled address service take the service's port (see
 * {@link Destination#normalizedFor}), as ipvsadm and keepalived do.
 */
public interface IpvsDriver extends AutoCloseable {

    IpvsInfo info();

    Timeouts timeouts();

    /** Sets the timeouts; a 0 keeps that timeout's current value. */
    void setTimeouts(Timeouts timeouts);

    /** Every virtual service with its counters, in the kernel's order. */
    List<ServiceEntry> services();

    /** One service, or empty when there is none with that key. */
    Optional<ServiceEntry> service(ServiceKey key);

    void addService(VirtualService service);

    /** Replaces a service's scheduler, flags and persistence (the key selects it). */
    void editService(VirtualService service);

    /** Deletes a service and its destinations. */
    void deleteService(ServiceKey key);

    /** Deletes every service. */
    void flush();

    /** The destinations of a service (ESRCH when the service does not exist). */
    List<DestinationEntry> destinations(ServiceKey service);

    void addDestination(ServiceKey service, Destination destination);

    /** Replaces a destination's forwarding, weight, thresholds and tunnel (address + port select it). */
    void editDestination(ServiceKey service, Destination destination);

    void deleteDestination(ServiceKey service, InetAddress address, int port);

    /** Zeroes the counters of every service and destination. */
    void zero();

    /** Zeroes the counters of one service and its destinations. */
    void zero(ServiceKey service);

    /**
     * Starts a connection sync daemon (IPVS_CMD_NEW_DAEMON): at most one master and one backup per
     * network namespace. Zero values take the kernel's defaults (see {@link SyncDaemon}). Fails with
     * ENODEV when the interface does not exist (checked first), EEXIST when a daemon of that role
     * already runs, EINVAL for a group that is not multicast, an interface name over 15 bytes, or while
     * a service has real servers of another address family.
     */
    void startDaemon(SyncDaemon daemon);

    /** Stops the sync daemon of that role (IPVS_CMD_DEL_DAEMON); ESRCH when none runs. */
    void stopDaemon(SyncState state);

    /** The running sync daemons, master first, with every value as the kernel runs it (IPVS_CMD_GET_DAEMON). */
    List<SyncDaemon> daemons();

    @Override
    void close();
}
