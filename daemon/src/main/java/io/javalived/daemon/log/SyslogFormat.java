package io.javalived.daemon.log;

import ch.qos.logback.classic.Level;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * One syslog message as glibc's syslog(3) sends it to {@code /dev/log} (RFC 3164 style):
 * {@code <PRI>Mmm dd hh:mm:ss IDENT[PID]: MESSAGE}, PRI = facility * 8 + severity, the time in local time with the
 * day of the month space-padded ({@code %h %e %T}), no trailing newline.
 */
public final class SyslogFormat {
    /** The C locale's month abbreviations, as syslog(3)'s {@code %h} writes them. */
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
        "Dec"};

    private SyslogFormat() {}

    /** syslog's severity for a logback level: ERROR err (3), WARN warning (4), INFO info (6), DEBUG/TRACE debug (7). */
    public static int severity(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> 3;
            case Level.WARN_INT -> 4;
            case Level.INFO_INT -> 6;
            default -> 7;
        };
    }

    /** The datagram for a message logged at {@code epochMillis}, the time local in {@code zone}. */
    public static byte[] datagram(SyslogFacility facility, int severity, long epochMillis, LocalTimeZone zone,
                                  String ident, long pid, String message) {
        StringBuilder sb = new StringBuilder(48 + ident.length() + message.length());
        sb.append('<').append(facility.code() * 8 + severity).append('>');
        time(sb, zone.at(epochMillis));
        sb.append(' ').append(ident).append('[').append(pid).append("]: ").append(message);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code Mmm dd hh:mm:ss}, the day space-padded: written here rather than by a {@code DateTimeFormatter}, whose month
     * names come from the JDK's locale data (loading it was most of the first syslog line's cost at every start).
     */
    private static void time(StringBuilder sb, LocalDateTime t) {
        int day = t.getDayOfMonth();
        sb.append(MONTHS[t.getMonthValue() - 1]).append(' ').append(day < 10 ? ' ' : (char) ('0' + day / 10))
                .append((char) ('0' + day % 10)).append(' ');
        LocalTimeZone.appendClock(sb, t);
    }
}
