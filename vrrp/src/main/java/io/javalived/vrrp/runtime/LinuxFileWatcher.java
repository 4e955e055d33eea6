package io.javalived.vrrp.runtime;

import io.javalived.net.file.Inotify;
import io.javalived.vrrp.track.TrackFileValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FileWatcher} on linux-net's {@link Inotify}, as keepalived follows its track files: one watch per directory
 * (IN_CLOSE_WRITE, IN_DELETE, IN_MOVE), so a file is read once its writer closed it (an {@code echo 5 > f} is one
 * read of "5", never the empty file between truncation and write that a modify event would show), and a file
 * replaced by a rename is read too. One thread reads the events for every instance; it starts with the first file.
 *
 * <p>Why not the JDK's WatchService: on Linux it is inotify too, but it reports IN_MODIFY (each write, the truncation
 * included) and not IN_CLOSE_WRITE, so a rewrite is seen half done: a weight-0 file going from 1 to 1 would read
 * as 0 for a moment and bring the instance out of FAULT.
 */
final class LinuxFileWatcher implements FileWatcher, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LinuxFileWatcher.class);
    private static final int MASK = Inotify.IN_CLOSE_WRITE | Inotify.IN_DELETE | Inotify.IN_MOVE;

    private record Followed(Path file, Consumer<String> changed) {}

    private Inotify inotify;
    private Thread reader;
    private volatile boolean closed;
    /** Watch descriptor to its directory. */
    private final Map<Integer, Path> directories = new ConcurrentHashMap<>();
    private final List<Followed> followed = new CopyOnWriteArrayList<>();

    @Override
    public synchronized Subscription follow(Path path, Consumer<String> changed) {
        Path file = resolve(path);
        if (inotify == null) {
            inotify = Inotify.open();
            reader = Thread.ofPlatform().daemon().name("vrrp-track-files").start(this::run);
        }
        try {
            directories.put(inotify.watch(file.getParent(), MASK), file.getParent());
        } catch (RuntimeException e) {
            throw new NetworkActionException("cannot watch " + file.getParent() + ": " + e.getMessage(), e);
        }
        Followed f = new Followed(file, changed);
        followed.add(f);
        return () -> followed.remove(f);
    }

    /**
     * The file's path with its directory's symbolic links resolved (as keepalived's realpath): the directory must
     * exist, the file need not.
     */
    private static Path resolve(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs)) return abs.toRealPath();
            Path dir = abs.getParent();
            if (dir == null || !Files.isDirectory(dir)) throw new NoSuchFileException(String.valueOf(dir));
            return dir.toRealPath().resolve(abs.getFileName());
        } catch (IOException e) {
            throw new NetworkActionException("the directory of " + path + " does not exist", e);
        }
    }

    @Override
    public boolean canFollow(Path path) {
        try {
            resolve(path);
            return true;
        } catch (NetworkActionException e) {
            return false;
        }
    }

    @Override
    public String read(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return new String(in.readNBytes(TrackFileValue.MAX_BYTES), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    @Override
    public void initialise(Path path, int value, boolean overwrite) {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.exists(path)) {
            if (!overwrite) return;
            if (!Files.isRegularFile(path)) {
                throw new NetworkActionException("cannot initialise " + path + ": it is not a regular file");
            }
        }
        try {
            Files.writeString(path, value + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new NetworkActionException("cannot initialise " + path + ": " + e.getMessage(), e);
        }
    }

    private void run() {
        while (!closed) {
            List<Inotify.Event> events;
            try {
                events = inotify.read(Duration.ofMillis(500));
            } catch (RuntimeException e) {
                if (closed) return;
                log.warn("track files: inotify read failed: {}", e.getMessage());
                sleep();
                continue;
            }
            for (Inotify.Event e : events) {
                if (e.is(Inotify.IN_Q_OVERFLOW)) {
                    followed.forEach(f -> f.changed().accept(read(f.file())));
                    continue;
                }
                if (e.is(Inotify.IN_ISDIR)) continue;
                Path dir = directories.get(e.watch());
                if (dir == null) continue;
                Path file = dir.resolve(e.name());
                boolean gone = e.is(Inotify.IN_DELETE | Inotify.IN_MOVED_FROM);
                String content = null;
                for (Followed f : followed) {
                    if (!f.file().equals(file)) continue;
                    if (content == null) content = gone ? "" : read(file);
                    try {
                        f.changed().accept(content);
                    } catch (RuntimeException x) {
                        log.warn("track file {}: {}", file, x.toString());
                    }
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (inotify != null) {
            try {
                reader.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inotify.close();
        }
    }
}
