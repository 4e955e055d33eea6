package io.javalived.daemon.log;

/**
 * The syslog ident of a message, by the part of javalived that logged it, with keepalived's names for its
 * processes, so existing syslog filters and {@code journalctl -t} keep working: VRRP ({@code io.javalived.vrrp})
 * logs as {@code Keepalived_vrrp}, the checkers and IPVS ({@code io.javalived.healthcheck}, {@code io.javalived.ipvs})
 * as {@code Keepalived_healthcheckers}, everything else (start, stop, reload, status) as {@code Keepalived}, the
 * parent's ident. All carry the one javalived process's pid.
 */
public final class SyslogIdent {
    public static final String PARENT = "Keepalived";
    public static final String VRRP = "Keepalived_vrrp";
    public static final String CHECKERS = "Keepalived_healthcheckers";

    private SyslogIdent() {}

    public static String of(String loggerName) {
        if (loggerName.startsWith("io.javalived.vrrp.")) {
            return VRRP;
        }
        if (loggerName.startsWith("io.javalived.healthcheck.") || loggerName.startsWith("io.javalived.ipvs.")) {
            return CHECKERS;
        }
        return PARENT;
    }
}
