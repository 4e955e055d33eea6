package io.javalived.net.file;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.javalived.net.ffm.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An inotify(7) descriptor (non-blocking, close-on-exec): watches on directories and the events read from it.
 * keepalived follows its track files this way (a watch on the file's directory for IN_CLOSE_WRITE, IN_DELETE and
 * IN_MOVE), so a file is read once its writer closed it, never half written.
 */
public final class Inotify implements AutoCloseable {
    public static final int IN_MODIFY = 0x2;
    public static final int IN_CLOSE_WRITE = 0x8;
    public static final int IN_MOVED_FROM = 0x40;
    public static final int IN_MOVED_TO = 0x80;
    public static final int IN_MOVE = IN_MOVED_FROM | IN_MOVED_TO;
    public static final int IN_CREATE = 0x100;
    public static final int IN_DELETE = 0x200;
    public static final int IN_Q_OVERFLOW = 0x4000;
    public static final int IN_ISDIR = 0x40000000;

    /** Room for a burst of events (each is 16 bytes and its name, padded). */
    private static final int BUFFER = 64 * 1024;

    /**
     * One event: the watch it belongs to, its mask, and the name of the entry in the watched directory (empty for
     * an event on the directory itself).
     */
    public record Event(int watch, int mask, String name) {
        public boolean is(int bits) {
            return (mask & bits) != 0;
        }
    }

    private final int fd;
    /** Freed with this object (a reader may still be in read() when another thread closes it). */
    private final MemorySegment buffer = Arena.ofAuto().allocate(BUFFER, 8);
    private volatile boolean closed;

    private Inotify(int fd) {
        this.fd = fd;
    }

    public static Inotify open() {
        return new Inotify(Libc.inotifyInit1(Libc.IN_NONBLOCK | Libc.IN_CLOEXEC));
    }

    /**
     * Watches {@code directory} for the events in {@code mask}; returns the watch descriptor (the same one again for
     * a directory already watched: the masks are then replaced by this one).
     *
     * @throws io.javalived.net.ffm.ErrnoException naming the path (ENOENT, EACCES, ENOTDIR)
     */
    public int watch(Path directory, int mask) {
        return Libc.inotifyAddWatch(fd, directory.toString(), mask);
    }

    /**
     * The events that arrive within {@code timeout} (empty when none did), all those queued once one is there. Not
     * thread-safe: one reader.
     */
    public List<Event> read(Duration timeout) {
        if (closed) return List.of();
        if (!Libc.pollIn(fd, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))) return List.of();
        List<Event> out = new ArrayList<>();
        long n;
        while (!closed && (n = Libc.read(fd, buffer, BUFFER)) > 0) {
            decode(buffer, n, out);
        }
        return out;
    }

    /** The events in the first {@code length} bytes of {@code b} (struct inotify_event, one after the other). */
    static void decode(MemorySegment b, long length, List<Event> out) {
        long p = 0;
        while (p + 16 <= length) {
            int wd = b.get(JAVA_INT, p);
            int mask = b.get(JAVA_INT, p + 4);
            int nameLen = b.get(JAVA_INT, p + 12);
            String name = "";
            if (nameLen > 0) {
                byte[] raw = b.asSlice(p + 16, nameLen).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                int end = 0;
                while (end < raw.length && raw[end] != 0) end++;
                name = new String(raw, 0, end, StandardCharsets.UTF_8);
            }
            out.add(new Event(wd, mask, name));
            p += 16 + nameLen;
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        Libc.close(fd);
    }
}
