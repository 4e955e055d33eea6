package io.javalived.net.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library calls javalived needs, as {@code java.lang.foreign} downcalls. Every call that can fail
 * captures errno (through {@link Linker.Option#captureCallState}) and throws an {@link ErrnoException}
 * that names the call and the errno symbolically. EINTR is retried. Memory is the caller's.
 */
public final class Libc {
    private Libc() {}

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    private static final MethodHandle SOCKET = withErrno("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = withErrno("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CONNECT = withErrno("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = withErrno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SENDTO = withErrno("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVFROM = withErrno("recvfrom",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDMSG = withErrno("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVMSG = withErrno("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = withErrno("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = withErrno("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETSOCKNAME = withErrno("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle POLL = withErrno("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle IF_NAMETOINDEX = withErrno("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle IF_INDEXTONAME = withErrno("if_indextoname", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle SETNS = withErrno("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle MKFIFO = withErrno("mkfifo", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle WRITE = withErrno("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle READ = withErrno("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle INOTIFY_INIT1 = withErrno("inotify_init1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle INOTIFY_ADD_WATCH = withErrno("inotify_add_watch",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle OPEN_CREATE = LINKER.downcallHandle(LOOKUP.findOrThrow("open"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.captureCallState("errno"),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle IOCTL = LINKER.downcallHandle(LOOKUP.findOrThrow("ioctl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.captureCallState("errno"),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle FLOCK = withErrno("flock", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SIGACTION = withErrno("sigaction", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    /** glibc's struct sigaction is 152 bytes on x86_64 and aarch64 (handler, 1024-bit mask, flags, restorer); room to spare. */
    private static final long SIGACTION_SIZE = 256;
    private static final MethodHandle KILL = withErrno("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle GETUID = LINKER.downcallHandle(LOOKUP.findOrThrow("getuid"), FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle GETGID = LINKER.downcallHandle(LOOKUP.findOrThrow("getgid"), FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle GETPWNAM_R = LINKER.downcallHandle(LOOKUP.findOrThrow("getpwnam_r"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    private static final MethodHandle GETGRNAM_R = LINKER.downcallHandle(LOOKUP.findOrThrow("getgrnam_r"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    private static final MethodHandle EPOLL_CREATE1 = withErrno("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_CTL = withErrno("epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle EPOLL_WAIT = withErrno("epoll_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle EVENTFD = withErrno("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LOOKUP.findOrThrow("strerror"),
            FunctionDescriptor.of(ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(256, JAVA_BYTE)), JAVA_INT));

    /** Layout of {@code struct pollfd}. */
    public static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));

    private static MethodHandle withErrno(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LOOKUP.findOrThrow(name), descriptor, Linker.Option.captureCallState("errno"));
    }

    private static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    private static NativeException unexpected(String call, Throwable t) {
        return new NativeException(call + ": unexpected failure of the native call", t);
    }

    /** socket(2). */
    public static int socket(int domain, int type, int protocol) {
        MemorySegment c = CAPTURE.get();
        try {
            int fd = (int) SOCKET.invokeExact(c, domain, type, protocol);
            if (fd < 0) {
                throw new ErrnoException("socket(" + familyName(domain) + ", type " + type + ", protocol " + protocol + ")", errno(c));
            }
            return fd;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("socket", t);
        }
    }

    /** bind(2) to the address in {@code addr} (its whole size is the address length). */
    public static void bind(int fd, MemorySegment addr) {
        MemorySegment c = CAPTURE.get();
        try {
            int r = (int) BIND.invokeExact(c, fd, addr, (int) addr.byteSize());
            if (r < 0) {
                throw new ErrnoException("bind(fd " + fd + ")", errno(c));
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("bind", t);
        }
    }

    /** connect(2) to the address in {@code addr}. */
    public static void connect(int fd, MemorySegment addr) {
        MemorySegment c = CAPTURE.get();
        try {
            int r;
            do {
                r = (int) CONNECT.invokeExact(c, fd, addr, (int) addr.byteSize());
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            if (r < 0) {
                throw new ErrnoException("connect(fd " + fd + ")", errno(c));
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("connect", t);
        }
    }

    /** close(2). */
    public static void close(int fd) {
        MemorySegment c = CAPTURE.get();
        try {
            int r = (int) CLOSE.invokeExact(c, fd);
            if (r < 0 && errno(c) != Errno.EINTR.number()) {
                throw new ErrnoException("close(fd " + fd + ")", errno(c));
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("close", t);
        }
    }

    /** sendto(2); {@code addr} may be {@link MemorySegment#NULL}. Returns the bytes sent. */
    public static long sendto(int fd, MemorySegment buf, long len, int flags, MemorySegment addr) {
        MemorySegment c = CAPTURE.get();
        try {
            long r;
            int addrLen = addr.equals(MemorySegment.NULL) ? 0 : (int) addr.byteSize();
            do {
                r = (long) SENDTO.invokeExact(c, fd, buf, len, flags, addr, addrLen);
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            if (r < 0) {
                throw new ErrnoException("sendto(fd " + fd + ", " + len + " bytes)", errno(c));
            }
            return r;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("sendto", t);
        }
    }

    /**
     * recvfrom(2); {@code addr} and {@code addrLen} may be {@link MemorySegment#NULL}. Returns the bytes
     * received (with MSG_TRUNC: the real length of the datagram).
     */
    public static long recvfrom(int fd, MemorySegment buf, long len, int flags, MemorySegment addr, MemorySegment addrLen) {
        return recvfrom(fd, buf, len, flags, addr, addrLen, false);
    }

    /**
     * recvfrom(2) with MSG_DONTWAIT and no address: the bytes of the next queued datagram, or -1 (and no exception:
     * the common answer when reading ahead of poll) when none is queued.
     */
    public static long recvfromIfQueued(int fd, MemorySegment buf, long len) {
        return recvfrom(fd, buf, len, SocketConstants.MSG_DONTWAIT, MemorySegment.NULL, MemorySegment.NULL, true);
    }

    private static long recvfrom(int fd, MemorySegment buf, long len, int flags, MemorySegment addr, MemorySegment addrLen,
                                 boolean againAsMinusOne) {
        MemorySegment c = CAPTURE.get();
        try {
            long r;
            do {
                r = (long) RECVFROM.invokeExact(c, fd, buf, len, flags, addr, addrLen);
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            if (r < 0 && againAsMinusOne && errno(c) == Errno.EAGAIN.number()) return -1;
            if (r < 0) {
                throw new ErrnoException("recvfrom(fd " + fd + ")", errno(c));
            }
            return r;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("recvfrom", t);
        }
    }

    /** sendmsg(2) with a caller-built {@code struct msghdr}. */
    public static long sendmsg(int fd, MemorySegment msghdr, int flags) {
        MemorySegment c = CAPTURE.get();
        try {
            long r;
            do {
                r = (long) SENDMSG.invokeExact(c, fd, msghdr, flags);
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            if (r < 0) {
                throw new ErrnoException("sendmsg(fd " + fd + ")", errno(c));
            }
            return r;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("sendmsg", t);
        }
    }

    /** recvmsg(2) with a caller-built {@code struct msghdr}. */
    public static long recvmsg(int fd, MemorySegment msghdr, int flags) {
        return recvmsg(fd, msghdr, flags, false);
    }

    /** recvmsg(2) with MSG_DONTWAIT: the bytes of the next queued datagram, or -1 (no exception) when none is queued. */
    public static long recvmsgIfQueued(int fd, MemorySegment msghdr) {
        return recvmsg(fd, msghdr, SocketConstants.MSG_DONTWAIT, true);
    }

    private static long recvmsg(int fd, MemorySegment msghdr, int flags, boolean againAsMinusOne) {
        MemorySegment c = CAPTURE.get();
        try {
            long r;
            do {
                r = (long) RECVMSG.invokeExact(c, fd, msghdr, flags);
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            if (r < 0 && againAsMinusOne && errno(c) == Errno.EAGAIN.number()) return -1;
            if (r < 0) {
                throw new ErrnoException("recvmsg(fd " + fd + ")", errno(c));
            }
            return r;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("recvmsg", t);
        }
    }

    /** setsockopt(2) with the whole of {@code value}. */
    public static void setsockopt(int fd, int level, int name, MemorySegment value) {
        MemorySegment c = CAPTURE.get();
        try {
            int r = (int) SETSOCKOPT.invokeExact(c, fd, level, name, value, (int) value.byteSize());
            if (r < 0) {
                throw new ErrnoException("setsockopt(fd " + fd + ", level " + level + ", option " + name + ")", errno(c));
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("setsockopt", t);
        }
    }

    /** setsockopt(2) with an int value. */
    public static void setsockoptInt(int fd, int level, int name, int value) {
        try (Arena arena = Arena.ofConfined()) {
            setsockopt(fd, level, name, arena.allocateFrom(JAVA_INT, value));
        }
    }

    /** getsockopt(2) into {@code value}; returns the length the kernel wrote. */
    public static int getsockopt(int fd, int level, int name, MemorySegment value) {
        MemorySegment c = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment len = arena.allocateFrom(JAVA_INT, (int) value.byteSize());
            int r = (int) GETSOCKOPT.invokeExact(c, fd, level, name, value, len);
            if (r < 0) {
                throw new ErrnoException("getsockopt(fd " + fd + ", level " + level + ", option " + name + ")", errno(c));
            }
            return len.get(JAVA_INT, 0);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("getsockopt", t);
        }
    }

    /** getsockopt(2) of an int option. */
    public static int getsockoptInt(int fd, int level, int name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            getsockopt(fd, level, name, v);
            return v.get(JAVA_INT, 0);
        }
    }

    /** getsockname(2) into {@code addr}; returns the address length. */
    public static int getsockname(int fd, MemorySegment addr) {
        MemorySegment c = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment len = arena.allocateFrom(JAVA_INT, (int) addr.byteSize());
            int r = (int) GETSOCKNAME.invokeExact(c, fd, addr, len);
            if (r < 0) {
                throw new ErrnoException("getsockname(fd " + fd + ")", errno(c));
            }
            return len.get(JAVA_INT, 0);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("getsockname", t);
        }
    }

    /** poll(2) over an array of {@link #POLLFD}; returns the number of ready descriptors (0 on timeout). */
    public static int poll(MemorySegment fds, int nfds, int timeoutMillis) {
        MemorySegment c = CAPTURE.get();
        try {
            int r;
            do {
                r = (int) POLL.invokeExact(c, fds, (long) nfds, timeoutMillis);
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            if (r < 0) {
                throw new ErrnoException("poll", errno(c));
            }
            return r;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("poll", t);
        }
    }

    /** Waits until {@code fd} is readable; returns false on timeout. */
    public static boolean pollIn(int fd, int timeoutMillis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocate(POLLFD);
            p.set(JAVA_INT, 0, fd);
            p.set(JAVA_SHORT, 4, SocketConstants.POLLIN);
            return poll(p, 1, timeoutMillis) > 0;
        }
    }

    /** if_nametoindex(3); an unknown interface is an {@link ErrnoException} (ENODEV) naming it. */
    public static int ifNameToIndex(String name) {
        MemorySegment c = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            int index = (int) IF_NAMETOINDEX.invokeExact(c, arena.allocateFrom(name));
            if (index == 0) {
                throw new ErrnoException("if_nametoindex(" + name + ")", errno(c));
            }
            return index;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("if_nametoindex", t);
        }
    }

    /** if_indextoname(3). */
    public static String ifIndexToName(int index) {
        MemorySegment c = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(16);
            MemorySegment r = (MemorySegment) IF_INDEXTONAME.invokeExact(c, index, buf);
            if (r.equals(MemorySegment.NULL)) {
                throw new ErrnoException("if_indextoname(" + index + ")", errno(c));
            }
            return buf.getString(0);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("if_indextoname", t);
        }
    }

    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_NOFOLLOW = 0x20000;
    public static final int O_CLOEXEC = 0x80000;
    public static final int O_CREAT = 0x40;
    public static final int CLONE_NEWNET = 0x40000000;
    public static final int LOCK_EX = 2;
    public static final int LOCK_NB = 4;

    /** open(2); returns the file descriptor. */
    public static int open(String path, int flags) {
        return open(path, flags, 0);
    }

    /** open(2); with O_CREAT in {@code flags} a missing file is created with permission bits {@code mode} (before the umask). */
    public static int open(String path, int flags, int mode) {
        MemorySegment c = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            int fd;
            do {
                fd = (int) OPEN_CREATE.invokeExact(c, arena.allocateFrom(path), flags, mode);
            } while (fd < 0 && errno(c) == Errno.EINTR.number());
            if (fd < 0) {
                throw new ErrnoException("open(" + path + ")", errno(c));
            }
            return fd;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("open", t);
        }
    }

    /**
     * flock(2) with LOCK_EX|LOCK_NB: true when this open file description now holds the exclusive lock, false when
     * another holds it (EWOULDBLOCK). The lock lasts until the descriptor (and its duplicates) is closed; closing
     * other descriptors of the same file does not release it (unlike fcntl's record locks).
     */
    public static boolean tryLockExclusive(int fd) {
        MemorySegment c = CAPTURE.get();
        try {
            int r;
            do {
                r = (int) FLOCK.invokeExact(c, fd, LOCK_EX | LOCK_NB);
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            if (r < 0 && errno(c) == Errno.EAGAIN.number()) {
                return false;
            }
            if (r < 0) {
                throw new ErrnoException("flock(fd " + fd + ", LOCK_EX|LOCK_NB)", errno(c));
            }
            return true;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("flock", t);
        }
    }

    /** Whether signal {@code signo}'s disposition is SIG_IGN: sigaction(2) asked without a new action. */
    public static boolean signalIgnored(int signo) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment old = arena.allocate(SIGACTION_SIZE, 8);
            sigaction(signo, MemorySegment.NULL, old);
            return old.get(JAVA_LONG, 0) == 1L; // sa_handler (a union with sa_sigaction) == SIG_IGN
        }
    }

    /** Sets signal {@code signo}'s disposition to SIG_DFL (sigaction(2): no flags, empty mask). */
    public static void signalDefault(int signo) {
        try (Arena arena = Arena.ofConfined()) {
            sigaction(signo, arena.allocate(SIGACTION_SIZE, 8), MemorySegment.NULL); // zeroed: SIG_DFL
        }
    }

    private static void sigaction(int signo, MemorySegment act, MemorySegment old) {
        MemorySegment c = CAPTURE.get();
        try {
            int r = (int) SIGACTION.invokeExact(c, signo, act, old);
            if (r < 0) {
                throw new ErrnoException("sigaction(" + signo + ")", errno(c));
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("sigaction", t);
        }
    }

    /**
     * ioctl(2) with a pointer argument ({@code arg} is read and written by the kernel as the request defines);
     * EINTR is retried, other failures throw naming the request.
     */
    public static void ioctl(int fd, long request, MemorySegment arg, String what) {
        MemorySegment c = CAPTURE.get();
        try {
            int r;
            do {
                r = (int) IOCTL.invokeExact(c, fd, request, arg);
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            if (r < 0) {
                throw new ErrnoException("ioctl(fd " + fd + ", " + what + ")", errno(c));
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("ioctl", t);
        }
    }

    /** mkfifo(3): creates a FIFO with permission bits {@code mode} (before the umask). */
    public static void mkfifo(String path, int mode) {
        MemorySegment c = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            int r = (int) MKFIFO.invokeExact(c, arena.allocateFrom(path), mode);
            if (r < 0) {
                throw new ErrnoException("mkfifo(" + path + ")", errno(c));
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("mkfifo", t);
        }
    }

    /** write(2); returns the bytes written. EINTR is retried; EAGAIN (non-blocking, full) is thrown like any errno. */
    public static long write(int fd, MemorySegment buf, long len) {
        MemorySegment c = CAPTURE.get();
        try {
            long r;
            do {
                r = (long) WRITE.invokeExact(c, fd, buf, len);
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            if (r < 0) {
                throw new ErrnoException("write(fd " + fd + ", " + len + " bytes)", errno(c));
            }
            return r;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("write", t);
        }
    }

    /** read(2); -1 when {@code fd} is non-blocking and nothing is there (EAGAIN), else the bytes read (0 at end of file). */
    public static long read(int fd, MemorySegment buf, long len) {
        MemorySegment c = CAPTURE.get();
        try {
            long r;
            do {
                r = (long) READ.invokeExact(c, fd, buf, len);
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            if (r < 0 && errno(c) == Errno.EAGAIN.number()) return -1;
            if (r < 0) {
                throw new ErrnoException("read(fd " + fd + ", " + len + " bytes)", errno(c));
            }
            return r;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("read", t);
        }
    }

    public static final int IN_NONBLOCK = O_NONBLOCK;
    public static final int IN_CLOEXEC = O_CLOEXEC;

    /** inotify_init1(2); returns the inotify descriptor. */
    public static int inotifyInit1(int flags) {
        return descriptor("inotify_init1", c -> (int) INOTIFY_INIT1.invokeExact(c, flags));
    }

    /** inotify_add_watch(2); returns the watch descriptor (the same one for a path already watched). */
    public static int inotifyAddWatch(int fd, String path, int mask) {
        MemorySegment c = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            int wd = (int) INOTIFY_ADD_WATCH.invokeExact(c, fd, arena.allocateFrom(path), mask);
            if (wd < 0) throw new ErrnoException("inotify_add_watch(" + path + ")", errno(c));
            return wd;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("inotify_add_watch", t);
        }
    }

    /**
     * setns(2): moves the calling (platform) thread into the namespace {@code fd} refers to. Sockets the thread
     * opens afterwards belong to that namespace for good.
     */
    public static void setns(int fd, int nstype) {
        MemorySegment c = CAPTURE.get();
        try {
            int r = (int) SETNS.invokeExact(c, fd, nstype);
            if (r < 0) {
                throw new ErrnoException("setns(fd " + fd + ")", errno(c));
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("setns", t);
        }
    }

    /**
     * connect(2) without an exception: 0 when connected, else the errno (EINPROGRESS for a non-blocking socket whose
     * handshake goes on; ECONNREFUSED, ENETUNREACH... when it failed at once). For the checkers' hot path, where a
     * failure is an answer, not an error. EINTR is retried.
     */
    public static int connectErrno(int fd, MemorySegment addr) {
        MemorySegment c = CAPTURE.get();
        try {
            int r;
            do {
                r = (int) CONNECT.invokeExact(c, fd, addr, (int) addr.byteSize());
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            return r < 0 ? errno(c) : 0;
        } catch (Throwable t) {
            throw unexpected("connect", t);
        }
    }

    /**
     * getsockopt(2) of an int option into {@code scratch} (8 bytes: the value, then its length), without an Arena
     * per call: for options read once per probe (SO_ERROR).
     */
    public static int getsockoptInt(int fd, int level, int name, MemorySegment scratch) {
        MemorySegment c = CAPTURE.get();
        try {
            scratch.set(JAVA_INT, 4, 4);
            int r = (int) GETSOCKOPT.invokeExact(c, fd, level, name, scratch, scratch.asSlice(4, 4));
            if (r < 0) {
                throw new ErrnoException("getsockopt(fd " + fd + ", level " + level + ", option " + name + ")", errno(c));
            }
            return scratch.get(JAVA_INT, 0);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("getsockopt", t);
        }
    }

    public static final int EPOLL_CLOEXEC = O_CLOEXEC;
    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLL_CTL_DEL = 2;
    public static final int EPOLL_CTL_MOD = 3;
    public static final int EFD_NONBLOCK = O_NONBLOCK;
    public static final int EFD_CLOEXEC = O_CLOEXEC;

    /** epoll_create1(2); returns the epoll descriptor. */
    public static int epollCreate1(int flags) {
        return descriptor("epoll_create1", c -> (int) EPOLL_CREATE1.invokeExact(c, flags));
    }

    /** epoll_ctl(2) with a caller-built {@code struct epoll_event} (NULL for EPOLL_CTL_DEL); 0, or the errno. */
    public static int epollCtl(int epfd, int op, int fd, MemorySegment event) {
        MemorySegment c = CAPTURE.get();
        try {
            int r = (int) EPOLL_CTL.invokeExact(c, epfd, op, fd, event);
            return r < 0 ? errno(c) : 0;
        } catch (Throwable t) {
            throw unexpected("epoll_ctl", t);
        }
    }

    /** epoll_wait(2) into {@code events} (room for {@code maxEvents}); the number ready, 0 on timeout or EINTR. */
    public static int epollWait(int epfd, MemorySegment events, int maxEvents, int timeoutMillis) {
        MemorySegment c = CAPTURE.get();
        try {
            int r = (int) EPOLL_WAIT.invokeExact(c, epfd, events, maxEvents, timeoutMillis);
            if (r < 0 && errno(c) == Errno.EINTR.number()) return 0;
            if (r < 0) throw new ErrnoException("epoll_wait(fd " + epfd + ")", errno(c));
            return r;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("epoll_wait", t);
        }
    }

    /** eventfd(2); returns the descriptor. */
    public static int eventfd(int initial, int flags) {
        return descriptor("eventfd", c -> (int) EVENTFD.invokeExact(c, initial, flags));
    }

    /** A call that returns a new descriptor, or -1 with errno set in {@code capture}. */
    @FunctionalInterface
    private interface DescriptorCall {
        int call(MemorySegment capture) throws Throwable;
    }

    /** Runs a call that makes a descriptor; a failure is an {@link ErrnoException} naming {@code name}. */
    private static int descriptor(String name, DescriptorCall call) {
        MemorySegment c = CAPTURE.get();
        try {
            int fd = call.call(c);
            if (fd < 0) throw new ErrnoException(name, errno(c));
            return fd;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(name, t);
        }
    }

    /** strerror(3): the C library's text for an errno. */
    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    private static String familyName(int domain) {
        return switch (domain) {
            case SocketConstants.AF_UNIX -> "AF_UNIX";
            case SocketConstants.AF_INET -> "AF_INET";
            case SocketConstants.AF_INET6 -> "AF_INET6";
            case SocketConstants.AF_NETLINK -> "AF_NETLINK";
            case SocketConstants.AF_PACKET -> "AF_PACKET";
            default -> "family " + domain;
        };
    }

    /**
     * kill(2): sends {@code signal} to {@code pid} (a negative pid is a whole process group). Returns false when
     * there is no such process or group (ESRCH); other failures (EPERM) throw.
     */
    public static boolean kill(int pid, int signal) {
        MemorySegment c = CAPTURE.get();
        try {
            int r = (int) KILL.invokeExact(c, pid, signal);
            if (r == 0) return true;
            if (errno(c) == Errno.ESRCH.number()) return false;
            throw new ErrnoException("kill(" + pid + ", " + signal + ")", errno(c));
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("kill", t);
        }
    }

    /** getuid(2): the real user id of this process. */
    public static int getuid() {
        try {
            return (int) GETUID.invokeExact();
        } catch (Throwable t) {
            throw unexpected("getuid", t);
        }
    }

    /** getgid(2): the real group id of this process. */
    public static int getgid() {
        try {
            return (int) GETGID.invokeExact();
        } catch (Throwable t) {
            throw unexpected("getgid", t);
        }
    }

    /** A user's ids as the name service gives them (getpwnam_r(3)). */
    public record PasswdEntry(String name, int uid, int gid) {}

    /** getpwnam_r(3): the user called {@code name} (through NSS, as keepalived resolves script users); empty if none. */
    public static java.util.Optional<PasswdEntry> getpwnam(String name) {
        // struct passwd on LP64: pw_name, pw_passwd, then pw_uid at 16 and pw_gid at 20
        return byName(GETPWNAM_R, "getpwnam_r", name, 48, pwd -> new PasswdEntry(name, pwd.get(JAVA_INT, 16), pwd.get(JAVA_INT, 20)));
    }

    /** getgrnam_r(3): the gid of the group called {@code name}; empty if none. */
    public static java.util.OptionalInt getgrnam(String name) {
        // struct group on LP64: gr_name, gr_passwd, then gr_gid at 16
        return byName(GETGRNAM_R, "getgrnam_r", name, 32, grp -> grp.get(JAVA_INT, 16))
                .map(java.util.OptionalInt::of).orElse(java.util.OptionalInt.empty());
    }

    /** The *_r name-service lookups: {@code int f(name, struct *, buf, buflen, struct **result)}. */
    private static <T> java.util.Optional<T> byName(MethodHandle call, String what, String name, long structSize,
                                                   java.util.function.Function<MemorySegment, T> read) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment entry = arena.allocate(structSize, 8);
            long len = 64 * 1024;
            MemorySegment buf = arena.allocate(len);
            MemorySegment result = arena.allocate(ADDRESS);
            int r = (int) call.invokeExact(arena.allocateFrom(name), entry, buf, len, result);
            if (r != 0) throw new ErrnoException(what + "(" + name + ")", r);
            if (result.get(ADDRESS, 0).equals(MemorySegment.NULL)) return java.util.Optional.empty();
            return java.util.Optional.of(read.apply(entry));
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(what, t);
        }
    }
}
