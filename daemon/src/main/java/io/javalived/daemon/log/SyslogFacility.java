package io.javalived.daemon.log;

import java.util.Locale;
import java.util.Optional;

/**
 * keepalived's {@code -S/--log-facility}: {@code 0}..{@code 7} or {@code local0}..{@code local7} (LOG_LOCAL0..7),
 * {@code user} or {@code daemon}; LOG_DAEMON when not given. The code is syslog's facility number (PRI = code * 8 +
 * severity).
 */
public record SyslogFacility(String name, int code) {
    public static final SyslogFacility DAEMON = new SyslogFacility("daemon", 3);
    public static final SyslogFacility USER = new SyslogFacility("user", 1);
    private static final int LOCAL0 = 16;

    /** The facility {@code -S VALUE} names, or empty when it names none (keepalived then keeps LOG_DAEMON). */
    public static Optional<SyslogFacility> parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("local")) {
            v = v.substring(5);
        } else if (v.equals("daemon")) {
            return Optional.of(DAEMON);
        } else if (v.equals("user")) {
            return Optional.of(USER);
        }
        if (v.length() == 1 && v.charAt(0) >= '0' && v.charAt(0) <= '7') {
            int n = v.charAt(0) - '0';
            return Optional.of(new SyslogFacility("local" + n, LOCAL0 + n));
        }
        return Optional.empty();
    }
}
