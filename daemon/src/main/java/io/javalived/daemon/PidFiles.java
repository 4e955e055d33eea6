package io.javalived.daemon;

import io.javalived.net.ffm.Libc;
import io.javalived.net.ffm.NativeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's pid files ({@code -p}, {@code -r}, {@code -c}), each claimed with a lock held for the life of the
 * process: the file is opened and locked (flock(2), exclusive, through linux-net) before it is read or written, so
 * of two daemons starting at once only one wins. A file another process holds locked means a daemon runs: javalived
 * refuses with keepalived's words. An unlocked file whose pid still runs keepalived or javalived (keepalived takes
 * no lock) is refused too. Any other pid in it is stale: one that no longer runs (a crash, a reboot) or one reused
 * by another program (keepalived 2.2.7 then refuses to start until someone removes the file); it is replaced, with a
 * line saying so. At stop the files are removed, then the locks released; a starter that locked a file just removed
 * that way sees that the path no longer leads to what it locked and starts again.
 */
public final class PidFiles implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PidFiles.class);
    private static final int ATTEMPTS = 5;

    /** Another daemon holds {@code file}: its pid (when the file names one) and how we know. */
    public record AlreadyRunning(Path file, OptionalLong pid, String how) {
        /** keepalived's words first ("daemon is already running"), then which file and pid. */
        public String describe() {
            return "daemon is already running (" + how + ", pid file " + file
                    + (pid.isPresent() ? ", pid " + pid.getAsLong() : "") + "); this one stops without touching it";
        }
    }

    private final long self = ProcessHandle.current().pid();
    private final Map<Path, Integer> held = new LinkedHashMap<>();

    /** Whether this process holds {@code file}. */
    public synchronized boolean holds(Path file) {
        return held.containsKey(file);
    }

    /**
     * Claims {@code file} and writes this process's pid into it; empty when claimed, else who runs.
     *
     * @throws IOException when the file cannot be created, locked, read or written (the message names it)
     */
    public synchronized Optional<AlreadyRunning> claim(Path file) throws IOException {
        if (held.containsKey(file)) return Optional.empty();
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int fd;
            try {
                fd = Libc.open(file.toString(), Libc.O_RDWR | Libc.O_CREAT | Libc.O_CLOEXEC, 0644);
            } catch (NativeException e) {
                throw new IOException(e.getMessage(), e);
            }
            boolean keep = false;
            try {
                Path locked = Path.of("/proc/self/fd", Integer.toString(fd)); // this descriptor's file, even once unlinked
                boolean ours = Libc.tryLockExclusive(fd);
                OptionalLong pid = readPid(locked);
                if (!ours) {
                    return Optional.of(new AlreadyRunning(file, pid, "another process holds its lock"));
                }
                if (!sameFile(file, locked)) {
                    continue; // removed by a daemon that was stopping after we opened it: open the path again
                }
                if (pid.isPresent() && pid.getAsLong() != self) {
                    Optional<AlreadyRunning> running = stillRunning(file, pid.getAsLong());
                    if (running.isPresent()) return running;
                }
                Files.writeString(locked, self + "\n", StandardCharsets.US_ASCII); // a new open of it: the lock stays
                held.put(file, fd);
                keep = true;
                return Optional.empty();
            } catch (NativeException e) {
                throw new IOException(e.getMessage(), e);
            } finally {
                if (!keep) Libc.close(fd);
            }
        }
        throw new IOException("pid file " + file + " was removed under us " + ATTEMPTS + " times");
    }

    private static boolean sameFile(Path path, Path locked) throws IOException {
        try {
            Object atPath = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            Object ours = Files.readAttributes(locked, BasicFileAttributes.class).fileKey();
            return atPath != null && Objects.equals(atPath, ours);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** An unlocked pid file: refused when its pid runs keepalived or javalived, else stale (logged). */
    private Optional<AlreadyRunning> stillRunning(Path file, long pid) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (p.isEmpty()) {
            log.info("pid file {} names pid {}, which no longer runs: a stale file, replaced", file, pid);
            return Optional.empty();
        }
        Optional<String> daemon = daemonName(pid);
        if (daemon.isPresent()) {
            return Optional.of(new AlreadyRunning(file, OptionalLong.of(pid), daemon.get() + " runs as that pid"));
        }
        log.info("pid file {} names pid {}, which now runs another program ({}): a stale file, replaced", file, pid,
                p.get().info().command().orElse("unknown"));
        return Optional.empty();
    }

    /** "keepalived" or "javalived" when process {@code pid} is one (by its command line), else empty. */
    static Optional<String> daemonName(long pid) {
        List<String> argv;
        try {
            argv = List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return Optional.empty(); // gone, or a zombie
        }
        if (argv.isEmpty() || argv.getFirst().isEmpty()) return Optional.empty();
        String program = Path.of(argv.getFirst()).getFileName().toString();
        if (program.equals("keepalived")) return Optional.of("keepalived");
        if (program.equals("javalived") || argv.contains(Main.class.getName())) return Optional.of("javalived");
        return Optional.empty();
    }

    private static OptionalLong readPid(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1).strip();
        try {
            long pid = Long.parseLong(text);
            return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Removes each file this process holds, then releases its lock. */
    @Override
    public synchronized void close() {
        for (var e : held.entrySet()) {
            try {
                Files.deleteIfExists(e.getKey());
            } catch (IOException ex) {
                log.warn("cannot remove pid file {}: {}", e.getKey(), ex.getMessage());
            }
            try {
                Libc.close(e.getValue());
            } catch (NativeException ex) {
                log.warn("cannot close pid file {}: {}", e.getKey(), ex.getMessage());
            }
        }
        held.clear();
    }
}
