package io.javalived.daemon.log;

import io.javalived.daemon.cli.KeepalivedOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the running daemon logs, from keepalived's flags (keepalived 2.2.7's rules, javalived never forks so
 * {@code -n} changes nothing): syslog always, unless {@code -G/--no-syslog}; the console (stdout) too with
 * {@code -l/--log-console}; {@code -S/--log-facility} the facility (LOG_DAEMON by default); {@code -D/--log-detail}
 * DEBUG instead of INFO. {@code -Djavalived.syslog.socket=PATH} (JVM option) names another socket than
 * {@code /dev/log} (tests, chroots). {@code problems} are the flags' mistakes, logged once logging is set up.
 */
public record LogTarget(boolean console, boolean syslog, SyslogFacility facility, boolean detail, Path socket,
                        List<String> problems) {
    public static final String SOCKET_PROPERTY = "javalived.syslog.socket";

    public LogTarget {
        problems = List.copyOf(problems);
    }

    public static LogTarget of(KeepalivedOptions o) {
        List<String> problems = new ArrayList<>();
        SyslogFacility facility = SyslogFacility.DAEMON;
        if (o.logFacility != null) {
            Optional<SyslogFacility> f = SyslogFacility.parse(o.logFacility);
            if (f.isPresent()) {
                facility = f.get();
            } else {
                problems.add("-S/--log-facility '" + o.logFacility + "': expected 0-7, local0-local7, user or daemon;"
                        + " logging with facility daemon");
            }
        }
        if (o.noSyslog && !o.logConsole) {
            problems.add("-G/--no-syslog without -l/--log-console: as keepalived, nothing will be logged after this line");
        }
        Path socket = Path.of(System.getProperty(SOCKET_PROPERTY, UnixSyslogTransport.DEV_LOG.toString()));
        return new LogTarget(o.logConsole, !o.noSyslog, facility, o.logDetail, socket, problems);
    }
}
