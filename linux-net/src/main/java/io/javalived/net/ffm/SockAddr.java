package io.javalived.net.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteOrder;

/** Builders for the socket address structures, allocated in the caller's arena. */
public final class SockAddr {
    private SockAddr() {}

    private static final ValueLayout.OfShort BE_SHORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    /** {@code struct sockaddr_nl} (12 bytes): family, pad, port id, multicast groups. */
    public static MemorySegment netlink(Arena arena, int portId, int groups) {
        MemorySegment s = arena.allocate(12, 4);
        s.set(JAVA_SHORT, 0, (short) SocketConstants.AF_NETLINK);
        s.set(JAVA_INT, 4, portId);
        s.set(JAVA_INT, 8, groups);
        return s;
    }

    /** {@code struct sockaddr_in} (16 bytes). */
    public static MemorySegment inet4(Arena arena, Inet4Address address, int port) {
        return putInet4(arena.allocate(16, 4), address, port);
    }

    /** Writes {@code struct sockaddr_in} into {@code s} (16 bytes, reused by a caller that sends often); returns it. */
    public static MemorySegment putInet4(MemorySegment s, Inet4Address address, int port) {
        s.set(JAVA_SHORT, 0, (short) SocketConstants.AF_INET);
        s.set(BE_SHORT, 2, (short) port);
        MemorySegment.copy(address.getAddress(), 0, s, ValueLayout.JAVA_BYTE, 4, 4);
        return s;
    }

    /** {@code struct sockaddr_in6} (28 bytes), with the scope id (interface index) of a link-local address. */
    public static MemorySegment inet6(Arena arena, Inet6Address address, int port, int scopeId) {
        MemorySegment s = arena.allocate(28, 4);
        s.set(JAVA_SHORT, 0, (short) SocketConstants.AF_INET6);
        s.set(BE_SHORT, 2, (short) port);
        MemorySegment.copy(address.getAddress(), 0, s, ValueLayout.JAVA_BYTE, 8, 16);
        s.set(JAVA_INT, 24, scopeId);
        return s;
    }

    /** sockaddr_in or sockaddr_in6, by the address's family. */
    public static MemorySegment inet(Arena arena, InetAddress address, int port) {
        return switch (address) {
            case Inet4Address a -> inet4(arena, a, port);
            case Inet6Address a -> inet6(arena, a, port, a.getScopeId());
            default -> throw new IllegalArgumentException("not an IP address: " + address);
        };
    }

    /**
     * {@code struct sockaddr_ll} (20 bytes) for AF_PACKET: protocol (host value, stored big-endian),
     * interface index, hardware type, packet type and hardware address (up to 8 bytes).
     */
    public static MemorySegment packet(Arena arena, int protocol, int ifIndex, byte[] hardwareAddress) {
        MemorySegment s = arena.allocate(20, 4);
        s.set(JAVA_SHORT, 0, (short) SocketConstants.AF_PACKET);
        s.set(BE_SHORT, 2, (short) protocol);
        s.set(JAVA_INT, 4, ifIndex);
        if (hardwareAddress != null) {
            int n = Math.min(8, hardwareAddress.length);
            s.set(ValueLayout.JAVA_BYTE, 11, (byte) n);
            MemorySegment.copy(hardwareAddress, 0, s, ValueLayout.JAVA_BYTE, 12, n);
        }
        return s;
    }

    /** The longest path {@code struct sockaddr_un} holds (108 bytes of sun_path, one of them the final NUL). */
    public static final int UNIX_PATH_MAX = 107;

    /**
     * {@code struct sockaddr_un} for a path (family, then the NUL-terminated path), sized to the path as the
     * kernel expects its length: 2 + the path's bytes + 1.
     */
    public static MemorySegment unix(Arena arena, String path) {
        byte[] p = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (p.length == 0 || p.length > UNIX_PATH_MAX || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a unix socket path has 1 to " + UNIX_PATH_MAX + " bytes and no NUL: "
                    + path + " (" + p.length + " bytes)");
        }
        MemorySegment s = arena.allocate(2 + p.length + 1, 2);
        s.set(JAVA_SHORT, 0, (short) SocketConstants.AF_UNIX);
        MemorySegment.copy(p, 0, s, ValueLayout.JAVA_BYTE, 2, p.length);
        return s;
    }
}
