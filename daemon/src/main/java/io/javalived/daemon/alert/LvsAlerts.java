package io.javalived.daemon.alert;

import io.javalived.healthcheck.lvs.HealthEvents;
import io.javalived.healthcheck.lvs.LvsPlanner;
import io.javalived.healthcheck.lvs.RealServerPlan;
import io.javalived.healthcheck.lvs.VirtualServerPlan;
import io.javalived.healthcheck.probe.CheckResult;
import io.javalived.healthcheck.schedule.CheckSpec;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.RealServer;
import io.javalived.parser.model.VirtualServer;
import io.javalived.parser.model.VirtualServerAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * keepalived 2.2.7's checker alert mails (check/check_*.c, check/ipwrapper.c), from the reconciler's events:
 * <ul>
 * <li>a checker of a real server with {@code smtp_alert} changes its view, and the real server's alive state changed
 * with it or global {@code no_checker_emails} is not set: {@code [router_id] Realserver [1.2.3.4]:tcp:80 of virtual
 * server [10.0.0.3]:tcp:80 - UP|DOWN} (the real server's state), with the checker's own body ("=> TCP CHECK failed on
 * service <=");</li>
 * <li>a virtual server with {@code smtp_alert} gains or loses its quorum: {@code Virtualserver [..] - UP|DOWN},
 * "=> Gained quorum 1+0=1 <= 1 <=" (keepalived's words, its "+" and "<=" also for a loss);</li>
 * <li>at stop with omega: each alive real server "=> Shutting down <=" and the virtual server's quorum likewise.</li>
 * </ul>
 * Runs on the reconciler's thread: it only queues.
 */
public final class LvsAlerts implements HealthEvents {
    private final SmtpAlerter alerter;
    private volatile Flags flags;

    /** Per virtual server (by the plans' name): its smtp_alert, keepalived's name for it, and its real servers'. */
    private record Flags(Map<String, Vs> byName, boolean noCheckerEmails) {}

    private record Vs(boolean smtpAlert, String keepalivedName, Map<String, Boolean> realServers) {}

    public LvsAlerts(SmtpAlerter alerter, KeepalivedConfig config) {
        this.alerter = alerter;
        reconfigure(config);
    }

    /** A reload's configuration: its virtual and real servers' smtp_alert from now on. */
    public void reconfigure(KeepalivedConfig config) {
        Map<String, Vs> byName = new HashMap<>();
        for (VirtualServer vs : config.virtualServers()) {
            Map<String, Boolean> rss = new HashMap<>();
            for (RealServer rs : vs.realServers()) {
                rss.put(LvsPlanner.realServerName(vs, rs), rs.smtpAlert());
            }
            byName.put(LvsPlanner.virtualServerName(vs), new Vs(vs.smtpAlert(), keepalivedName(vs), rss));
        }
        flags = new Flags(Map.copyOf(byName), VrrpAlerts.globalFlag(config, "no_checker_emails"));
    }

    /** keepalived's FMT_VS: {@code [10.0.0.3]:tcp:80}, {@code FWM 1}, {@code [GROUP]:0}. */
    private static String keepalivedName(VirtualServer vs) {
        return switch (vs.address()) {
            case VirtualServerAddress.Group g -> "[" + g.name() + "]:0";
            default -> LvsPlanner.virtualServerName(vs);
        };
    }

    @Override
    public void checkerChanged(VirtualServerPlan vs, RealServerPlan rs, CheckSpec check, boolean up, CheckResult result,
                               boolean wasAlive, boolean alive) {
        Flags f = flags;
        Vs v = f.byName().get(vs.name());
        if (v == null || !v.realServers().getOrDefault(rs.name(), false)) return;
        if (wasAlive == alive && f.noCheckerEmails()) return;
        alerter.alert(realServerSubject(v, rs, alive ? "UP" : "DOWN"), checkerBody(check.probe().kind(), up, result));
    }

    @Override
    public void quorumChanged(VirtualServerPlan vs, boolean up, boolean starting, long liveWeight) {
        Vs v = flags.byName().get(vs.name());
        if (v == null || !v.smtpAlert()) return;
        long threshold = vs.quorum() + (up ? vs.hysteresis() : -vs.hysteresis());
        String what = up ? (starting ? "Starting with quorum up" : "Gained quorum")
                : (starting ? "Starting with quorum down" : "Lost quorum");
        alerter.alert("Virtualserver " + v.keepalivedName() + " - " + (up ? "UP" : "DOWN"),
                "=> " + what + " " + vs.quorum() + "+" + vs.hysteresis() + "=" + threshold + " <= " + liveWeight + " <=");
    }

    @Override
    public void shuttingDown(VirtualServerPlan vs, List<RealServerPlan> aliveRealServers, boolean quorumWasUp) {
        Vs v = flags.byName().get(vs.name());
        if (v == null) return;
        for (RealServerPlan rs : aliveRealServers) {
            if (v.realServers().getOrDefault(rs.name(), false)) {
                alerter.alert(realServerSubject(v, rs, "DOWN"), "=> Shutting down <=");
            }
        }
        if (v.smtpAlert() && quorumWasUp) {
            alerter.alert("Virtualserver " + v.keepalivedName() + " - DOWN", "=> Shutting down <=");
        }
    }

    private static String realServerSubject(Vs v, RealServerPlan rs, String state) {
        return "Realserver " + rs.name() + " of virtual server " + v.keepalivedName() + " - " + state;
    }

    /** Each checker's own words (keepalived 2.2.7 check_tcp.c, check_http.c, check_misc.c...). */
    static String checkerBody(String kind, boolean up, CheckResult result) {
        return switch (kind) {
            case "TCP_CHECK" -> up ? "=> TCP CHECK succeed on service <=" : "=> TCP CHECK failed on service <=";
            case "UDP_CHECK" -> up ? "=> UDP CHECK succeed on service <=" : "=> UDP CHECK failed on service <=";
            case "PING_CHECK" -> up ? "=> ICMP CHECK succeed on service <=" : "=> ICMP CHECK failed on service <=";
            case "DNS_CHECK" -> up ? "=> DNS_CHECK: succeed on service <=" : "=> DNS_CHECK: failed on service <=";
            case "HTTP_GET", "SSL_GET" -> up ? "=> CHECK succeed on service <="
                    : "=> CHECK failed on service : HTTP request failed <=";
            case "SMTP_CHECK" -> up ? "=> CHECK succeed on service <=" : result instanceof CheckResult.Down d
                    ? "=> CHECK failed on service : " + d.failure().describe() + " <=" : "=> CHECK failed on service <=";
            case "MISC_CHECK" -> "=> MISC CHECK " + (up ? "succeeded" : timedOut(result) ? "timed out" : "failed")
                    + " on service <=";
            default -> up ? "=> CHECK succeed on service <=" : "=> CHECK failed on service <=";
        };
    }

    private static boolean timedOut(CheckResult result) {
        return result instanceof CheckResult.Down d && d.failure() instanceof io.javalived.healthcheck.probe.Failure.Timeout;
    }
}
