package io.javalived.daemon.log;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TimeZone;

/**
 * The local date and time of an instant, for log lines: the offset from {@link TimeZone}'s tables, not from
 * {@code java.time}'s zone rules provider. That provider looks for other providers in a service file of every jar on
 * the class path when it is first used, and the daemon's first log line used it: the jars' classes come from the
 * AOT cache, so that look-up opened all ~40 of them on the start path (about 30 ms of a -P start's 160 ms of uptime
 * on a quiet machine). Both read the JDK's same time-zone data; {@code LocalTimeZoneTest} compares them for every
 * zone over two centuries.
 */
public final class LocalTimeZone {
    private final TimeZone zone;

    private LocalTimeZone(TimeZone zone) {
        this.zone = zone;
    }

    /** This JVM's default zone (as {@code ZoneId.systemDefault()} names it). */
    public static LocalTimeZone systemDefault() {
        return new LocalTimeZone(TimeZone.getDefault());
    }

    public static LocalTimeZone of(ZoneId zone) {
        return new LocalTimeZone(TimeZone.getTimeZone(zone));
    }

    /** The local date and time at {@code epochMillis}. */
    public LocalDateTime at(long epochMillis) {
        int offsetMillis = zone.getOffset(epochMillis);
        long seconds = Math.floorDiv(epochMillis, 1000);
        int nanos = (int) Math.floorMod(epochMillis, 1000) * 1_000_000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.ofTotalSeconds(offsetMillis / 1000));
    }

    public ZoneId zoneId() {
        return zone.toZoneId();
    }

    /** Appends {@code t}'s time of day as {@code HH:mm:ss}, the form both log lines use. */
    static StringBuilder appendClock(StringBuilder sb, LocalDateTime t) {
        twoDigits(sb, t.getHour()).append(':');
        twoDigits(sb, t.getMinute()).append(':');
        return twoDigits(sb, t.getSecond());
    }

    /** Appends {@code v} (0-99) as two digits. */
    static StringBuilder twoDigits(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
