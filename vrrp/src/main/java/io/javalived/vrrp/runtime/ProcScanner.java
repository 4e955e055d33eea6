package io.javalived.vrrp.runtime;

import io.javalived.vrrp.track.ProcessPattern;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ProcessWatcher} that reads {@code /proc} every {@link #PERIOD}: for each process its {@code comm} (and its
 * {@code cmdline} when a pattern needs the full command), zombies left out, as keepalived's start-up scan does; the
 * followers of a pattern hear its count when it changed. One thread, started with the first follower.
 *
 * <p>Why polling and not the kernel's process events (keepalived's NETLINK_CONNECTOR / PROC_EVENTS): the kernel
 * sends process events only to sockets in the initial network namespace, so a daemon started in a namespace (the
 * lab, or {@code ip netns exec}) gets none: keepalived 2.2.7 there logs "Failed to set/clear process event listen -
 * errno 111 - Connection refused" and its instances stay in FAULT for good. A scan works in any namespace. Its
 * cost was measured at about 2 to 4 ms of CPU per scan of ~300 processes on the project's machine (so ~2-4% of one
 * core at this period), and it notices a change within one period (the events would within a millisecond).
 */
final class ProcScanner implements ProcessWatcher, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProcScanner.class);
    static final Duration PERIOD = Duration.ofMillis(100);
    private static final Path PROC = Path.of("/proc");
    /** Longer command lines are compared on their first 4 KiB. */
    private static final int MAX_CMDLINE = 4096;

    private record Followed(ProcessPattern pattern, IntConsumer changed) {}

    private final List<Followed> followed = new CopyOnWriteArrayList<>();
    private final Map<ProcessPattern, Integer> counts = new ConcurrentHashMap<>();
    private Thread thread;
    private volatile boolean closed;

    @Override
    public synchronized FileWatcher.Subscription follow(ProcessPattern pattern, IntConsumer changed) {
        Followed f = new Followed(pattern, changed);
        followed.add(f);
        if (thread == null) thread = Thread.ofPlatform().daemon().name("vrrp-track-processes").start(this::run);
        return () -> followed.remove(f);
    }

    @Override
    public int count(ProcessPattern pattern) {
        return scan(List.of(pattern)).getOrDefault(pattern, 0);
    }

    private void run() {
        while (!closed) {
            try {
                List<ProcessPattern> patterns = followed.stream().map(Followed::pattern).distinct().toList();
                Map<ProcessPattern, Integer> now = scan(patterns);
                for (ProcessPattern p : patterns) {
                    int n = now.getOrDefault(p, 0);
                    Integer before = counts.put(p, n);
                    if (before != null && before == n) continue;
                    for (Followed f : followed) {
                        if (f.pattern().equals(p)) f.changed().accept(n);
                    }
                }
            } catch (RuntimeException e) {
                log.warn("track_process: scanning /proc failed: {}", e.toString());
            }
            try {
                Thread.sleep(PERIOD.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** How many processes each pattern matches now. */
    static Map<ProcessPattern, Integer> scan(List<ProcessPattern> patterns) {
        Map<ProcessPattern, Integer> out = new java.util.HashMap<>();
        if (patterns.isEmpty()) return out;
        boolean needCmdline = patterns.stream().anyMatch(ProcessPattern::fullCommand);
        boolean needComm = patterns.stream().anyMatch(p -> !p.fullCommand());
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path pid : pids) {
                String comm = null;
                if (needComm) {
                    // stat, not comm: its state field leaves zombies out (their cmdline is empty: no full match either)
                    String stat = read(pid.resolve("stat"), 512);
                    if (stat == null) continue;
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    if (open < 0 || close < open || close + 2 >= stat.length() || stat.charAt(close + 2) == 'Z') continue;
                    comm = stat.substring(open + 1, close);
                }
                byte[] cmdline = needCmdline ? readBytes(pid.resolve("cmdline")) : null;
                for (ProcessPattern p : patterns) {
                    if (p.matches(comm, cmdline)) out.merge(p, 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static boolean isPid(String name) {
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); i++) if (!Character.isDigit(name.charAt(i))) return false;
        return true;
    }

    private static String read(Path p, int max) {
        byte[] b = readBytes(p, max);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(Path p) {
        return readBytes(p, MAX_CMDLINE);
    }

    private static byte[] readBytes(Path p, int max) {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(max);
        } catch (IOException | RuntimeException e) {
            return null; // the process ended meanwhile
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (thread != null) thread.interrupt();
    }
}
