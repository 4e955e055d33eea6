package io.javalived.healthcheck.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A daemon's log read line by line as it arrives, each line stamped with {@link System#nanoTime()} on
 * arrival. Lines matching the implementation's "real server left the table" / "came back" patterns
 * (group 1: the real server's address, group 2: its port) are kept as events per real server.
 */
final class DaemonLog {

    record Line(long nanos, String text) {
    }

    record Event(long nanos, boolean removed) {
    }

    private final Pattern removed;
    private final Pattern added;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Map<String, List<Event>> events = new ConcurrentHashMap<>();
    private final Thread reader;

    DaemonLog(InputStream output, Pattern removed, Pattern added, String name) {
        this.removed = removed;
        this.added = added;
        this.reader = Thread.ofPlatform().name("log-" + name).daemon().start(() -> read(output));
    }

    private void read(InputStream output) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            for (String text; (text = r.readLine()) != null; ) {
                long now = System.nanoTime();
                lines.add(new Line(now, text));
                record(removed.matcher(text), now, true);
                record(added.matcher(text), now, false);
            }
        } catch (IOException e) {
            lines.add(new Line(System.nanoTime(), "(log reader: " + e + ")"));
        }
    }

    private void record(Matcher m, long now, boolean isRemoval) {
        if (m.find()) {
            events.computeIfAbsent(m.group(1) + ":" + m.group(2), k -> new CopyOnWriteArrayList<>()).add(new Event(now, isRemoval));
        }
    }

    /** The first time {@code server} (address:port) left the table at or after {@code since}, or null. */
    Long removedAfter(String server, long since) {
        for (Event e : events.getOrDefault(server, List.of())) {
            if (e.removed() && e.nanos() >= since) {
                return e.nanos();
            }
        }
        return null;
    }

    /** Real servers, other than {@code except}, that left the table at or after {@code since}. */
    List<String> removalsAfter(long since, java.util.Set<String> except) {
        List<String> out = new ArrayList<>();
        events.forEach((server, list) -> {
            if (!except.contains(server) && list.stream().anyMatch(e -> e.removed() && e.nanos() >= since)) {
                out.add(server);
            }
        });
        return out;
    }

    /** How many removal events (any server) arrived in [from, to). */
    long removalsBetween(long from, long to) {
        return events.values().stream().flatMap(List::stream).filter(e -> e.removed() && e.nanos() >= from && e.nanos() < to).count();
    }

    /** Waits until a line containing {@code text} has arrived; its arrival time, or null at {@code deadline} or when {@code alive} turns false. */
    Long await(String text, long deadline, java.util.function.BooleanSupplier alive) throws InterruptedException {
        while (System.nanoTime() < deadline && alive.getAsBoolean()) {
            for (Line l : lines) {
                if (l.text().contains(text)) {
                    return l.nanos();
                }
            }
            Thread.sleep(200);
        }
        return null;
    }

    void join(long millis) throws InterruptedException {
        reader.join(millis);
    }

    List<Line> lines() {
        return lines;
    }

    void writeTo(Path file, long origin) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Line l : lines) {
                w.write(String.format("+%10.3f s  %s%n", (l.nanos() - origin) / 1e9, l.text()));
            }
        }
    }

    String tail(int count) {
        StringBuilder b = new StringBuilder();
        for (Line l : lines.subList(Math.max(0, lines.size() - count), lines.size())) {
            b.append(l.text()).append('\n');
        }
        return b.toString();
    }
}
