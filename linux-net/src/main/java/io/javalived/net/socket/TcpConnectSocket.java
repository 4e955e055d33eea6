package io.javalived.net.socket;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.javalived.net.ffm.Errno;
import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.ffm.Libc;
import io.javalived.net.ffm.SocketConstants;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;

/**
 * A non-blocking TCP socket that only connects: the fewest system calls a connect check needs. {@link #open} is
 * socket(SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC) of the target's family (an IPv4 target gets an AF_INET socket),
 * {@link #resetOnClose} sets SO_LINGER 0, {@link #bind} binds a local address, {@link #connect} starts the handshake
 * and answers with an errno instead of throwing (EINPROGRESS: watch {@link #fd()} for EPOLLOUT), {@link #pendingError}
 * reads SO_ERROR once the descriptor is ready. Use it on one thread; the address and option buffers are the
 * thread's own, so nothing is allocated in native memory per socket.
 */
public final class TcpConnectSocket implements AutoCloseable {

    private static final ValueLayout.OfShort BE_SHORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);
    /**
     * Per thread: 28 bytes of sockaddr_in/in6, then 8 bytes for an int option and its length; sliced once (a slice is
     * an object, and the checkers' JIT does not take per-call ones away).
     */
    private record Scratch(MemorySegment in4, MemorySegment in6, MemorySegment option) {
        static Scratch allocate() {
            MemorySegment s = Arena.ofAuto().allocate(40, 8);
            return new Scratch(s.asSlice(0, 16), s.asSlice(0, 28), s.asSlice(32, 8));
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::allocate);

    private final int fd;
    private final boolean ipv6;
    private boolean closed;

    private TcpConnectSocket(int fd, boolean ipv6) {
        this.fd = fd;
        this.ipv6 = ipv6;
    }

    /** A new non-blocking, close-on-exec TCP socket of {@code target}'s family. */
    public static TcpConnectSocket open(InetAddress target) {
        boolean ipv6 = target instanceof Inet6Address;
        int fd = Libc.socket(ipv6 ? SocketConstants.AF_INET6 : SocketConstants.AF_INET,
                SocketConstants.SOCK_STREAM | SocketConstants.SOCK_NONBLOCK | SocketConstants.SOCK_CLOEXEC, SocketConstants.IPPROTO_TCP);
        return new TcpConnectSocket(fd, ipv6);
    }

    public int fd() {
        return fd;
    }

    /** SO_LINGER 0: {@link #close} aborts the connection with a reset instead of a FIN, so no TIME_WAIT stays behind. */
    public TcpConnectSocket resetOnClose() {
        Libc.setsockopt(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_LINGER, Linger.ZERO);
        return this;
    }

    /** bind(2) to {@code local} (bindto, bind_port); a refusal is an {@link ErrnoException} naming the address. */
    public void bind(InetSocketAddress local) {
        checkFamily(local.getAddress(), "bind address");
        MemorySegment a = address(local);
        try {
            Libc.bind(fd, a);
        } catch (ErrnoException e) {
            throw new ErrnoException("bind to " + text(local), e.errno());
        }
    }

    /**
     * Starts connecting to {@code target}: 0 when the connection is already open, {@link Errno#EINPROGRESS} when the
     * handshake goes on (wait for EPOLLOUT), else the errno of the failure (ECONNREFUSED, ENETUNREACH, EADDRNOTAVAIL...).
     */
    public int connect(InetSocketAddress target) {
        checkFamily(target.getAddress(), "target");
        return Libc.connectErrno(fd, address(target));
    }

    /** SO_ERROR: 0 when the connection opened, else the errno that ended the handshake (and clears it). */
    public int pendingError() {
        return Libc.getsockoptInt(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_ERROR, SCRATCH.get().option());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }

    private void checkFamily(InetAddress address, String what) {
        if ((address instanceof Inet6Address) != ipv6) {
            throw new IllegalArgumentException("the " + what + " " + address.getHostAddress() + " is not of the socket's family ("
                    + (ipv6 ? "IPv6" : "IPv4") + ")");
        }
    }

    /** sockaddr_in or sockaddr_in6 in the thread's scratch buffer, sized to the family. */
    private MemorySegment address(InetSocketAddress address) {
        Scratch scratch = SCRATCH.get();
        MemorySegment s = ipv6 ? scratch.in6() : scratch.in4();
        s.fill((byte) 0);
        s.set(JAVA_SHORT, 0, (short) (ipv6 ? SocketConstants.AF_INET6 : SocketConstants.AF_INET));
        s.set(BE_SHORT, 2, (short) address.getPort());
        byte[] raw = address.getAddress().getAddress();
        MemorySegment.copy(raw, 0, s, JAVA_BYTE, ipv6 ? 8 : 4, raw.length);
        if (ipv6) {
            s.set(JAVA_INT, 24, ((Inet6Address) address.getAddress()).getScopeId());
        }
        return s;
    }

    private static String text(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** struct linger {l_onoff 1, l_linger 0}: close sends a reset and leaves no TIME_WAIT. */
    private static final class Linger {
        static final MemorySegment ZERO = Arena.global().allocate(8, 4);

        static {
            ZERO.set(JAVA_INT, 0, 1);
            ZERO.set(JAVA_INT, 4, 0);
        }
    }
}
