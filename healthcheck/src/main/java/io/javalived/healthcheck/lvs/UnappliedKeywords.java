package io.javalived.healthcheck.lvs;

import io.javalived.parser.model.Checker;
import io.javalived.parser.model.GlobalDefs;
import io.javalived.parser.model.HttpGet;
import io.javalived.parser.model.HttpUrl;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.MiscCheck;
import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.RealServer;
import io.javalived.parser.model.ScheduledChecker;
import io.javalived.parser.model.SourceLocation;
import io.javalived.parser.model.SslGet;
import io.javalived.parser.model.VirtualServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The LVS and checker keywords the parser keeps but the checker subsystem does not apply, each turned into one
 * warning naming its file:line: the keyword's own line in global_defs and at the top level, the line of the block
 * that holds it inside virtual_server, real_server and checker blocks. Found by comparing what the parser model
 * holds with what the planner, the reconciler and the daemon read; keywords whose absence of effect is what
 * keepalived would do too (no_checker_emails: javalived sends no mail at all) are not reported. VRRP keywords
 * belong to the VRRP subsystem and are not reported here.
 */
final class UnappliedKeywords {

    private UnappliedKeywords() {
    }

    private static final String PROCESS = "the checkers run in javalived's own process (no checker process of their own); ignored";
    private static final String SNMP = "javalived has no SNMP agent (its figures are on /metrics and /status); ignored";
    private static final String FIFO = "notify FIFOs are not supported: no real server, virtual server or quorum event is "
            + "written to one (notify_up/notify_down and quorum_up/quorum_down scripts run); ignored";

    /** Recognised global_defs keywords kept raw that concern the checkers or IPVS, with what to tell the user. */
    static final Map<String, String> GLOBAL_RAW = globalRaw();

    private static Map<String, String> globalRaw() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : List.of("checker_process_name", "lvs_process_name", "checker_priority", "checker_nice",
                "checker_no_swap", "checker_rt_priority", "checker_cpu_affinity", "checker_rlimit_rttime",
                "checker_rlimit_rtime")) {
            m.put(k, PROCESS);
        }
        m.put("checker_log_all_failures", "javalived logs a checker's failures while it retries and when it goes down, "
                + "not every failure after that; ignored");
        for (String k : List.of("lvs_netlink_cmd_rcv_bufs", "lvs_netlink_cmd_rcv_bufs_force", "lvs_netlink_monitor_rcv_bufs",
                "lvs_netlink_monitor_rcv_bufs_force")) {
            m.put(k, "netlink receive buffer sizes are not configurable in javalived; ignored");
        }
        m.put("rs_init_notifies", "not supported: notify_up/notify_down run on changes only, not for the initial state; ignored");
        m.put("lvs_notify_fifo_script", FIFO);
        m.put("notify_fifo_script", FIFO);
        m.put("enable_snmp_checker", SNMP);
        m.put("snmp_vs_stats_update_interval", SNMP);
        m.put("snmp_rs_stats_update_interval", SNMP);
        for (String k : List.of("nftables_ipvs", "nftables_ipvs_priority", "nftables_ipvs_start_fwmark")) {
            m.put(k, "nftables for IPVS is not supported: each address of a virtual_server_group becomes an IPVS "
                    + "service of its own; ignored");
        }
        m.put("net_namespace", "not supported: the checkers use the IPVS table of javalived's own network namespace; ignored");
        m.put("net_namespace_ipvs", "not supported: the checkers use the IPVS table of javalived's own network namespace; ignored");
        return Map.copyOf(m);
    }

    /** global_defs and top-level keywords and blocks. */
    static List<String> global(KeepalivedConfig config) {
        List<String> out = new ArrayList<>();
        GlobalDefs g = config.globalDefs();
        if (g.smtpServer().isPresent()) {
            out.add(at(g, g.lineOf("smtp_server")) + ": smtp_server: javalived sends no SMTP alerts for real servers, "
                    + "virtual servers or quorum changes (smtp_alert, smtp_alert_checker); those events are only logged");
        }
        if (g.notifyFifo().isPresent()) {
            out.add(at(g, g.lineOf("notify_fifo")) + ": notify_fifo: " + FIFO);
        }
        if (g.lvsNotifyFifo().isPresent()) {
            out.add(at(g, g.lineOf("lvs_notify_fifo")) + ": lvs_notify_fifo: " + FIFO);
        }
        if (hasCheckerScripts(config)) {
            if (g.scriptUser().isPresent()) {
                out.add(at(g, g.lineOf("script_user")) + ": script_user: MISC_CHECK, notify_up/notify_down and "
                        + "quorum_up/quorum_down scripts run as javalived's own user; ignored for them");
            }
            if (g.enableScriptSecurity()) {
                out.add(at(g, g.lineOf("enable_script_security")) + ": enable_script_security: the checkers' scripts are "
                        + "run without keepalived's script security checks; ignored for them");
            }
        }
        for (RawValue r : g.other()) {
            String why = GLOBAL_RAW.get(r.keyword());
            if (why != null) {
                out.add(r.location() + ": " + r.keyword() + ": " + why);
            }
        }
        for (RawValue r : config.otherKeywords()) {
            if (r.keyword().equals("net_namespace") || r.keyword().equals("net_namespace_ipvs")) {
                out.add(r.location() + ": " + r.keyword() + ": not supported: the checkers use the IPVS table of "
                        + "javalived's own network namespace; ignored");
            }
        }
        config.otherBlocks().stream().filter(b -> b.keyword().equals("SSL")).forEach(b -> out.add(b.location()
                + ": SSL { password ca certificate key }: SSL_GET presents no client certificate and does not verify the "
                + "server's; the block is ignored"));
        return out;
    }

    /** The virtual server's own keywords. */
    static List<String> virtualServer(VirtualServer vs) {
        return raw(vs.other());
    }

    /** The real server's own keywords. */
    static List<String> realServer(RealServer rs) {
        return raw(rs.other());
    }

    /** A checker's keywords the probes do not apply (the checker kinds javalived cannot run are reported by the planner). */
    static List<String> checker(Checker checker) {
        List<String> out = new ArrayList<>();
        String where = checker.location() + ": " + checker.kind();
        if (checker instanceof ScheduledChecker s && s.settings().logAllFailures()) {
            out.add(where + ": log_all_failures: javalived logs a checker's failures while it retries and when it goes "
                    + "down, not every failure after that; ignored");
        }
        switch (checker) {
            case MiscCheck m when m.user().isPresent() -> out.add(where + ": user " + m.user().get()
                    + ": javalived runs misc_path as its own user (no user switch); ignored");
            case HttpGet h when h.fastRecovery() -> out.add(where + ": fast_recovery is not supported; ignored");
            case SslGet s -> {
                if (s.fastRecovery()) {
                    out.add(where + ": fast_recovery is not supported; ignored");
                }
                if (s.tlsCompliant()) {
                    out.add(where + ": tls_compliant is not supported; ignored");
                }
            }
            default -> {
            }
        }
        return out;
    }

    /** A url block's raw keywords (its {@code regex} itself is reported by the planner). */
    static List<String> url(HttpUrl u) {
        List<String> out = new ArrayList<>();
        for (RawValue r : u.other()) {
            out.add(r.location() + ": url " + r.keyword() + (r.keyword().startsWith("regex")
                    ? " is not supported yet (url regex is not); ignored" : " is not supported; ignored"));
        }
        return out;
    }

    private static List<String> raw(List<RawValue> other) {
        List<String> out = new ArrayList<>();
        for (RawValue r : other) {
            if (r.keyword().equals("snmp_name")) {
                out.add(r.location() + ": snmp_name: " + SNMP);
            } else if (r.keyword().endsWith("lvs_method")) {
                out.add(r.location() + ": " + r.keyword() + " " + String.join(" ", r.args()) + ": tunnel options are not "
                        + "supported yet: the kernel's default IPIP tunnel is used; ignored");
            } else {
                out.add(r.location() + ": " + r.keyword() + " is not applied by javalived; ignored");
            }
        }
        return out;
    }

    private static boolean hasCheckerScripts(KeepalivedConfig config) {
        for (VirtualServer vs : config.virtualServers()) {
            if (vs.quorumUp().isPresent() || vs.quorumDown().isPresent()) {
                return true;
            }
            for (RealServer rs : vs.realServers()) {
                if (rs.notifyUp().isPresent() || rs.notifyDown().isPresent()
                        || rs.checkers().stream().anyMatch(c -> c instanceof MiscCheck)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static SourceLocation at(GlobalDefs g, Optional<SourceLocation> line) {
        return line.orElse(g.location());
    }
}
