package io.javalived.net.socket;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.ffm.Libc;
import io.javalived.net.ffm.SockAddr;
import io.javalived.net.ffm.SocketConstants;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A raw IPv6 socket for protocol 112 on one interface: the kernel builds the header and computes and checks the
 * checksum (IPV6_CHECKSUM at offset 6); hop limit 255, traffic class 0xC0, no multicast loopback; the source is
 * the bound address. {@link #receive} reports the source, the destination (IPV6_PKTINFO) and the hop limit
 * (IPV6_HOPLIMIT) with each message.
 */
public final class Ipv6VrrpSocket implements AutoCloseable {
    /** One received VRRP message with what the kernel told about it. */
    public record Datagram(byte[] payload, Inet6Address source, Inet6Address destination, int hopLimit) {}

    private static final int BUFFER = 2048;
    private static final int CONTROL = 128;
    private final int fd;
    private final int ifIndex;
    private final String ifName;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(BUFFER, 8);
    private final MemorySegment control = arena.allocate(CONTROL, 8);
    private final MemorySegment name = arena.allocate(28, 8);
    private final MemorySegment iov = arena.allocate(16, 8);
    private final MemorySegment msghdr = arena.allocate(56, 8);
    private volatile boolean closed;

    private Ipv6VrrpSocket(int fd, int ifIndex, String ifName) {
        this.fd = fd;
        this.ifIndex = ifIndex;
        this.ifName = ifName;
    }

    public static Ipv6VrrpSocket open(String ifName, Inet6Address source) {
        int index = Libc.ifNameToIndex(ifName);
        int fd = Libc.socket(SocketConstants.AF_INET6, SocketConstants.SOCK_RAW | SocketConstants.SOCK_CLOEXEC, IpConstants.IPPROTO_VRRP);
        try (Arena a = Arena.ofConfined()) {
            byte[] n = ifName.getBytes(StandardCharsets.US_ASCII);
            MemorySegment dev = a.allocate(n.length + 1);
            MemorySegment.copy(n, 0, dev, JAVA_BYTE, 0, n.length);
            Libc.setsockopt(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_BINDTODEVICE, dev);
            Libc.setsockoptInt(fd, IpConstants.IPPROTO_IPV6, IpConstants.IPV6_CHECKSUM, 6);
            Libc.setsockoptInt(fd, IpConstants.IPPROTO_IPV6, IpConstants.IPV6_MULTICAST_HOPS, 255);
            Libc.setsockoptInt(fd, IpConstants.IPPROTO_IPV6, IpConstants.IPV6_UNICAST_HOPS, 255);
            Libc.setsockoptInt(fd, IpConstants.IPPROTO_IPV6, IpConstants.IPV6_MULTICAST_LOOP, 0);
            Libc.setsockoptInt(fd, IpConstants.IPPROTO_IPV6, IpConstants.IPV6_MULTICAST_IF, index);
            Libc.setsockoptInt(fd, IpConstants.IPPROTO_IPV6, IpConstants.IPV6_TCLASS, 0xC0);
            Libc.setsockoptInt(fd, IpConstants.IPPROTO_IPV6, IpConstants.IPV6_RECVHOPLIMIT, 1);
            Libc.setsockoptInt(fd, IpConstants.IPPROTO_IPV6, IpConstants.IPV6_RECVPKTINFO, 1);
            if (source != null) {
                Libc.bind(fd, SockAddr.inet6(a, source, 0, source.isLinkLocalAddress() ? index : 0));
            }
            return new Ipv6VrrpSocket(fd, index, ifName);
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** IPV6_JOIN_GROUP {ipv6mr_multiaddr, ipv6mr_interface}. */
    public void joinGroup(Inet6Address group) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = a.allocate(20, 4);
            MemorySegment.copy(group.getAddress(), 0, m, JAVA_BYTE, 0, 16);
            m.set(JAVA_INT, 16, ifIndex);
            Libc.setsockopt(fd, IpConstants.IPPROTO_IPV6, IpConstants.IPV6_JOIN_GROUP, m);
        }
    }

    public void send(Inet6Address destination, byte[] message) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(message.length);
            MemorySegment.copy(message, 0, buf, JAVA_BYTE, 0, message.length);
            int scope = destination.isLinkLocalAddress() || destination.isMulticastAddress() ? ifIndex : 0;
            Libc.sendto(fd, buf, message.length, 0, SockAddr.inet6(a, destination, 0, scope));
        } catch (ErrnoException e) {
            throw new ErrnoException("send VRRP to " + destination.getHostAddress() + " on " + ifName, e.errno());
        }
    }

    /** The next message, or null when none arrives within {@code wait}. */
    public Datagram receive(Duration wait) {
        if (closed) return null;
        // Read first and poll only when nothing is queued: under a flood, one system call per datagram, not two.
        Datagram d = receiveNow();
        if (d != null || !Libc.pollIn(fd, (int) Math.min(Integer.MAX_VALUE, wait.toMillis()))) return d;
        return receiveNow();
    }

    private Datagram receiveNow() {
        synchronized (msghdr) {
            if (closed) return null;
            msghdr.fill((byte) 0);
            iov.set(ADDRESS, 0, buffer);
            iov.set(JAVA_LONG, 8, BUFFER);
            msghdr.set(ADDRESS, 0, name);
            msghdr.set(JAVA_INT, 8, 28);
            msghdr.set(ADDRESS, 16, iov);
            msghdr.set(JAVA_LONG, 24, 1);
            msghdr.set(ADDRESS, 32, control);
            msghdr.set(JAVA_LONG, 40, CONTROL);
            long n = Libc.recvmsgIfQueued(fd, msghdr);
            if (n < 0) return null;
            byte[] payload = buffer.asSlice(0, n).toArray(JAVA_BYTE);
            Inet6Address src = v6(name.asSlice(8, 16).toArray(JAVA_BYTE));
            Inet6Address dst = null;
            int hops = -1;
            long controlLen = msghdr.get(JAVA_LONG, 40);
            long off = 0;
            while (off + 16 <= controlLen) {
                long len = control.get(JAVA_LONG, off);
                int level = control.get(JAVA_INT, off + 8);
                int type = control.get(JAVA_INT, off + 12);
                if (len < 16) break;
                if (level == IpConstants.IPPROTO_IPV6 && type == IpConstants.IPV6_HOPLIMIT && len >= 20) {
                    hops = control.get(JAVA_INT, off + 16);
                } else if (level == IpConstants.IPPROTO_IPV6 && type == IpConstants.IPV6_PKTINFO && len >= 36) {
                    dst = v6(control.asSlice(off + 16, 16).toArray(JAVA_BYTE));
                }
                off += (len + 7) & ~7L;
            }
            return new Datagram(payload, src, dst, hops);
        }
    }

    private static Inet6Address v6(byte[] raw) {
        try {
            return (Inet6Address) InetAddress.getByAddress(raw);
        } catch (UnknownHostException | ClassCastException e) {
            throw new IllegalStateException("not an IPv6 address: " + raw.length + " bytes");
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        Libc.close(fd);
        synchronized (msghdr) {
            arena.close();
        }
    }
}
