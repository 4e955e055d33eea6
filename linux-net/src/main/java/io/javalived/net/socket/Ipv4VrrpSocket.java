package io.javalived.net.socket;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.ffm.Libc;
import io.javalived.net.ffm.SockAddr;
import io.javalived.net.ffm.SocketConstants;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A raw IPv4 socket for IP protocol 112 bound to one interface (SO_BINDTODEVICE), as keepalived opens it: the
 * caller writes the IP header (IP_HDRINCL), multicast goes out of the interface with TTL 255 and without loopback,
 * and the group can be joined on the interface. {@link #receive} returns whole datagrams, IP header included,
 * so the TTL is read from the packet.
 */
public final class Ipv4VrrpSocket implements AutoCloseable {
    private static final int BUFFER = 2048;
    private final int fd;
    private final int ifIndex;
    private final String ifName;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment receiveBuffer = arena.allocate(BUFFER, 8);
    /** The send side's own buffer and address, reused (under their lock): an advert sent allocates nothing here. */
    private final MemorySegment sendBuffer = arena.allocate(BUFFER, 8);
    private final MemorySegment sendAddress = arena.allocate(16, 4);
    private Inet4Address sendAddressFor;
    private volatile boolean closed;

    private Ipv4VrrpSocket(int fd, int ifIndex, String ifName) {
        this.fd = fd;
        this.ifIndex = ifIndex;
        this.ifName = ifName;
    }

    /** Opens the socket on the interface; {@code source} is the address multicast leaves from. */
    public static Ipv4VrrpSocket open(String ifName, Inet4Address source) {
        return open(ifName, source, IpConstants.IPPROTO_VRRP);
    }

    /**
     * As {@link #open(String, Inet4Address)} for another IP protocol: {@link IpConstants#IPPROTO_AH} for adverts
     * behind an IPsec AH header (keepalived's auth_type AH), which a protocol-112 socket never sees.
     */
    public static Ipv4VrrpSocket open(String ifName, Inet4Address source, int protocol) {
        int index = Libc.ifNameToIndex(ifName);
        int fd = Libc.socket(SocketConstants.AF_INET, SocketConstants.SOCK_RAW | SocketConstants.SOCK_CLOEXEC, protocol);
        try (Arena a = Arena.ofConfined()) {
            byte[] name = ifName.getBytes(StandardCharsets.US_ASCII);
            MemorySegment dev = a.allocate(name.length + 1);
            MemorySegment.copy(name, 0, dev, JAVA_BYTE, 0, name.length);
            Libc.setsockopt(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_BINDTODEVICE, dev);
            Libc.setsockoptInt(fd, IpConstants.IPPROTO_IP, IpConstants.IP_HDRINCL, 1);
            Libc.setsockoptInt(fd, IpConstants.IPPROTO_IP, IpConstants.IP_MULTICAST_LOOP, 0);
            Libc.setsockoptInt(fd, IpConstants.IPPROTO_IP, IpConstants.IP_MULTICAST_TTL, 255);
            Libc.setsockoptInt(fd, IpConstants.IPPROTO_IP, IpConstants.IP_TOS, 0xC0);
            Libc.setsockopt(fd, IpConstants.IPPROTO_IP, IpConstants.IP_MULTICAST_IF, mreqn(a, null, source, index));
            return new Ipv4VrrpSocket(fd, index, ifName);
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** struct ip_mreqn {imr_multiaddr, imr_address, imr_ifindex}. */
    private static MemorySegment mreqn(Arena a, Inet4Address group, Inet4Address local, int index) {
        MemorySegment m = a.allocate(12, 4);
        if (group != null) MemorySegment.copy(group.getAddress(), 0, m, JAVA_BYTE, 0, 4);
        if (local != null) MemorySegment.copy(local.getAddress(), 0, m, JAVA_BYTE, 4, 4);
        m.set(JAVA_INT, 8, index);
        return m;
    }

    /** IP_ADD_MEMBERSHIP of the group on this interface. */
    public void joinGroup(Inet4Address group) {
        try (Arena a = Arena.ofConfined()) {
            Libc.setsockopt(fd, IpConstants.IPPROTO_IP, IpConstants.IP_ADD_MEMBERSHIP, mreqn(a, group, null, ifIndex));
        }
    }

    public void leaveGroup(Inet4Address group) {
        try (Arena a = Arena.ofConfined()) {
            Libc.setsockopt(fd, IpConstants.IPPROTO_IP, IpConstants.IP_DROP_MEMBERSHIP, mreqn(a, group, null, ifIndex));
        }
    }

    /** Sends a whole datagram (IP header included) to {@code destination}; multicast with MSG_DONTROUTE. */
    public void send(Inet4Address destination, byte[] datagram) {
        if (datagram.length <= BUFFER) {
            int flags = destination.isMulticastAddress() ? IpConstants.MSG_DONTROUTE : 0;
            synchronized (sendBuffer) {
                if (closed) throw new ErrnoException("send VRRP to " + destination.getHostAddress() + " on " + ifName, io.javalived.net.ffm.Errno.EBADF.number());
                if (!destination.equals(sendAddressFor)) {
                    SockAddr.putInet4(sendAddress, destination, 0);
                    sendAddressFor = destination;
                }
                MemorySegment.copy(datagram, 0, sendBuffer, JAVA_BYTE, 0, datagram.length);
                try {
                    Libc.sendto(fd, sendBuffer, datagram.length, flags, sendAddress);
                } catch (ErrnoException e) {
                    throw new ErrnoException("send VRRP to " + destination.getHostAddress() + " on " + ifName, e.errno());
                }
            }
            return;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(datagram.length);
            MemorySegment.copy(datagram, 0, buf, JAVA_BYTE, 0, datagram.length);
            int flags = destination.isMulticastAddress() ? IpConstants.MSG_DONTROUTE : 0;
            Libc.sendto(fd, buf, datagram.length, flags, SockAddr.inet4(a, destination, 0));
        } catch (ErrnoException e) {
            throw new ErrnoException("send VRRP to " + destination.getHostAddress() + " on " + ifName, e.errno());
        }
    }

    /** The next datagram (IP header included), or null when none arrives within {@code wait}. */
    public byte[] receive(Duration wait) {
        if (closed) return null;
        // Read first and poll only when nothing is queued: under a flood, one system call per datagram, not two.
        byte[] b = receiveNow();
        if (b != null || !Libc.pollIn(fd, (int) Math.min(Integer.MAX_VALUE, wait.toMillis()))) return b;
        return receiveNow();
    }

    private byte[] receiveNow() {
        synchronized (receiveBuffer) {
            if (closed) return null;
            long n = Libc.recvfromIfQueued(fd, receiveBuffer, BUFFER);
            return n < 0 ? null : receiveBuffer.asSlice(0, n).toArray(JAVA_BYTE);
        }
    }

    public int interfaceIndex() {
        return ifIndex;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        Libc.close(fd);
        synchronized (receiveBuffer) {
            synchronized (sendBuffer) {
                arena.close();
            }
        }
    }
}
