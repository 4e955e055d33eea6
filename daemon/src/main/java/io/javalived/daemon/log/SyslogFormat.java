package io.javalived.daemon.log;

import ch.qos.logback.classic.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One syslog message as glibc's syslog(3) sends it to {@code /dev/log} (RFC 3164 style):
 * {@code <PRI>Mmm dd hh:mm:ss IDENT[PID]: MESSAGE}, PRI = facility * 8 + severity, the time in local time with the
 * day of the month space-padded ({@code %h %e %T}), no trailing newline.
 */
public final class SyslogFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

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

    public static byte[] datagram(SyslogFacility facility, int severity, Instant time, ZoneId zone, String ident,
                                  long pid, String message) {
        String text = "<" + (facility.code() * 8 + severity) + ">" + TIME.format(time.atZone(zone)) + " "
                + ident + "[" + pid + "]: " + message;
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
