package io.javalived.net.socket;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import io.javalived.net.ffm.Errno;
import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.ffm.Libc;
import io.javalived.net.ffm.SockAddr;
import io.javalived.net.ffm.SocketConstants;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An AF_UNIX datagram socket (the JDK has none: its unix-domain channels are streams only). {@link #connect}
 * opens one whose datagrams go to a bound path, as syslog(3) talks to {@code /dev/log}; {@link #bind} opens one
 * that receives at a path (a syslog daemon's side, for tests and tools). Errors are {@link ErrnoException}s naming
 * the path: ENOENT when nothing is there, ECONNREFUSED when nobody receives there any more, EAGAIN when a send
 * waited its send timeout for room in the receiver's queue.
 */
public final class UnixDatagramSocket implements AutoCloseable {
    private static final int MAX_DATAGRAM = 256 * 1024;

    private final int fd;
    private final Path path;
    private final boolean bound;
    private volatile boolean closed;

    private UnixDatagramSocket(int fd, Path path, boolean bound) {
        this.fd = fd;
        this.path = path;
        this.bound = bound;
    }

    /** A socket connected to the receiver bound at {@code path}: {@link #send} delivers there. */
    public static UnixDatagramSocket connect(Path path) {
        return open(path, false);
    }

    /** A socket bound at {@code path} (which must not exist yet) that {@link #receive}s what is sent there. */
    public static UnixDatagramSocket bind(Path path) {
        return open(path, true);
    }

    private static UnixDatagramSocket open(Path path, boolean bind) {
        int fd = Libc.socket(SocketConstants.AF_UNIX, SocketConstants.SOCK_DGRAM | SocketConstants.SOCK_CLOEXEC, 0);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment address = SockAddr.unix(a, path.toString());
            if (bind) {
                Libc.bind(fd, address);
            } else {
                Libc.connect(fd, address);
            }
        } catch (ErrnoException e) {
            Libc.close(fd);
            throw new ErrnoException((bind ? "bind" : "connect to") + " unix datagram socket " + path, e.errno());
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
        return new UnixDatagramSocket(fd, path, bind);
    }

    public Path path() {
        return path;
    }

    /**
     * SO_SNDTIMEO: a send that finds the receiver's queue full waits at most this long, then fails with EAGAIN
     * (without it a send blocks until the receiver reads).
     */
    public void sendTimeout(Duration timeout) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment tv = a.allocate(16, 8);
            tv.set(ValueLayout.JAVA_LONG, 0, timeout.toSeconds());
            tv.set(ValueLayout.JAVA_LONG, 8, timeout.toNanosPart() / 1000);
            Libc.setsockopt(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_SNDTIMEO, tv);
        }
    }

    /** Sends one datagram to the connected path. */
    public void send(byte[] datagram) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(Math.max(1, datagram.length));
            MemorySegment.copy(datagram, 0, buf, JAVA_BYTE, 0, datagram.length);
            Libc.sendto(fd, buf, datagram.length, 0, MemorySegment.NULL);
        } catch (ErrnoException e) {
            throw new ErrnoException("send to unix datagram socket " + path, e.errno());
        }
    }

    /** The next datagram received at the bound path, or null when none came within {@code wait}. */
    public byte[] receive(Duration wait) {
        if (closed || !Libc.pollIn(fd, (int) Math.min(Integer.MAX_VALUE, wait.toMillis()))) {
            return null;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(MAX_DATAGRAM);
            int n = (int) Libc.recvfrom(fd, buf, MAX_DATAGRAM, SocketConstants.MSG_DONTWAIT, MemorySegment.NULL, MemorySegment.NULL);
            return buf.asSlice(0, n).toArray(JAVA_BYTE);
        } catch (ErrnoException e) {
            if (e.is(Errno.EAGAIN)) {
                return null;
            }
            throw new ErrnoException("receive on unix datagram socket " + path, e.errno());
        }
    }

    /** Closes the socket; a bound socket's path stays (as with any unix socket) until the binder removes it. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }

    @Override
    public String toString() {
        return "unix datagram socket " + (bound ? "bound at " : "to ") + path;
    }
}
