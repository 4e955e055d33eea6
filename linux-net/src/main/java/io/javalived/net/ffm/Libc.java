package io.javalived.net.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.ref.Reference;

/**
 * The C library calls javalived needs, as {@code java.lang.foreign} downcalls, all through {@link NativeCall}'s one
 * linked shape. Every call that can fail captures errno and throws an {@link ErrnoException} that names the call
 * and the errno symbolically. EINTR is retried. Memory is the caller's (native memory only).
 */
public final class Libc {
    private Libc() {}

    private static final MemorySegment SOCKET = NativeCall.function("socket");
    private static final MemorySegment BIND = NativeCall.function("bind");
    private static final MemorySegment CONNECT = NativeCall.function("connect");
    private static final MemorySegment CLOSE = NativeCall.function("close");
    private static final MemorySegment SENDTO = NativeCall.function("sendto");
    private static final MemorySegment RECVFROM = NativeCall.function("recvfrom");
    private static final MemorySegment SENDMSG = NativeCall.function("sendmsg");
    private static final MemorySegment RECVMSG = NativeCall.function("recvmsg");
    private static final MemorySegment SETSOCKOPT = NativeCall.function("setsockopt");
    private static final MemorySegment GETSOCKOPT = NativeCall.function("getsockopt");
    private static final MemorySegment GETSOCKNAME = NativeCall.function("getsockname");
    private static final MemorySegment POLL = NativeCall.function("poll");
    private static final MemorySegment IF_NAMETOINDEX = NativeCall.function("if_nametoindex");
    private static final MemorySegment IF_INDEXTONAME = NativeCall.function("if_indextoname");
    private static final MemorySegment SETNS = NativeCall.function("setns");
    private static final MemorySegment MKFIFO = NativeCall.function("mkfifo");
    private static final MemorySegment WRITE = NativeCall.function("write");
    private static final MemorySegment READ = NativeCall.function("read");
    private static final MemorySegment INOTIFY_INIT1 = NativeCall.function("inotify_init1");
    private static final MemorySegment INOTIFY_ADD_WATCH = NativeCall.function("inotify_add_watch");
    private static final MemorySegment OPEN_CREATE = NativeCall.function("open");
    private static final MemorySegment IOCTL = NativeCall.function("ioctl");
    private static final MemorySegment FLOCK = NativeCall.function("flock");
    private static final MemorySegment SIGACTION = NativeCall.function("sigaction");
    /** glibc's struct sigaction is 152 bytes on x86_64 and aarch64 (handler, 1024-bit mask, flags, restorer); room to spare. */
    private static final long SIGACTION_SIZE = 256;
    private static final MemorySegment KILL = NativeCall.function("kill");
    private static final MemorySegment GETUID = NativeCall.function("getuid");
    private static final MemorySegment GETGID = NativeCall.function("getgid");
    private static final MemorySegment GETPWNAM_R = NativeCall.function("getpwnam_r");
    private static final MemorySegment GETGRNAM_R = NativeCall.function("getgrnam_r");
    private static final MemorySegment EPOLL_CREATE1 = NativeCall.function("epoll_create1");
    private static final MemorySegment EPOLL_CTL = NativeCall.function("epoll_ctl");
    private static final MemorySegment EPOLL_WAIT = NativeCall.function("epoll_wait");
    private static final MemorySegment EVENTFD = NativeCall.function("eventfd");
    private static final MemorySegment STRERROR = NativeCall.function("strerror");

    /** Layout of {@code struct pollfd}. */
    public static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));

    private static int errno(MemorySegment capture) {
        return NativeCall.errno(capture);
    }

    private static NativeException unexpected(String call, Throwable t) {
        return new NativeException(call + ": unexpected failure of the native call", t);
    }

    /** socket(2). */
    public static int socket(int domain, int type, int protocol) {
        MemorySegment c = NativeCall.capture();
        try {
            int fd = (int) NativeCall.call(SOCKET, c, domain, type, protocol);
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
        MemorySegment c = NativeCall.capture();
        try {
            int r = (int) NativeCall.call(BIND, c, fd, NativeCall.address(addr), (int) addr.byteSize());
            if (r < 0) {
                throw new ErrnoException("bind(fd " + fd + ")", errno(c));
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("bind", t);
        } finally {
            // the memory must outlive the call: the downcall sees only its address
            Reference.reachabilityFence(addr);
        }
    }

    /** connect(2) to the address in {@code addr}. */
    public static void connect(int fd, MemorySegment addr) {
        MemorySegment c = NativeCall.capture();
        try {
            int r;
            do {
                r = (int) NativeCall.call(CONNECT, c, fd, NativeCall.address(addr), (int) addr.byteSize());
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            if (r < 0) {
                throw new ErrnoException("connect(fd " + fd + ")", errno(c));
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("connect", t);
        } finally {
            // the memory must outlive the call: the downcall sees only its address
            Reference.reachabilityFence(addr);
        }
    }

    /** close(2). */
    public static void close(int fd) {
        MemorySegment c = NativeCall.capture();
        try {
            int r = (int) NativeCall.call(CLOSE, c, fd);
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
        MemorySegment c = NativeCall.capture();
        try {
            long r;
            int addrLen = addr.equals(MemorySegment.NULL) ? 0 : (int) addr.byteSize();
            do {
                r = (long) NativeCall.call(SENDTO, c, fd, NativeCall.address(buf), len, flags, NativeCall.address(addr), addrLen);
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            if (r < 0) {
                throw new ErrnoException("sendto(fd " + fd + ", " + len + " bytes)", errno(c));
            }
            return r;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("sendto", t);
        } finally {
            // the memory must outlive the call: the downcall sees only its address
            Reference.reachabilityFence(buf);
            Reference.reachabilityFence(addr);
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
        MemorySegment c = NativeCall.capture();
        try {
            long r;
            do {
                r = (long) NativeCall.call(RECVFROM, c, fd, NativeCall.address(buf), len, flags, NativeCall.address(addr), NativeCall.address(addrLen));
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
        } finally {
            // the memory must outlive the call: the downcall sees only its address
            Reference.reachabilityFence(buf);
            Reference.reachabilityFence(addr);
            Reference.reachabilityFence(addrLen);
        }
    }

    /** sendmsg(2) with a caller-built {@code struct msghdr}. */
    public static long sendmsg(int fd, MemorySegment msghdr, int flags) {
        MemorySegment c = NativeCall.capture();
        try {
            long r;
            do {
                r = (long) NativeCall.call(SENDMSG, c, fd, NativeCall.address(msghdr), flags);
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            if (r < 0) {
                throw new ErrnoException("sendmsg(fd " + fd + ")", errno(c));
            }
            return r;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("sendmsg", t);
        } finally {
            // the memory must outlive the call: the downcall sees only its address
            Reference.reachabilityFence(msghdr);
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
        MemorySegment c = NativeCall.capture();
        try {
            long r;
            do {
                r = (long) NativeCall.call(RECVMSG, c, fd, NativeCall.address(msghdr), flags);
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
        } finally {
            // the memory must outlive the call: the downcall sees only its address
            Reference.reachabilityFence(msghdr);
        }
    }

    /** setsockopt(2) with the whole of {@code value}. */
    public static void setsockopt(int fd, int level, int name, MemorySegment value) {
        MemorySegment c = NativeCall.capture();
        try {
            int r = (int) NativeCall.call(SETSOCKOPT, c, fd, level, name, NativeCall.address(value), (int) value.byteSize());
            if (r < 0) {
                throw new ErrnoException("setsockopt(fd " + fd + ", level " + level + ", option " + name + ")", errno(c));
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("setsockopt", t);
        } finally {
            // the memory must outlive the call: the downcall sees only its address
            Reference.reachabilityFence(value);
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
        MemorySegment c = NativeCall.capture();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment len = arena.allocateFrom(JAVA_INT, (int) value.byteSize());
            int r = (int) NativeCall.call(GETSOCKOPT, c, fd, level, name, NativeCall.address(value), NativeCall.address(len));
            if (r < 0) {
                throw new ErrnoException("getsockopt(fd " + fd + ", level " + level + ", option " + name + ")", errno(c));
            }
            return len.get(JAVA_INT, 0);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("getsockopt", t);
        } finally {
            // the memory must outlive the call: the downcall sees only its address
            Reference.reachabilityFence(value);
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
        MemorySegment c = NativeCall.capture();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment len = arena.allocateFrom(JAVA_INT, (int) addr.byteSize());
            int r = (int) NativeCall.call(GETSOCKNAME, c, fd, NativeCall.address(addr), NativeCall.address(len));
            if (r < 0) {
                throw new ErrnoException("getsockname(fd " + fd + ")", errno(c));
            }
            return len.get(JAVA_INT, 0);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("getsockname", t);
        } finally {
            // the memory must outlive the call: the downcall sees only its address
            Reference.reachabilityFence(addr);
        }
    }

    /** poll(2) over an array of {@link #POLLFD}; returns the number of ready descriptors (0 on timeout). */
    public static int poll(MemorySegment fds, int nfds, int timeoutMillis) {
        MemorySegment c = NativeCall.capture();
        try {
            int r;
            do {
                r = (int) NativeCall.call(POLL, c, NativeCall.address(fds), (long) nfds, timeoutMillis);
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            if (r < 0) {
                throw new ErrnoException("poll", errno(c));
            }
            return r;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("poll", t);
        } finally {
            // the memory must outlive the call: the downcall sees only its address
            Reference.reachabilityFence(fds);
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
        MemorySegment c = NativeCall.capture();
        try (Arena arena = Arena.ofConfined()) {
            int index = (int) NativeCall.call(IF_NAMETOINDEX, c, NativeCall.address(arena.allocateFrom(name)));
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
        MemorySegment c = NativeCall.capture();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(16);
            MemorySegment r = MemorySegment.ofAddress(NativeCall.call(IF_INDEXTONAME, c, index, NativeCall.address(buf)));
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
        MemorySegment c = NativeCall.capture();
        try (Arena arena = Arena.ofConfined()) {
            int fd;
            do {
                fd = (int) NativeCall.call(OPEN_CREATE, c, NativeCall.address(arena.allocateFrom(path)), flags, mode);
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
        MemorySegment c = NativeCall.capture();
        try {
            int r;
            do {
                r = (int) NativeCall.call(FLOCK, c, fd, LOCK_EX | LOCK_NB);
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
        MemorySegment c = NativeCall.capture();
        try {
            int r = (int) NativeCall.call(SIGACTION, c, signo, NativeCall.address(act), NativeCall.address(old));
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
        MemorySegment c = NativeCall.capture();
        try {
            int r;
            do {
                r = (int) NativeCall.call(IOCTL, c, fd, request, NativeCall.address(arg));
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            if (r < 0) {
                throw new ErrnoException("ioctl(fd " + fd + ", " + what + ")", errno(c));
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("ioctl", t);
        } finally {
            // the memory must outlive the call: the downcall sees only its address
            Reference.reachabilityFence(arg);
        }
    }

    /** mkfifo(3): creates a FIFO with permission bits {@code mode} (before the umask). */
    public static void mkfifo(String path, int mode) {
        MemorySegment c = NativeCall.capture();
        try (Arena arena = Arena.ofConfined()) {
            int r = (int) NativeCall.call(MKFIFO, c, NativeCall.address(arena.allocateFrom(path)), mode);
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
        MemorySegment c = NativeCall.capture();
        try {
            long r;
            do {
                r = (long) NativeCall.call(WRITE, c, fd, NativeCall.address(buf), len);
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            if (r < 0) {
                throw new ErrnoException("write(fd " + fd + ", " + len + " bytes)", errno(c));
            }
            return r;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("write", t);
        } finally {
            // the memory must outlive the call: the downcall sees only its address
            Reference.reachabilityFence(buf);
        }
    }

    /** read(2); -1 when {@code fd} is non-blocking and nothing is there (EAGAIN), else the bytes read (0 at end of file). */
    public static long read(int fd, MemorySegment buf, long len) {
        MemorySegment c = NativeCall.capture();
        try {
            long r;
            do {
                r = (long) NativeCall.call(READ, c, fd, NativeCall.address(buf), len);
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
        } finally {
            // the memory must outlive the call: the downcall sees only its address
            Reference.reachabilityFence(buf);
        }
    }

    public static final int IN_NONBLOCK = O_NONBLOCK;
    public static final int IN_CLOEXEC = O_CLOEXEC;

    /** inotify_init1(2); returns the inotify descriptor. */
    public static int inotifyInit1(int flags) {
        return descriptor("inotify_init1", c -> (int) NativeCall.call(INOTIFY_INIT1, c, flags));
    }

    /** inotify_add_watch(2); returns the watch descriptor (the same one for a path already watched). */
    public static int inotifyAddWatch(int fd, String path, int mask) {
        MemorySegment c = NativeCall.capture();
        try (Arena arena = Arena.ofConfined()) {
            int wd = (int) NativeCall.call(INOTIFY_ADD_WATCH, c, fd, NativeCall.address(arena.allocateFrom(path)), mask);
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
        MemorySegment c = NativeCall.capture();
        try {
            int r = (int) NativeCall.call(SETNS, c, fd, nstype);
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
        MemorySegment c = NativeCall.capture();
        try {
            int r;
            do {
                r = (int) NativeCall.call(CONNECT, c, fd, NativeCall.address(addr), (int) addr.byteSize());
            } while (r < 0 && errno(c) == Errno.EINTR.number());
            return r < 0 ? errno(c) : 0;
        } catch (Throwable t) {
            throw unexpected("connect", t);
        } finally {
            // the memory must outlive the call: the downcall sees only its address
            Reference.reachabilityFence(addr);
        }
    }

    /**
     * getsockopt(2) of an int option into {@code scratch} (8 bytes: the value, then its length), without an Arena
     * per call: for options read once per probe (SO_ERROR).
     */
    public static int getsockoptInt(int fd, int level, int name, MemorySegment scratch) {
        MemorySegment c = NativeCall.capture();
        try {
            scratch.set(JAVA_INT, 4, 4);
            int r = (int) NativeCall.call(GETSOCKOPT, c, fd, level, name, NativeCall.address(scratch), NativeCall.address(scratch.asSlice(4, 4)));
            if (r < 0) {
                throw new ErrnoException("getsockopt(fd " + fd + ", level " + level + ", option " + name + ")", errno(c));
            }
            return scratch.get(JAVA_INT, 0);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("getsockopt", t);
        } finally {
            // the memory must outlive the call: the downcall sees only its address
            Reference.reachabilityFence(scratch);
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
        return descriptor("epoll_create1", c -> (int) NativeCall.call(EPOLL_CREATE1, c, flags));
    }

    /** epoll_ctl(2) with a caller-built {@code struct epoll_event} (NULL for EPOLL_CTL_DEL); 0, or the errno. */
    public static int epollCtl(int epfd, int op, int fd, MemorySegment event) {
        MemorySegment c = NativeCall.capture();
        try {
            int r = (int) NativeCall.call(EPOLL_CTL, c, epfd, op, fd, NativeCall.address(event));
            return r < 0 ? errno(c) : 0;
        } catch (Throwable t) {
            throw unexpected("epoll_ctl", t);
        } finally {
            // the memory must outlive the call: the downcall sees only its address
            Reference.reachabilityFence(event);
        }
    }

    /** epoll_wait(2) into {@code events} (room for {@code maxEvents}); the number ready, 0 on timeout or EINTR. */
    public static int epollWait(int epfd, MemorySegment events, int maxEvents, int timeoutMillis) {
        MemorySegment c = NativeCall.capture();
        try {
            int r = (int) NativeCall.call(EPOLL_WAIT, c, epfd, NativeCall.address(events), maxEvents, timeoutMillis);
            if (r < 0 && errno(c) == Errno.EINTR.number()) return 0;
            if (r < 0) throw new ErrnoException("epoll_wait(fd " + epfd + ")", errno(c));
            return r;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("epoll_wait", t);
        } finally {
            // the memory must outlive the call: the downcall sees only its address
            Reference.reachabilityFence(events);
        }
    }

    /** eventfd(2); returns the descriptor. */
    public static int eventfd(int initial, int flags) {
        return descriptor("eventfd", c -> (int) NativeCall.call(EVENTFD, c, initial, flags));
    }

    /** A call that returns a new descriptor, or -1 with errno set in {@code capture}. */
    @FunctionalInterface
    private interface DescriptorCall {
        int call(MemorySegment capture) throws Throwable;
    }

    /** Runs a call that makes a descriptor; a failure is an {@link ErrnoException} naming {@code name}. */
    private static int descriptor(String name, DescriptorCall call) {
        MemorySegment c = NativeCall.capture();
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
            MemorySegment s = MemorySegment.ofAddress(NativeCall.call(STRERROR, NativeCall.capture(), errno)).reinterpret(256);
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
        MemorySegment c = NativeCall.capture();
        try {
            int r = (int) NativeCall.call(KILL, c, pid, signal);
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
            return (int) NativeCall.call(GETUID, NativeCall.capture());
        } catch (Throwable t) {
            throw unexpected("getuid", t);
        }
    }

    /** getgid(2): the real group id of this process. */
    public static int getgid() {
        try {
            return (int) NativeCall.call(GETGID, NativeCall.capture());
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
    private static <T> java.util.Optional<T> byName(MemorySegment function, String what, String name, long structSize,
                                                   java.util.function.Function<MemorySegment, T> read) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment entry = arena.allocate(structSize, 8);
            long len = 64 * 1024;
            MemorySegment buf = arena.allocate(len);
            MemorySegment result = arena.allocate(ADDRESS);
            int r = (int) NativeCall.call(function, NativeCall.capture(), NativeCall.address(arena.allocateFrom(name)),
                    NativeCall.address(entry), NativeCall.address(buf), len, NativeCall.address(result));
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
