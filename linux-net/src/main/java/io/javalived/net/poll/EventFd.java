package io.javalived.net.poll;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.javalived.net.ffm.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A non-blocking, close-on-exec eventfd: the way another thread wakes a loop blocked in {@link Epoll#await} (watch
 * {@link #fd()} for EPOLLIN). {@link #signal} may be called from any thread (after {@link #close} it does nothing); {@link #drain} from the loop's.
 */
public final class EventFd implements AutoCloseable {

    private final int fd;
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment one;
    private final MemorySegment drained;
    private boolean closed;

    private EventFd(int fd) {
        this.fd = fd;
        this.one = arena.allocate(JAVA_LONG);
        this.one.set(JAVA_LONG, 0, 1L);
        this.drained = arena.allocate(JAVA_LONG);
    }

    public static EventFd open() {
        return new EventFd(Libc.eventfd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC));
    }

    public int fd() {
        return fd;
    }

    /** Makes the descriptor readable (adds 1 to its counter). */
    public synchronized void signal() {
        if (!closed) {
            Libc.write(fd, one, 8);
        }
    }

    /** Reads the counter back to zero; returns how many signals it held (0 when none). */
    public long drain() {
        return Libc.read(fd, drained, 8) == 8 ? drained.get(JAVA_LONG, 0) : 0;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Libc.close(fd);
    }
}
