package io.javalived.net.file;

import io.javalived.net.ffm.Errno;
import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.ffm.Libc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A named pipe opened for writing as keepalived opens its notify FIFOs: created (mode 0644) when missing, opened
 * O_RDWR | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC, so opening never waits for a reader and a write to a full pipe is
 * dropped instead of blocking. A FIFO this class created is removed again on {@link #close()}.
 */
public final class Fifo implements AutoCloseable {
    private final Path path;
    private final int fd;
    private final boolean created;
    private boolean closed;

    private Fifo(Path path, int fd, boolean created) {
        this.path = path;
        this.fd = fd;
        this.created = created;
    }

    /**
     * Opens {@code path}, creating the FIFO if nothing is there.
     *
     * @throws IllegalArgumentException when something other than a FIFO is there
     * @throws ErrnoException           when it cannot be created or opened
     */
    public static Fifo open(Path path) {
        boolean created = false;
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (!isFifo(path)) throw new IllegalArgumentException(path + " exists and is not a FIFO");
        } else {
            try {
                Libc.mkfifo(path.toString(), 0644);
                created = true;
            } catch (ErrnoException e) {
                if (!e.is(Errno.EEXIST)) throw e;
            }
        }
        try {
            int fd = Libc.open(path.toString(), Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_NOFOLLOW | Libc.O_CLOEXEC);
            return new Fifo(path, fd, created);
        } catch (RuntimeException e) {
            if (created) delete(path);
            throw e;
        }
    }

    private static boolean isFifo(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isOther() && !a.isSymbolicLink();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return path;
    }

    /** Whether {@link #open} made the FIFO (and {@link #close} removes it). */
    public boolean created() {
        return created;
    }

    /** Writes {@code bytes} at once; false when the pipe is full (nothing, or only a part, was written). */
    public synchronized boolean write(byte[] bytes) {
        if (closed) return false;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(bytes.length);
            buf.copyFrom(MemorySegment.ofArray(bytes));
            return Libc.write(fd, buf, bytes.length) == bytes.length;
        } catch (ErrnoException e) {
            if (e.is(Errno.EAGAIN)) return false;
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        Libc.close(fd);
        if (created) delete(path);
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left behind; the next open reuses it
        }
    }
}
