package io.javalived.ipvs;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A connection sync daemon of the kernel (IPVS_CMD_NEW_DAEMON / GET_DAEMON): its role, the interface
 * its multicast goes through, the sync id that tags its messages, the largest UDP payload it sends or
 * reads, and the multicast group, base port and TTL.
 *
 * <p>In a request, 0 (or a null group) asks for the kernel's default: group {@link #DEFAULT_GROUP},
 * port {@link #DEFAULT_PORT}, TTL {@link #DEFAULT_TTL}, and a maximum length from the MTU (a master
 * 1500, a backup the interface's MTU, at least 1500, less the IP and UDP headers). The kernel clamps a
 * given maximum length to 1..65535-headers for a master and 1024..65535-headers for a backup. What
 * {@link IpvsDriver#daemons()} lists has every value filled in as the kernel runs it.
 *
 * @param state              master or backup
 * @param multicastInterface the interface name (the kernel takes at most 15 bytes)
 * @param syncId             the sync id (ipvsadm and keepalived allow 0..255; the kernel keeps an int)
 * @param maxLength          the UDP payload size, 0 for the kernel's default
 * @param group              the IPv4 or IPv6 multicast group, null for the kernel's default
 * @param port               the base UDP port, 0 for the kernel's default
 * @param ttl                the multicast TTL (hop limit), 0 for the kernel's default
 */
public record SyncDaemon(SyncState state, String multicastInterface, int syncId, int maxLength, InetAddress group,
                         int port, int ttl) {
    /** The kernel's default multicast group (IP_VS_SYNC_GROUP). */
    public static final InetAddress DEFAULT_GROUP = Addresses.parseNumeric("224.0.0.81");
    /** The kernel's default base port (IP_VS_SYNC_PORT). */
    public static final int DEFAULT_PORT = 8848;
    public static final int DEFAULT_TTL = 1;
    /** The longest interface name the kernel takes (IP_VS_IFNAME_MAXLEN less its NUL). */
    public static final int MAX_INTERFACE_NAME = 15;

    public SyncDaemon {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(multicastInterface, "multicastInterface");
        if (maxLength < 0 || maxLength > 0xffff) {
            throw new IllegalArgumentException("sync max length " + maxLength + " is not a 16-bit number");
        }
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("sync port " + port + " is not 0..65535");
        }
        if (ttl < 0 || ttl > 0xff) {
            throw new IllegalArgumentException("sync TTL " + ttl + " is not 0..255");
        }
    }

    /** A daemon with the kernel's defaults for group, port, TTL and maximum length. */
    public static SyncDaemon of(SyncState state, String multicastInterface, int syncId) {
        return new SyncDaemon(state, multicastInterface, syncId, 0, null, 0, 0);
    }

    public SyncDaemon withMaxLength(int maxLength) {
        return new SyncDaemon(state, multicastInterface, syncId, maxLength, group, port, ttl);
    }

    public SyncDaemon withGroup(InetAddress group) {
        return new SyncDaemon(state, multicastInterface, syncId, maxLength, group, port, ttl);
    }

    public SyncDaemon withPort(int port) {
        return new SyncDaemon(state, multicastInterface, syncId, maxLength, group, port, ttl);
    }

    public SyncDaemon withTtl(int ttl) {
        return new SyncDaemon(state, multicastInterface, syncId, maxLength, group, port, ttl);
    }

    /** The IP family of the multicast group (the default group is IPv4). */
    public AddressFamily family() {
        return group instanceof Inet6Address ? AddressFamily.INET6 : AddressFamily.INET;
    }

    /** For logs and errors: {@code master on eth0 syncid 7}, then whichever of maxlen, group, port, ttl is set. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(state.label()).append(" on ").append(multicastInterface)
                .append(" syncid ").append(syncId);
        if (maxLength != 0) {
            s.append(" maxlen ").append(maxLength);
        }
        if (group != null) {
            s.append(" group ").append(Addresses.toText(group));
        }
        if (port != 0) {
            s.append(" port ").append(port);
        }
        if (ttl != 0) {
            s.append(" ttl ").append(ttl);
        }
        return s.toString();
    }
}
