package io.javalived.net.socket;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.javalived.net.ffm.Errno;
import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.ffm.Libc;
import io.javalived.net.ffm.SockAddr;
import io.javalived.net.ffm.SocketConstants;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * A raw ICMP (IPv4) or ICMPv6 socket that sends echo requests and receives only echo replies (ICMP_FILTER /
 * ICMP6_FILTER), for PING_CHECK. It carries ICMP messages, not IP datagrams: {@link #receive} strips the IPv4
 * header. The caller builds the message; for ICMPv6 the kernel fills in the checksum (RFC 3542), for ICMP the
 * caller does. Opening it needs CAP_NET_RAW, as ping(8) and keepalived's PING_CHECK do.
 */
public final class IcmpSocket implements AutoCloseable {
    private static final int BUFFER = 2048;
    private static final int ICMP_ECHO_REPLY = 0;
    private static final int ICMPV6_ECHO_REPLY = 129;

    /** A received ICMP message and who sent it. */
    public record Received(InetAddress source, byte[] message) {}

    private final int fd;
    private final boolean ipv6;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(BUFFER, 8);
    private final MemorySegment from = arena.allocate(28, 4);
    private final MemorySegment fromLength = arena.allocate(JAVA_INT);
    private volatile boolean closed;

    private IcmpSocket(int fd, boolean ipv6) {
        this.fd = fd;
        this.ipv6 = ipv6;
    }

    /** Opens an ICMP socket of the family, bound to {@code local} when given (bindto). */
    public static IcmpSocket open(boolean ipv6, Optional<InetAddress> local) {
        int fd = Libc.socket(ipv6 ? SocketConstants.AF_INET6 : SocketConstants.AF_INET,
                SocketConstants.SOCK_RAW | SocketConstants.SOCK_CLOEXEC, ipv6 ? IpConstants.IPPROTO_ICMPV6 : IpConstants.IPPROTO_ICMP);
        try (Arena a = Arena.ofConfined()) {
            if (ipv6) {
                // struct icmp6_filter: a bit set blocks that type; block all but echo reply
                MemorySegment filter = a.allocate(32, 4);
                for (int i = 0; i < 8; i++) filter.setAtIndex(JAVA_INT, i, -1);
                filter.setAtIndex(JAVA_INT, ICMPV6_ECHO_REPLY >> 5, ~(1 << (ICMPV6_ECHO_REPLY & 31)));
                Libc.setsockopt(fd, IpConstants.IPPROTO_ICMPV6, IpConstants.ICMP6_FILTER, filter);
            } else {
                // struct icmp_filter {u32 data}: a bit set drops that type
                Libc.setsockoptInt(fd, IpConstants.SOL_RAW, IpConstants.ICMP_FILTER, ~(1 << ICMP_ECHO_REPLY));
            }
            if (local.isPresent()) {
                InetAddress l = local.get();
                if ((l instanceof Inet6Address) != ipv6) {
                    throw new IllegalArgumentException("bind address " + l.getHostAddress() + " is not "
                            + (ipv6 ? "IPv6" : "IPv4"));
                }
                Libc.bind(fd, SockAddr.inet(a, l, 0));
            }
            return new IcmpSocket(fd, ipv6);
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    public boolean ipv6() {
        return ipv6;
    }

    /** Sends one ICMP message to {@code destination}; errors (ENETUNREACH, EHOSTUNREACH...) name it. */
    public void send(InetAddress destination, byte[] message) {
        if ((destination instanceof Inet6Address) != ipv6) {
            throw new IllegalArgumentException(destination.getHostAddress() + " is not " + (ipv6 ? "IPv6" : "IPv4"));
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(message.length);
            MemorySegment.copy(message, 0, buf, JAVA_BYTE, 0, message.length);
            Libc.sendto(fd, buf, message.length, 0, SockAddr.inet(a, destination, 0));
        } catch (ErrnoException e) {
            throw new ErrnoException("ICMP echo to " + destination.getHostAddress(), e.errno());
        }
    }

    /** The next ICMP message (IPv4 header removed) and its source, or null when none arrives within {@code wait}. */
    public Received receive(Duration wait) {
        if (closed || !Libc.pollIn(fd, (int) Math.min(Integer.MAX_VALUE, wait.toMillis()))) return null;
        synchronized (buffer) {
            if (closed) return null;
            try {
                fromLength.set(JAVA_INT, 0, 28);
                int n = (int) Libc.recvfrom(fd, buffer, BUFFER, SocketConstants.MSG_DONTWAIT, from, fromLength);
                byte[] data = buffer.asSlice(0, n).toArray(JAVA_BYTE);
                int skip = ipv6 ? 0 : ipv4HeaderLength(data);
                if (skip < 0) return null;
                return new Received(source(), Arrays.copyOfRange(data, skip, n));
            } catch (ErrnoException e) {
                if (e.is(Errno.EAGAIN)) return null;
                throw e;
            }
        }
    }

    /** The IPv4 header's length from its IHL, or -1 when the datagram is too short to hold it. */
    private static int ipv4HeaderLength(byte[] datagram) {
        if (datagram.length < 20) return -1;
        int ihl = (datagram[0] & 0x0f) * 4;
        return ihl < 20 || ihl > datagram.length ? -1 : ihl;
    }

    private InetAddress source() {
        try {
            short family = from.get(JAVA_SHORT, 0);
            return family == SocketConstants.AF_INET6
                    ? InetAddress.getByAddress(from.asSlice(8, 16).toArray(JAVA_BYTE))
                    : InetAddress.getByAddress(from.asSlice(4, 4).toArray(JAVA_BYTE));
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // 4 or 16 bytes: cannot happen
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        Libc.close(fd);
        synchronized (buffer) {
            arena.close();
        }
    }
}
