package io.javalived.daemon.config;

import io.javalived.parser.diag.Diagnostic;
import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.diag.Severity;
import io.javalived.parser.model.BfdCheck;
import io.javalived.parser.model.Checker;
import io.javalived.parser.model.FileCheck;
import io.javalived.parser.model.HttpGet;
import io.javalived.parser.model.HttpUrl;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.KeywordLocations;
import io.javalived.parser.model.MiscCheck;
import io.javalived.parser.model.NotifyScripts;
import io.javalived.parser.model.RawBlock;
import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.RealServer;
import io.javalived.parser.model.ScheduledChecker;
import io.javalived.parser.model.ScriptCommand;
import io.javalived.parser.model.SourceLocation;
import io.javalived.parser.model.SslGet;
import io.javalived.parser.model.VirtualIpAddress;
import io.javalived.parser.model.VirtualServer;
import io.javalived.parser.model.VrrpInstance;
import io.javalived.parser.model.VrrpScript;
import io.javalived.parser.model.VrrpSyncGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.javalived.parser.model.GlobalDefs;

/**
 * The one list of what javalived parses but does not apply: every keyword keepalived 2.2.7 acts on and javalived
 * does not, with what happens instead. {@code -t}, {@code config}, the daemon at start and at reload all report
 * it through {@link ConfigLoader}, as WARNING KA400 (not applied yet) or INFO KA401 (left out on purpose: SNMP,
 * D-Bus, keepalived's child processes and their tuning), each at the keyword's file:line.
 *
 * <p>One {@link Entry} per keyword and scope: applying a keyword means deleting its entry (and the test that
 * pins it). Keywords the parser keeps raw ({@code other} lists) that have no entry here and are not in
 * {@link #APPLIED_RAW} are still reported (KA400, "ignored"): nothing the file asks for is dropped without a word.
 */
public final class NotApplied {
    private NotApplied() {}

    /** KA400: javalived does not apply it (yet); KA401: left out of javalived on purpose. */
    public enum Kind { NOT_YET, LEFT_OUT }

    /** When a keyword matters: always, only with vrrp_instances, only with virtual_servers, only with scripts. */
    enum When { ALWAYS, VRRP, LVS, SCRIPTS }

    /** Where the parser keeps the raw keywords of a block. */
    enum Scope { ROOT, ROOT_BLOCK, GLOBAL_DEFS, VRRP_INSTANCE, VRRP_SYNC_GROUP, VIRTUAL_SERVER, REAL_SERVER, URL }

    /**
     * One place a keyword was found: its line, the block it is in ("vrrp_instance VI_1"), what was written, and
     * what happens instead when it depends on the block (else the entry's text).
     */
    record Hit(SourceLocation at, String block, String written, Optional<String> instead) {
        Hit(SourceLocation at, String block, String written) {
            this(at, block, written, Optional.empty());
        }
    }

    /** A keyword not applied: where to find it and what javalived does instead. */
    record Entry(String keyword, Kind kind, When when, String instead, Optional<Scope> rawScope,
                 Function<KeepalivedConfig, Stream<Hit>> finder) {}

    /** A raw keyword found in its block. */
    record Raw(Scope scope, String block, RawValue value) {}

    /**
     * Raw keywords javalived does act on (read from the parser's {@code other} lists), or whose whole effect
     * javalived has anyway: no entry, no report.
     */
    static final Set<String> APPLIED_RAW = Set.of(
            "vrrp_notify_priority_changes", "vrrp_owner_ignore_adverts", // VrrpConfigMapper
            "min_auto_priority_delay", // AutoPrioritySettings
            "umask", // FileCreationMask
            "net_namespace", // NetNamespace: the daemon enters it before it opens a socket
            "vmac_xmit_base", "use_vmac_addr", "vmac_addr_prefix", // VmacPlanner
            "nftables", "nftables_priority", "nftables_counters", // VrrpConfigMapper.firewallSettings
            "state_dump_file", "stats_dump_file", "json_dump_file", "json_version", // DumpPaths
            // vrrp's TrackFiles and TrackProcesses: the blocks and the instances' and sync groups' lists
            "track_file", "vrrp_track_file", "vrrp_track_process", "track_process",
            // javalived checks every new file before it reloads and never applies one it cannot run
            "reload_check_config",
            // healthcheck's LvsPlanner (url regex, java.util.regex; regex_stack sizes nothing in Java)
            "regex_options", "regex_stack", "regex_min_offset", "regex_max_offset",
            // healthcheck's LvsPlanner: the global SSL block (SslBlockLoader) and a url's tls_compliant
            "SSL", "tls_compliant",
            // daemon.alert.VrrpAlerts / LvsAlerts
            "no_email_faults", "no_checker_emails",
            // LvsPlanner: Reconciler.Options.rsInitNotifies
            "rs_init_notifies",
            // vrrp_instance's deprecated form of lvs_sync_daemon (SyncDaemonSetup); global_defs' has its own entry
            "lvs_sync_daemon_interface");

    private static final String PROCESS = "javalived is one process: keepalived's VRRP and checker child processes, "
            + "their names and scheduling settings do not exist (set javalived's with systemd or chrt/taskset)";
    private static final String SNMP = "javalived has no SNMP agent; its figures are on /metrics and /status";
    private static final String DBUS = "javalived has no D-Bus service; its state is on /status, reload is SIGHUP or "
            + "'javalived reload'";
    private static final String BUFFERS = "javalived sizes its own netlink and socket receive buffers";
    private static final String FIFO_SCRIPT = "the FIFO's reader script is not started; start the reader yourself";
    private static final String FIREWALL = "no ipsets are made (javalived's firewall is its nftables table)";

    /** Every entry; applying a keyword means deleting its line. */
    static final List<Entry> ENTRIES = entries();

    private static List<Entry> entries() {
        List<Entry> e = new ArrayList<>();
        // --- root level and top-level blocks
        for (Scope s : List.of(Scope.ROOT, Scope.GLOBAL_DEFS)) {
            e.add(raw(s, "net_namespace_ipvs", Kind.NOT_YET, When.LVS, "the IPVS table of javalived's own namespace is used"));
            e.add(raw(s, "namespace_with_ipsets", Kind.NOT_YET, When.ALWAYS, "ignored (javalived makes no ipsets)"));
            e.add(raw(s, "use_pid_dir", Kind.NOT_YET, When.ALWAYS, "pid files are where -p, -r and -c put them"));
            e.add(raw(s, "instance", Kind.NOT_YET, When.ALWAYS, "pid file names do not carry the instance name"));
            e.add(raw(s, "child_wait_time", Kind.LEFT_OUT, When.ALWAYS, PROCESS));
            e.add(raw(s, "linkbeat_use_polling", Kind.LEFT_OUT, When.VRRP,
                    "javalived follows interfaces through rtnetlink link events only"));
        }
        for (String b : List.of("garp_group", "linkbeat_interfaces", "interface_up_down_delays",
                "track_group", "bfd_instance")) {
            e.add(raw(Scope.ROOT_BLOCK, b, Kind.NOT_YET, When.ALWAYS, "the block is ignored"));
        }

        // --- global_defs: typed
        e.add(global("notify_fifo", When.LVS, g -> g.notifyFifo().isPresent(),
                "real server, virtual server and quorum events are not written to it (VRRP events are)"));
        e.add(global("lvs_notify_fifo", When.LVS, g -> g.lvsNotifyFifo().isPresent(),
                "real server, virtual server and quorum events are not written to a FIFO"));

        // --- global_defs: raw
        for (String k : List.of("process_names", "process_name", "vrrp_process_name", "checker_process_name",
                "lvs_process_name", "bfd_process_name", "vrrp_priority", "checker_priority", "bfd_priority", "vrrp_nice",
                "checker_nice", "bfd_nice", "vrrp_no_swap", "checker_no_swap", "bfd_no_swap", "vrrp_rt_priority",
                "checker_rt_priority", "bfd_rt_priority", "vrrp_cpu_affinity", "checker_cpu_affinity",
                "bfd_cpu_affinity", "vrrp_rlimit_rttime", "checker_rlimit_rttime", "bfd_rlimit_rttime",
                "vrrp_rlimit_rtime", "checker_rlimit_rtime", "bfd_rlimit_rtime")) {
            e.add(raw(Scope.GLOBAL_DEFS, k, Kind.LEFT_OUT, When.ALWAYS, PROCESS));
        }
        for (String k : List.of("snmp_socket", "enable_traps", "enable_snmp_vrrp", "enable_snmp_keepalived",
                "enable_snmp_checker", "enable_snmp_rfc", "enable_snmp_rfcv2", "enable_snmp_rfcv3",
                "snmp_vs_stats_update_interval", "snmp_rs_stats_update_interval")) {
            e.add(raw(Scope.GLOBAL_DEFS, k, Kind.LEFT_OUT, When.ALWAYS, SNMP));
        }
        for (String k : List.of("enable_dbus", "dbus_service_name", "dbus_no_interface_name", "enable_dbus_create_instance")) {
            e.add(raw(Scope.GLOBAL_DEFS, k, Kind.LEFT_OUT, When.ALWAYS, DBUS));
        }
        for (String k : List.of("vrrp_rx_bufs_policy", "vrrp_rx_bufs_multiplier", "vrrp_netlink_cmd_rcv_bufs",
                "vrrp_netlink_cmd_rcv_bufs_force", "vrrp_netlink_monitor_rcv_bufs", "vrrp_netlink_monitor_rcv_bufs_force",
                "lvs_netlink_cmd_rcv_bufs", "lvs_netlink_cmd_rcv_bufs_force", "lvs_netlink_monitor_rcv_bufs",
                "lvs_netlink_monitor_rcv_bufs_force", "process_monitor_rcv_bufs", "process_monitor_rcv_bufs_force")) {
            e.add(raw(Scope.GLOBAL_DEFS, k, Kind.LEFT_OUT, When.ALWAYS, BUFFERS));
        }
        e.add(raw(Scope.GLOBAL_DEFS, "use_symlink_paths", Kind.NOT_YET, When.SCRIPTS, "script paths are not resolved"));
        e.add(raw(Scope.GLOBAL_DEFS, "set_supplementary_groups", Kind.NOT_YET, When.SCRIPTS,
                "scripts run with javalived's own groups"));
        e.add(raw(Scope.GLOBAL_DEFS, "vrrp_garp_extra_if", Kind.NOT_YET, When.VRRP,
                "no extra gratuitous ARPs on the other interfaces"));
        e.add(raw(Scope.GLOBAL_DEFS, "vrrp_vmac_garp_intvl", Kind.NOT_YET, When.VRRP,
                "no extra gratuitous ARPs on the other interfaces"));
        e.add(raw(Scope.GLOBAL_DEFS, "vrrp_delay_after_boot", Kind.NOT_YET, When.VRRP, "VRRP starts at once"));
        e.add(raw(Scope.GLOBAL_DEFS, "dynamic_interfaces", Kind.NOT_YET, When.VRRP,
                "an instance whose interface is missing at start is not started"));
        e.add(raw(Scope.GLOBAL_DEFS, "disable_local_igmp", Kind.NOT_YET, When.VRRP, "IGMP reports are left as they are"));
        e.add(raw(Scope.GLOBAL_DEFS, "vrrp_iptables", Kind.NOT_YET, When.VRRP, "javalived drops traffic to the VIPs "
                + "with nftables (table ip keepalived, as keepalived does when iptables is nf_tables based), not iptables"));
        e.add(raw(Scope.GLOBAL_DEFS, "vrrp_ipsets", Kind.NOT_YET, When.VRRP, FIREWALL));
        e.add(raw(Scope.GLOBAL_DEFS, "nftables_ifindex", Kind.NOT_YET, When.VRRP,
                "javalived's nftables table is IPv4 only (no ip6 table, so no link-local VIP set)"));
        for (String k : List.of("nftables_ipvs", "nftables_ipvs_priority", "nftables_ipvs_start_fwmark")) {
            e.add(raw(Scope.GLOBAL_DEFS, k, Kind.NOT_YET, When.LVS,
                    "each address of a virtual_server_group becomes an IPVS service of its own"));
        }
        e.add(raw(Scope.GLOBAL_DEFS, "checker_log_all_failures", Kind.NOT_YET, When.LVS,
                "a checker's failures are logged while it retries and when it goes down, not every one after that"));
        for (String k : List.of("notify_fifo_script", "vrrp_notify_fifo_script", "lvs_notify_fifo_script")) {
            e.add(raw(Scope.GLOBAL_DEFS, k, Kind.NOT_YET, When.ALWAYS, FIFO_SCRIPT));
        }
        e.add(raw(Scope.GLOBAL_DEFS, "fifo_write_vrrp_states_on_reload", Kind.NOT_YET, When.VRRP,
                "the states are not written again at reload"));
        e.add(raw(Scope.GLOBAL_DEFS, "lvs_sync_daemon_interface", Kind.NOT_YET, When.ALWAYS,
                "javalived runs no IPVS connection-sync daemon"));
        for (String k : List.of("include_check", "reload_time_file", "reload_repeat", "reload_file", "config_save_dir",
                "tmp_config_directory", "random_seed", "data_use_instance", "iproute_usr_dir", "iproute_etc_dir",
                "state_dump_file_location", "stats_dump_file_location", "json_dump_file_location",
                "vrrp_garp_lower_prio_no_advert", "vrrp_version_3_checksum", "vrrp_v3_checksum_as_v2",
                "vrrp_startup_delay_ms", "vrrp_gna_interval_ms", "vrrp_check_unicast_src_ip")) {
            e.add(raw(Scope.GLOBAL_DEFS, k, Kind.NOT_YET, When.ALWAYS, "ignored"));
        }

        // --- vrrp_script, vrrp_sync_group
        for (String k : List.of("track_bfd")) {
            e.add(raw(Scope.VRRP_SYNC_GROUP, k, Kind.NOT_YET, When.ALWAYS, "the group does not follow it"));
        }

        // --- vrrp_instance: typed
        e.add(instance("promote_secondaries", VrrpInstance::promoteSecondaries,
                i -> "the interface's promote_secondaries setting is left as it is"));
        e.add(instance("notify_deleted", i -> i.notifyScripts().deleted().isPresent(),
                i -> "an instance removed by a reload runs its notify_stop"));
        e.add(new Entry("no_accept", Kind.NOT_YET, When.ALWAYS, "no firewall rule drops traffic to IPv6 VIPs "
                + "(javalived's nftables table is IPv4 only)", Optional.empty(), c -> c.vrrpInstances().stream()
                .filter(i -> !i.accept() && i.priority() != 255 && i.family() == io.javalived.parser.model.InetFamily.INET6)
                .map(i -> {
                    KeywordLocations k = i.keywordLocations();
                    String kw = k.of("no_accept").isPresent() ? "no_accept"
                            : k.of("strict_mode").isPresent() ? "strict_mode" : "vrrp_strict";
                    SourceLocation at = kw.equals("vrrp_strict")
                            ? c.globalDefs().keywordLocations().of(kw).orElse(i.location()) : at(k, kw, i.location());
                    return new Hit(at, "vrrp_instance " + i.name(), kw + " (no_accept)");
                })));
        e.add(new Entry("virtual_ipaddress", Kind.NOT_YET, When.ALWAYS, "the address is configured without them",
                Optional.empty(), c -> c.vrrpInstances().stream().flatMap(i -> Stream.concat(
                        i.virtualIpAddresses().stream(), i.excludedVirtualIpAddresses().stream())
                        .filter(v -> v.noTrack() || !v.otherOptions().isEmpty())
                        .map(v -> new Hit(v.location(), "vrrp_instance " + i.name(), "VIP " + v.address().getHostAddress()
                                + " option(s) " + String.join(" ", vipOptions(v)))))));
        // --- vrrp_instance: raw
        for (String k : List.of("vrf", "no_virtual_ipaddress", "track_src_ip", "old_unicast_checksum",
                "track_bfd", "garp_extra_if", "vmac_garp_intvl", "timer_expired_backup", "thread_timer_expired",
                "use_ipvlan", "auth_hmac", "unicast_src_ip_track", "track_group",
                "native_ipv6")) {
            e.add(raw(Scope.VRRP_INSTANCE, k, Kind.NOT_YET, When.ALWAYS, "ignored"));
        }
        e.add(raw(Scope.VRRP_INSTANCE, "kernel_rx_buf_size", Kind.LEFT_OUT, When.ALWAYS, BUFFERS));
        e.add(raw(Scope.VRRP_INSTANCE, "linkbeat_use_polling", Kind.LEFT_OUT, When.ALWAYS,
                "javalived follows interfaces through rtnetlink link events only"));
        e.add(raw(Scope.VRRP_INSTANCE, "debug", Kind.LEFT_OUT, When.ALWAYS, "javalived's detail is set with -D"));

        // --- virtual_server, real_server, checkers
        for (Scope s : List.of(Scope.VIRTUAL_SERVER, Scope.REAL_SERVER)) {
            e.add(raw(s, "snmp_name", Kind.LEFT_OUT, When.ALWAYS, SNMP));
            for (String k : List.of("lvs_method", "lb_kind")) {
                e.add(raw(s, k, Kind.NOT_YET, When.ALWAYS, "its tunnel options are not applied: the kernel's default "
                        + "IPIP tunnel is used"));
            }
        }
        e.add(raw(Scope.VIRTUAL_SERVER, "sorry_server_lvs_method", Kind.NOT_YET, When.ALWAYS,
                "its tunnel options are not applied: the kernel's default IPIP tunnel is used"));
        e.add(checker("log_all_failures", c -> c instanceof ScheduledChecker s && s.settings().logAllFailures(),
                "a checker's failures are logged while it retries and when it goes down, not every one after that"));
        e.add(checker("FILE_CHECK", c -> c instanceof FileCheck, "the file's value neither sets this real server's "
                + "weight nor takes it down; the checker is left out"));
        e.add(checker("BFD_CHECK", c -> c instanceof BfdCheck, "javalived runs no BFD; the checker is left out"));
        e.add(checker("bind_if", c -> c instanceof ScheduledChecker s && s.settings().bindIf().isPresent(),
                "the checker's packets leave by the routing table's choice"));
        e.add(checker("fwmark", c -> c instanceof ScheduledChecker s && s.settings().fwmark().isPresent(),
                "the checker's packets carry no mark"));
        return List.copyOf(e);
    }

    /** What javalived does not apply in {@code cfg}, in file order (main file first, then the included ones). */
    public static List<Diagnostic> of(KeepalivedConfig cfg) {
        record Found(Entry entry, Hit hit) {}
        List<Found> found = new ArrayList<>();
        for (Entry e : ENTRIES) {
            if (relevant(e.when(), cfg)) e.finder().apply(cfg).forEach(h -> found.add(new Found(e, h)));
        }
        for (Raw r : uncovered(cfg)) {
            found.add(new Found(new Entry(r.value().keyword(), Kind.NOT_YET, When.ALWAYS, "ignored",
                    Optional.of(r.scope()), c -> Stream.empty()), hit(r)));
        }
        List<String> files = cfg.files();
        return found.stream().sorted(Comparator.comparingInt((Found f) -> files.contains(f.hit().at().file())
                        ? files.indexOf(f.hit().at().file()) : files.size()).thenComparingInt(f -> f.hit().at().line()))
                .map(f -> diagnostic(f.entry(), f.hit())).toList();
    }

    private static final Set<String> COVERED = ENTRIES.stream()
            .flatMap(e -> e.rawScope().map(s -> s + " " + e.keyword()).stream()).collect(Collectors.toUnmodifiableSet());

    /** The raw keywords of {@code cfg} that no entry names and javalived does not apply: reported as "ignored". */
    static List<Raw> uncovered(KeepalivedConfig cfg) {
        return raws(cfg).filter(r -> !COVERED.contains(r.scope() + " " + r.value().keyword())
                && !APPLIED_RAW.contains(r.value().keyword())).toList();
    }

    /** The diagnostic for one hit: WARNING KA400, or INFO KA401 for what is left out on purpose. */
    static Diagnostic diagnostic(Entry e, Hit h) {
        String what = (h.block().isEmpty() ? "" : h.block() + ": ") + h.written();
        String instead = h.instead().orElse(e.instead());
        return e.kind() == Kind.NOT_YET
                ? Diagnostic.at(h.at(), Severity.WARNING, DiagnosticCode.NOT_APPLIED,
                what + " is not applied by javalived (" + instead + ")")
                : Diagnostic.at(h.at(), Severity.INFO, DiagnosticCode.LEFT_OUT,
                what + " is left out of javalived on purpose (" + instead + ")");
    }

    private static boolean relevant(When when, KeepalivedConfig c) {
        return switch (when) {
            case ALWAYS -> true;
            case VRRP -> !c.vrrpInstances().isEmpty();
            case LVS -> !c.virtualServers().isEmpty();
            case SCRIPTS -> hasScripts(c);
        };
    }

    private static boolean hasScripts(KeepalivedConfig c) {
        if (!c.vrrpScripts().isEmpty()) return true;
        if (c.vrrpInstances().stream().anyMatch(i -> hasAny(i.notifyScripts()))) return true;
        if (c.vrrpSyncGroups().stream().anyMatch(g -> hasAny(g.notifyScripts()))) return true;
        for (VirtualServer vs : c.virtualServers()) {
            if (vs.quorumUp().isPresent() || vs.quorumDown().isPresent()) return true;
            for (RealServer rs : vs.realServers()) {
                if (rs.notifyUp().isPresent() || rs.notifyDown().isPresent()
                        || rs.checkers().stream().anyMatch(k -> k instanceof MiscCheck)) return true;
            }
        }
        return false;
    }

    private static boolean hasAny(NotifyScripts n) {
        return scripts(n).stream().anyMatch(s -> s.script().isPresent());
    }

    private record Named(String keyword, Optional<ScriptCommand> script) {}

    private static List<Named> scripts(NotifyScripts n) {
        return List.of(new Named("notify_master", n.master()), new Named("notify_backup", n.backup()),
                new Named("notify_fault", n.fault()), new Named("notify_stop", n.stop()), new Named("notify", n.generic()),
                new Named("notify_master_rx_lower_pri", n.masterRxLowerPri()), new Named("notify_deleted", n.deleted()));
    }

    private static Entry global(String keyword, When when, Predicate<GlobalDefs> set,
                                String instead) {
        return new Entry(keyword, Kind.NOT_YET, when, instead, Optional.empty(), c -> set.test(c.globalDefs())
                ? Stream.of(new Hit(at(c.globalDefs().keywordLocations(), keyword, c.globalDefs().location()),
                "global_defs", keyword)) : Stream.empty());
    }

    private static Entry instance(String keyword, Predicate<VrrpInstance> set, Function<VrrpInstance, String> instead) {
        return new Entry(keyword, Kind.NOT_YET, When.ALWAYS, "", Optional.empty(),
                c -> c.vrrpInstances().stream().filter(set).map(i -> new Hit(at(i.keywordLocations(), keyword,
                        i.location()), "vrrp_instance " + i.name(), keyword, Optional.of(instead.apply(i)))));
    }

    private static Entry checker(String keyword, Predicate<Checker> applies, String instead) {
        return new Entry(keyword, Kind.NOT_YET, When.ALWAYS, instead, Optional.empty(),
                c -> c.virtualServers().stream().flatMap(vs -> vs.realServers().stream()).flatMap(rs -> rs.checkers().stream())
                        .filter(applies).map(k -> new Hit(k.location(), k.kind().toString(), keyword)));
    }

    private record ScopedUrl(String block, HttpUrl url) {}

    private static Stream<ScopedUrl> urls(KeepalivedConfig c) {
        return c.virtualServers().stream().flatMap(vs -> vs.realServers().stream()).flatMap(rs -> rs.checkers().stream())
                .flatMap(k -> switch (k) {
                    case HttpGet h -> h.urls().stream().map(u -> new ScopedUrl(k.kind().toString(), u));
                    case SslGet s -> s.urls().stream().map(u -> new ScopedUrl(k.kind().toString(), u));
                    default -> Stream.empty();
                });
    }

    private static Entry raw(Scope scope, String keyword, Kind kind, When when, String instead) {
        return new Entry(keyword, kind, when, instead, Optional.of(scope), c -> raws(c)
                .filter(r -> r.scope() == scope && r.value().keyword().equals(keyword)).map(NotApplied::hit));
    }

    private static Hit hit(Raw r) {
        RawValue v = r.value();
        return new Hit(v.location(), r.block(), v.keyword() + (v.args().isEmpty() ? "" : " " + String.join(" ", v.args())));
    }

    /** Every keyword the parser kept raw, with its block. */
    static Stream<Raw> raws(KeepalivedConfig c) {
        Stream.Builder<Raw> out = Stream.builder();
        c.otherKeywords().forEach(v -> out.add(new Raw(Scope.ROOT, "", v)));
        for (RawBlock b : c.otherBlocks()) {
            out.add(new Raw(Scope.ROOT_BLOCK, "", new RawValue(b.keyword(), b.args(), b.location())));
        }
        c.globalDefs().other().forEach(v -> out.add(new Raw(Scope.GLOBAL_DEFS, "global_defs", v)));
        for (VrrpSyncGroup g : c.vrrpSyncGroups()) {
            g.other().forEach(v -> out.add(new Raw(Scope.VRRP_SYNC_GROUP, "vrrp_sync_group " + g.name(), v)));
        }
        for (VrrpInstance i : c.vrrpInstances()) {
            i.other().forEach(v -> out.add(new Raw(Scope.VRRP_INSTANCE, "vrrp_instance " + i.name(), v)));
        }
        for (VirtualServer vs : c.virtualServers()) {
            vs.other().forEach(v -> out.add(new Raw(Scope.VIRTUAL_SERVER, "virtual_server", v)));
            for (RealServer rs : vs.realServers()) {
                rs.other().forEach(v -> out.add(new Raw(Scope.REAL_SERVER, "real_server "
                        + rs.address().getHostAddress(), v)));
            }
        }
        urls(c).forEach(u -> u.url().other().forEach(v -> out.add(new Raw(Scope.URL, u.block() + " url", v))));
        return out.build();
    }

    private static List<String> vipOptions(VirtualIpAddress v) {
        List<String> opts = new ArrayList<>(v.otherOptions());
        opts.remove("use_vmac"); // applied: the VIP gets a VMAC of its own
        if (v.noTrack()) opts.addFirst("no_track");
        return opts;
    }

    private static SourceLocation at(KeywordLocations k, String keyword, SourceLocation fallback) {
        return k.of(keyword).orElse(fallback);
    }
}
