package io.javalived.parser.bind;

import io.javalived.parser.model.FileModeMask;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.model.GarpSettings;
import io.javalived.parser.model.GlobalDefs;
import io.javalived.parser.model.LvsFlushOnStop;
import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.ScriptCommand;
import io.javalived.parser.model.StartStopScript;
import io.javalived.parser.model.SourceLocation;
import io.javalived.parser.syntax.Node;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.javalived.parser.model.KeywordLocations;

/** {@code global_defs}: keyword table and defaults (reference 1.3). */
final class GlobalDefsBinder {

    static final class Builder implements KeywordTable.Places {
        String routerId;
        final List<String> notificationEmail = new ArrayList<>();
        String notificationEmailFrom;
        GlobalDefs.SmtpServer smtpServer;
        String smtpHeloName;
        Duration smtpConnectTimeout = Duration.ofSeconds(30);
        String scriptUser;
        String scriptGroup;
        boolean enableScriptSecurity;
        int vrrpVersion = 2;
        InetAddress mcast4;
        InetAddress mcast6;
        Duration garpMasterDelay = Duration.ofSeconds(5);
        int garpMasterRepeat = 5;
        Duration garpMasterRefresh = Duration.ZERO;
        int garpMasterRefreshRepeat = 1;
        Duration garpLowerPrioDelay;
        Integer garpLowerPrioRepeat;
        Duration garpInterval = Duration.ZERO;
        Duration gnaInterval = Duration.ZERO;
        boolean minGarp;
        int downTimerAdverts = 3;
        boolean lowerPrioNoAdvert;
        boolean higherPrioSendAdvert;
        boolean checkUnicastSrc;
        boolean skipCheckAdvAddr;
        boolean strict;
        boolean v3ChecksumAsV2;
        Duration startupDelay = Duration.ZERO;
        boolean logUnknownVrids;
        String vmacPrefix = "vrrp";
        String defaultInterface = "eth0";
        boolean dynamicInterfaces;
        GlobalDefs.LvsTimeouts lvsTimeouts;
        boolean lvsFlush;
        LvsFlushOnStop lvsFlushOnStop = LvsFlushOnStop.DISABLED;
        RawValue lvsSyncDaemon;
        String notifyFifo;
        String vrrpNotifyFifo;
        String lvsNotifyFifo;
        int maxAutoPriority;
        ScriptCommand startupScript;
        SourceLocation startupScriptAt;
        Duration startupScriptTimeout;
        ScriptCommand shutdownScript;
        SourceLocation shutdownScriptAt;
        Duration shutdownScriptTimeout;
        Boolean smtpAlert;
        Boolean smtpAlertVrrp;
        Boolean smtpAlertChecker;
        final List<RawValue> other = new ArrayList<>();
        SourceLocation location;
        final Map<String, SourceLocation> places = new java.util.LinkedHashMap<>();

        @Override
        public Map<String, SourceLocation> places() {
            return places;
        }

        GlobalDefs build(String hostName) {
            GarpSettings garp = new GarpSettings(garpMasterDelay, garpMasterRepeat, garpMasterRefresh,
                    garpMasterRefreshRepeat, garpLowerPrioDelay != null ? garpLowerPrioDelay : garpMasterDelay,
                    garpLowerPrioRepeat != null ? garpLowerPrioRepeat : garpMasterRepeat, garpInterval, gnaInterval);
            return new GlobalDefs(routerId != null ? routerId : hostName, notificationEmail,
                    notificationEmailFrom != null ? notificationEmailFrom : "keepalived@" + hostName,
                    Optional.ofNullable(smtpServer), smtpHeloName != null ? smtpHeloName : hostName, smtpConnectTimeout,
                    Optional.ofNullable(scriptUser), Optional.ofNullable(scriptGroup), enableScriptSecurity, vrrpVersion,
                    mcast4 != null ? mcast4 : AddressParser.parse("224.0.0.18").orElseThrow(),
                    mcast6 != null ? mcast6 : AddressParser.parse("ff02::12").orElseThrow(),
                    garp, minGarp, downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert, checkUnicastSrc,
                    skipCheckAdvAddr, strict, v3ChecksumAsV2, startupDelay, logUnknownVrids, vmacPrefix,
                    defaultInterface, dynamicInterfaces, Optional.ofNullable(lvsTimeouts), lvsFlush, lvsFlushOnStop,
                    Optional.ofNullable(lvsSyncDaemon), Optional.ofNullable(notifyFifo),
                    Optional.ofNullable(vrrpNotifyFifo), Optional.ofNullable(lvsNotifyFifo), maxAutoPriority, other,
                    location != null ? location : SourceLocation.of("", 0),
                    KeywordLocations.of(places), startStop(startupScript, startupScriptTimeout, startupScriptAt),
                    startStop(shutdownScript, shutdownScriptTimeout, shutdownScriptAt));
        }

        private static Optional<StartStopScript> startStop(ScriptCommand c, Duration timeout, SourceLocation at) {
            return c == null ? Optional.empty()
                    : Optional.of(new StartStopScript(c, timeout != null ? timeout : StartStopScript.DEFAULT_TIMEOUT, at));
        }

        /** smtp_alert for virtual and real servers that do not set it: smtp_alert_checker, else smtp_alert, else none. */
        Boolean checkerSmtpAlertDefault() {
            return smtpAlertChecker != null ? smtpAlertChecker : smtpAlert;
        }

        /** smtp_alert for VRRP instances when they do not set it. */
        boolean vrrpSmtpAlertDefault() {
            return smtpAlertVrrp != null ? smtpAlertVrrp : smtpAlert != null && smtpAlert;
        }
    }

    private final BindContext ctx;
    private final KeywordTable<Builder> table = new KeywordTable<>("global_defs");

    /** startup_script / shutdown_script: keepalived refuses a second one ("startup script already specified"). */
    private void startStopScript(Node n, String type, boolean already, java.util.function.Consumer<ScriptCommand> set) {
        if (already) {
            ctx.diagnostics().error(n.location(), DiagnosticCode.DUPLICATE, type + " script already specified");
            return;
        }
        ctx.script(n).ifPresent(set);
    }

    GlobalDefsBinder(BindContext ctx) {
        this.ctx = ctx;
        table.value("router_id", (b, n) -> ctx.string(n).ifPresent(v -> b.routerId = v))
                .block("notification_email", (b, n) -> n.children().forEach(c -> b.notificationEmail.addAll(c.words())))
                .value("notification_email_from", (b, n) -> ctx.string(n).ifPresent(v -> b.notificationEmailFrom = v))
                .value("smtp_server", this::smtpServer)
                .value("smtp_helo_name", (b, n) -> ctx.string(n).ifPresent(v -> b.smtpHeloName = v))
                .value("smtp_connect_timeout", (b, n) -> ctx.timer(n, 0, 0, 1e9).ifPresent(v -> b.smtpConnectTimeout = v))
                .value("startup_script", (b, n) -> startStopScript(n, "startup", b.startupScript != null, c -> {
                    b.startupScript = c;
                    b.startupScriptAt = n.location();
                }))
                .value("shutdown_script", (b, n) -> startStopScript(n, "shutdown", b.shutdownScript != null, c -> {
                    b.shutdownScript = c;
                    b.shutdownScriptAt = n.location();
                }))
                .value("startup_script_timeout", (b, n) -> ctx.integer(n, 0, 1, 1000)
                        .ifPresent(v -> b.startupScriptTimeout = Duration.ofSeconds(v)))
                .value("shutdown_script_timeout", (b, n) -> ctx.integer(n, 0, 1, 1000)
                        .ifPresent(v -> b.shutdownScriptTimeout = Duration.ofSeconds(v)))
                .value("smtp_alert", (b, n) -> b.smtpAlert = ctx.bool(n, 0))
                .value("smtp_alert_vrrp", (b, n) -> b.smtpAlertVrrp = ctx.bool(n, 0))
                .value("smtp_alert_checker", (b, n) -> b.smtpAlertChecker = ctx.bool(n, 0))
                .value("script_user", (b, n) -> ctx.string(n).ifPresent(v -> {
                    b.scriptUser = v;
                    b.scriptGroup = n.argCount() > 1 ? stripColon(n.arg(1)) : null;
                }))
                .value("enable_script_security", (b, n) -> b.enableScriptSecurity = ctx.bool(n, 0))
                .value("vrrp_version", (b, n) -> ctx.integer(n, 0, 2, 3).ifPresent(v -> b.vrrpVersion = (int) v))
                .value("vrrp_mcast_group4", (b, n) -> ctx.address(n, 0, "vrrp_mcast_group4 address").ifPresent(v -> b.mcast4 = v))
                .value("vrrp_mcast_group6", (b, n) -> ctx.address(n, 0, "vrrp_mcast_group6 address").ifPresent(v -> b.mcast6 = v))
                .value("vrrp_garp_master_delay", (b, n) -> ctx.timer(n, 0, 0, 86400).ifPresent(v -> b.garpMasterDelay = v))
                .value("vrrp_garp_master_repeat", (b, n) -> ctx.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> b.garpMasterRepeat = (int) v))
                .value("vrrp_garp_master_refresh", (b, n) -> ctx.timer(n, 0, 0, 86400).ifPresent(v -> b.garpMasterRefresh = v))
                .value("vrrp_garp_master_refresh_repeat", (b, n) -> ctx.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> b.garpMasterRefreshRepeat = (int) v))
                .value("vrrp_garp_lower_prio_delay", (b, n) -> ctx.timer(n, 0, 0, 86400).ifPresent(v -> b.garpLowerPrioDelay = v))
                .value("vrrp_garp_lower_prio_repeat", (b, n) -> ctx.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> b.garpLowerPrioRepeat = (int) v))
                .value("vrrp_garp_interval", (b, n) -> ctx.timer(n, 0, 0, 1).ifPresent(v -> b.garpInterval = v))
                .value("vrrp_gna_interval", (b, n) -> ctx.timer(n, 0, 0, 1).ifPresent(v -> b.gnaInterval = v))
                .value("vrrp_min_garp", (b, n) -> b.minGarp = ctx.bool(n, 0))
                .value("vrrp_down_timer_adverts", (b, n) -> ctx.integer(n, 0, 1, 100).ifPresent(v -> b.downTimerAdverts = (int) v))
                .value("vrrp_lower_prio_no_advert", (b, n) -> b.lowerPrioNoAdvert = ctx.bool(n, 0))
                .value("vrrp_higher_prio_send_advert", (b, n) -> b.higherPrioSendAdvert = ctx.bool(n, 0))
                .value("vrrp_check_unicast_src", (b, n) -> b.checkUnicastSrc = ctx.bool(n, 0))
                .value("vrrp_skip_check_adv_addr", (b, n) -> b.skipCheckAdvAddr = ctx.bool(n, 0))
                .value("vrrp_strict", (b, n) -> b.strict = ctx.bool(n, 0))
                .value("v3_checksum_as_v2", (b, n) -> b.v3ChecksumAsV2 = ctx.bool(n, 0))
                .value("vrrp_startup_delay", (b, n) -> ctx.timer(n, 0, 0, 3600).ifPresent(v -> b.startupDelay = v))
                .value("log_unknown_vrids", (b, n) -> b.logUnknownVrids = ctx.bool(n, 0))
                .value("vmac_prefix", (b, n) -> ctx.string(n).ifPresent(v -> b.vmacPrefix = v))
                .value("default_interface", (b, n) -> ctx.string(n).ifPresent(v -> b.defaultInterface = v))
                .value("dynamic_interfaces", (b, n) -> {
                    b.dynamicInterfaces = true;
                    b.other.add(BindContext.raw(n));
                })
                .value("lvs_timeouts", this::lvsTimeouts)
                .value("lvs_flush", (b, n) -> b.lvsFlush = ctx.bool(n, 0))
                .value("lvs_flush_on_stop", this::lvsFlushOnStop)
                .alias("lvs_flush_onstop", "lvs_flush_on_stop", true)
                .value("lvs_sync_daemon", (b, n) -> {
                    if (ctx.needArgs(n, 1)) {
                        b.lvsSyncDaemon = BindContext.raw(n);
                    }
                })
                .value("notify_fifo", (b, n) -> ctx.string(n).ifPresent(v -> b.notifyFifo = v))
                .value("vrrp_notify_fifo", (b, n) -> ctx.string(n).ifPresent(v -> b.vrrpNotifyFifo = v))
                .value("lvs_notify_fifo", (b, n) -> ctx.string(n).ifPresent(v -> b.lvsNotifyFifo = v))
                .value("max_auto_priority", (b, n) -> {
                    if (n.argCount() == 0) {
                        b.maxAutoPriority = 99;
                    } else {
                        ctx.integer(n, 0, -1, 99).ifPresent(v -> b.maxAutoPriority = (int) v);
                    }
                })
                // kept raw (microseconds) once valid: keepalived ignores a value outside [1, 10000000]
                // kept raw once valid (keepalived's messages and rules: FileModeMask)
                .either("umask", (b, n) -> FileModeMask.parseKeyword(n.words().subList(1, n.words().size()),
                                m -> ctx.diagnostics().error(n.location(), DiagnosticCode.INVALID_VALUE, m))
                        .ifPresent(v -> b.other.addAll(BindContext.rawLines(n))))
                .value("min_auto_priority_delay", (b, n) -> ctx.integer(n, 0, 1, 10_000_000)
                        .ifPresent(v -> b.other.addAll(BindContext.rawLines(n))));
        Tables.raw(table, b -> b.other,
                "no_email_faults", "no_checker_emails", "checker_log_all_failures",
                "process_names", "process_name", "vrrp_process_name", "checker_process_name", "bfd_process_name",
                "vrrp_priority", "checker_priority", "bfd_priority", "vrrp_no_swap", "checker_no_swap", "bfd_no_swap",
                "vrrp_rt_priority", "checker_rt_priority", "bfd_rt_priority", "vrrp_cpu_affinity",
                "checker_cpu_affinity", "bfd_cpu_affinity", "vrrp_rlimit_rttime", "checker_rlimit_rttime",
                "bfd_rlimit_rttime",
                "use_symlink_paths", "set_supplementary_groups",
                "vrrp_garp_extra_if", "vrrp_owner_ignore_adverts", "vrrp_delay_after_boot", "vmac_addr_prefix",
                "vrrp_notify_priority_changes", "disable_local_igmp", "vrrp_rx_bufs_policy", "vrrp_rx_bufs_multiplier",
                "vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_cmd_rcv_bufs_force", "vrrp_netlink_monitor_rcv_bufs",
                "vrrp_netlink_monitor_rcv_bufs_force", "vrrp_iptables", "vrrp_ipsets", "nftables", "nftables_priority",
                "nftables_ifindex", "nftables_counters", "nftables_ipvs", "nftables_ipvs_priority",
                "nftables_ipvs_start_fwmark", "lvs_netlink_cmd_rcv_bufs", "lvs_netlink_cmd_rcv_bufs_force",
                "lvs_netlink_monitor_rcv_bufs", "lvs_netlink_monitor_rcv_bufs_force", "rs_init_notifies",
                "notify_fifo_script", "vrrp_notify_fifo_script", "lvs_notify_fifo_script",
                "fifo_write_vrrp_states_on_reload", "snmp_socket", "enable_traps", "enable_snmp_vrrp",
                "enable_snmp_checker", "enable_snmp_rfc", "enable_snmp_rfcv2", "enable_snmp_rfcv3",
                "snmp_vs_stats_update_interval", "snmp_rs_stats_update_interval", "enable_dbus", "dbus_service_name",
                "dbus_no_interface_name", "enable_dbus_create_instance", "include_check", "reload_check_config",
                "reload_time_file", "reload_repeat", "reload_file", "config_save_dir", "tmp_config_directory",
                "random_seed", "instance", "data_use_instance", "json_version", "state_dump_file", "stats_dump_file",
                "json_dump_file", "state_dump_file_location", "stats_dump_file_location", "json_dump_file_location",
                "iproute_usr_dir", "iproute_etc_dir", "process_monitor_rcv_bufs", "process_monitor_rcv_bufs_force",
                "vrrp_garp_lower_prio_no_advert", "vrrp_version_3_checksum", "vrrp_v3_checksum_as_v2",
                "linkbeat_use_polling", "net_namespace", "net_namespace_ipvs", "namespace_with_ipsets",
                "use_pid_dir", "child_wait_time", "vrrp_startup_delay_ms", "vrrp_gna_interval_ms",
                "vrrp_check_unicast_src_ip", "bfd_nice", "checker_nice", "vrrp_nice");
        Tables.rawDeprecated(table, b -> b.other, "lvs_process_name", "checker_process_name");
        Tables.rawDeprecated(table, b -> b.other, "vrrp_rlimit_rtime", "vrrp_rlimit_rttime");
        Tables.rawDeprecated(table, b -> b.other, "checker_rlimit_rtime", "checker_rlimit_rttime");
        Tables.rawDeprecated(table, b -> b.other, "bfd_rlimit_rtime", "bfd_rlimit_rttime");
        Tables.rawDeprecated(table, b -> b.other, "vrrp_vmac_garp_intvl", "vrrp_garp_extra_if");
        Tables.rawDeprecated(table, b -> b.other, "enable_snmp_keepalived", "enable_snmp_vrrp");
        Tables.rawDeprecated(table, b -> b.other, "lvs_sync_daemon_interface", "lvs_sync_daemon");
    }

    KeywordTable<Builder> table() {
        return table;
    }

    void bind(Node node, Builder b) {
        if (b.location == null) {
            b.location = node.location();
        }
        table.bindAll(node, b, ctx);
    }

    /** keepalived: bare = flush the whole table at stop, {@code VS} = delete only the virtual servers. */
    private void lvsFlushOnStop(Builder b, Node n) {
        if (n.argCount() == 0) {
            b.lvsFlushOnStop = LvsFlushOnStop.FULL;
        } else if (n.arg(0).equals("VS")) {
            b.lvsFlushOnStop = LvsFlushOnStop.VS;
        } else {
            ctx.diagnostics().error(n.location(), DiagnosticCode.INVALID_VALUE,
                    "Unknown " + n.keyword() + " type " + n.arg(0) + " (VS, or nothing for a full flush) - ignoring");
        }
    }

    private void smtpServer(Builder b, Node n) {
        if (!ctx.needArgs(n, 1)) {
            return;
        }
        int port = 25;
        if (n.argCount() >= 2) {
            port = (int) ctx.integer(n, 1, 1, 65535).orElse(25);
        }
        b.smtpServer = new GlobalDefs.SmtpServer(n.arg(0), port);
    }

    private void lvsTimeouts(Builder b, Node n) {
        Optional<Duration> tcp = Optional.empty();
        Optional<Duration> tcpFin = Optional.empty();
        Optional<Duration> udp = Optional.empty();
        for (int i = 0; i + 1 < n.argCount(); i += 2) {
            Optional<Duration> v = ctx.timer(n, i + 1, 0, 86400 * 31);
            switch (n.arg(i)) {
                case "tcp" -> tcp = v;
                case "tcpfin" -> tcpFin = v;
                case "udp" -> udp = v;
                default -> ctx.diagnostics().error(n.location(), DiagnosticCode.INVALID_VALUE,
                        "lvs_timeouts: unknown protocol '" + n.arg(i) + "' (tcp, tcpfin or udp) - ignoring");
            }
        }
        if (n.argCount() % 2 != 0) {
            ctx.diagnostics().error(n.location(), DiagnosticCode.MISSING_PARAMETER,
                    "lvs_timeouts: '" + n.arg(n.argCount() - 1) + "' has no value - ignoring it");
        }
        b.lvsTimeouts = new GlobalDefs.LvsTimeouts(tcp, tcpFin, udp);
    }

    private static String stripColon(String group) {
        return group.startsWith(":") ? group.substring(1) : group;
    }
}
