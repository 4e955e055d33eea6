package io.javalived.daemon.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * How much of the process the status endpoint may take: connections open at once (beyond that the one idle the
 * longest is closed), how long a connection may stay silent, how large a request may be. Descriptors are the
 * daemon's scarcest resource under a flood: scripts (pipes), VRRP and checker sockets, reloads (the file) and the
 * JVM's own class loading (jars opened on first use) need them, so the connection bound leaves {@link #RESERVE}
 * of the soft RLIMIT_NOFILE free. (The JVM already raises the soft limit to the hard one at start, -XX:+MaxFDLimit.)
 */
public record ConnectionLimits(int maxConnections, Duration idleTimeout, int maxRequestBytes) {
    /** Descriptors kept free for everything but the status endpoint. */
    public static final int RESERVE = 128;
    public static final int MOST_CONNECTIONS = 64;
    public static final int FEWEST_CONNECTIONS = 4;
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);
    public static final int MAX_REQUEST_BYTES = 8192;

    public ConnectionLimits {
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections " + maxConnections + " < 1");
    }

    /** The bound for this process now: min(64, soft limit - descriptors open - reserve), at least 4. */
    public static ConnectionLimits forThisProcess() {
        OptionalLong soft = softOpenFilesLimit();
        long open = openDescriptors();
        int max = MOST_CONNECTIONS;
        if (soft.isPresent() && open >= 0) {
            max = (int) Math.max(FEWEST_CONNECTIONS, Math.min(MOST_CONNECTIONS, soft.getAsLong() - open - RESERVE));
        }
        return new ConnectionLimits(max, IDLE_TIMEOUT, MAX_REQUEST_BYTES);
    }

    /** The soft "Max open files" of /proc/self/limits; empty when unlimited or unreadable. */
    static OptionalLong softOpenFilesLimit() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/limits"))) {
            return lines.filter(l -> l.startsWith("Max open files")).findFirst()
                    .map(l -> l.substring("Max open files".length()).trim().split("\\s+")[0])
                    .filter(v -> v.chars().allMatch(Character::isDigit))
                    .map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Entries of /proc/self/fd, or -1. */
    static long openDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
