package io.javalived.net.poll;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.ffm.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An epoll instance (epoll_create1, close-on-exec) with its own buffer of ready events. Each watched descriptor carries
 * a 64-bit token of the caller's choosing, given back with its events. Not thread-safe: one thread registers and
 * waits (the loop that owns it). A closed descriptor leaves the interest list by itself (no {@link #delete} needed
 * when the caller holds no duplicate of it).
 */
public final class Epoll implements AutoCloseable {

    public static final int EPOLLIN = 0x001;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int EPOLLRDHUP = 0x2000;
    public static final int EPOLLONESHOT = 1 << 30;
    public static final int EPOLLET = 1 << 31;

    /**
     * struct epoll_event: u32 events then u64 data; packed (12 bytes) on x86_64, naturally aligned (16 bytes)
     * elsewhere (aarch64).
     */
    static final boolean PACKED = System.getProperty("os.arch").matches("amd64|x86_64");
    static final long EVENT_SIZE = PACKED ? 12 : 16;
    static final long DATA_OFFSET = PACKED ? 4 : 8;

    private final int fd;
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment ready;
    private final MemorySegment request;
    private final int capacity;
    private boolean closed;

    private Epoll(int fd, int capacity) {
        this.fd = fd;
        this.capacity = capacity;
        this.ready = arena.allocate(EVENT_SIZE * capacity, 8);
        this.request = arena.allocate(16, 8);
    }

    /** A new epoll instance that returns up to {@code capacity} ready descriptors per {@link #await}. */
    public static Epoll open(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("an epoll buffer holds at least one event, got " + capacity);
        }
        return new Epoll(Libc.epollCreate1(Libc.EPOLL_CLOEXEC), capacity);
    }

    public int fd() {
        return fd;
    }

    /** Watches {@code target} for {@code events} (EPOLLIN, EPOLLOUT, ...; ERR and HUP are always reported). */
    public void add(int target, int events, long token) {
        control(Libc.EPOLL_CTL_ADD, "add", target, events, token);
    }

    /** Changes what {@code target} is watched for and its token. */
    public void modify(int target, int events, long token) {
        control(Libc.EPOLL_CTL_MOD, "modify", target, events, token);
    }

    /** Stops watching {@code target}. */
    public void delete(int target) {
        int errno = Libc.epollCtl(fd, Libc.EPOLL_CTL_DEL, target, MemorySegment.NULL);
        if (errno != 0) {
            throw new ErrnoException("epoll_ctl(delete fd " + target + ")", errno);
        }
    }

    private void control(int op, String what, int target, int events, long token) {
        request.set(JAVA_INT_UNALIGNED, 0, events);
        request.set(JAVA_LONG_UNALIGNED, DATA_OFFSET, token);
        int errno = Libc.epollCtl(fd, op, target, request);
        if (errno != 0) {
            throw new ErrnoException("epoll_ctl(" + what + " fd " + target + ")", errno);
        }
    }

    /**
     * Waits up to {@code timeoutMillis} (-1: without end, 0: not at all) for watched descriptors to be ready; returns
     * how many are (0 on timeout or a signal). Read each with {@link #events(int)} and {@link #token(int)} before the
     * next call.
     */
    public int await(int timeoutMillis) {
        return Libc.epollWait(fd, ready, capacity, timeoutMillis);
    }

    /** The events of the {@code i}th ready descriptor of the last {@link #await}. */
    public int events(int i) {
        return ready.get(JAVA_INT_UNALIGNED, i * EVENT_SIZE);
    }

    /** The token of the {@code i}th ready descriptor of the last {@link #await}. */
    public long token(int i) {
        return ready.get(JAVA_LONG_UNALIGNED, i * EVENT_SIZE + DATA_OFFSET);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Libc.close(fd);
    }
}
