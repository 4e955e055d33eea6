package io.javalived.net.tun;

import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.ffm.Errno;
import io.javalived.net.ffm.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * A non-persistent layer-3 TUN device ({@code /dev/net/tun}, TUNSETIFF with IFF_TUN | IFF_NO_PI) that lives exactly as
 * long as this process holds its descriptor: {@link #close()} or the process's death (kill -9 included) makes the kernel
 * delete the device, and with it every route through it. The device is created down; bring it up over rtnetlink.
 * Nothing reads the descriptor: packets routed into the device are dropped when its queue is full.
 * A second open of a name whose device another process holds fails with EBUSY ({@link #open} says so).
 */
public final class TunDevice implements AutoCloseable {
    /** TUNSETIFF = _IOW('T', 202, int). */
    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TUN = 0x0001;
    static final short IFF_NO_PI = 0x1000;
    /** IFNAMSIZ: 15 characters and the NUL. */
    static final int IFNAMSIZ = 16;
    /** struct ifreq is 40 bytes on 64-bit Linux (name + the largest union member). */
    private static final int IFREQ_SIZE = 40;

    private final int fd;
    private final String name;
    private boolean closed;

    private TunDevice(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    /**
     * Creates the device {@code name} in the calling thread's network namespace.
     *
     * @throws ErrnoException when {@code /dev/net/tun} is missing (ENOENT), the name is held by another process (EBUSY)
     *                        or names another kind of link (EINVAL); the message names the device
     */
    public static TunDevice open(String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length == 0 || n.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("a link name has 1 to 15 characters: '" + name + "'");
        }
        int fd = Libc.open("/dev/net/tun", Libc.O_RDWR | Libc.O_CLOEXEC);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = arena.allocate(IFREQ_SIZE, 8);
            MemorySegment.copy(n, 0, ifr, ValueLayout.JAVA_BYTE, 0, n.length);
            ifr.set(ValueLayout.JAVA_SHORT, IFNAMSIZ, (short) (IFF_TUN | IFF_NO_PI));
            Libc.ioctl(fd, TUNSETIFF, ifr, "TUNSETIFF " + name);
            return new TunDevice(fd, name);
        } catch (ErrnoException e) {
            Libc.close(fd);
            if (e.is(Errno.EBUSY)) {
                throw new ErrnoException("tun device " + name + " is held by another process (is a second javalived running "
                        + "in this network namespace?)", Errno.EBUSY.number());
            }
            throw e;
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** Closes the descriptor: the kernel deletes the device and the routes through it. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }
}
