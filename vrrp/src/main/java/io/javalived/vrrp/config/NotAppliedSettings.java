package io.javalived.vrrp.config;

import io.javalived.parser.model.GlobalDefs;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.KeywordLocations;
import io.javalived.parser.model.RawBlock;
import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.SourceLocation;
import io.javalived.parser.model.VirtualIpAddress;
import io.javalived.parser.model.VrrpInstance;
import io.javalived.parser.model.VrrpSyncGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The VRRP-side settings a configuration asks for that javalived parses but does not apply yet, each as one
 * message naming the keyword and its {@code file:line}: {@code keepalived.conf:14: vrrp_instance VI_1: use_vmac is
 * not applied by javalived yet (adverts and VIPs stay on eth0, with its own MAC)}. Pure.
 */
final class NotAppliedSettings {
    private NotAppliedSettings() {}

    /** global_defs keywords kept uninterpreted that javalived applies itself (so no message). */
    private static final Set<String> GLOBAL_APPLIED = Set.of("vrrp_notify_priority_changes", "vrrp_owner_ignore_adverts");

    /** global_defs keywords (besides vrrp_*) that only concern the VRRP side. */
    private static final Set<String> GLOBAL_VRRP = Set.of("notify_fifo_script", "fifo_write_vrrp_states_on_reload",
            "nftables", "nftables_priority", "nftables_ifindex", "nftables_counters", "vmac_addr_prefix",
            "disable_local_igmp", "dynamic_interfaces", "linkbeat_use_polling", "enable_snmp_vrrp", "enable_snmp_rfc",
            "enable_snmp_rfcv2", "enable_snmp_rfcv3", "enable_dbus", "dbus_service_name", "dbus_no_interface_name",
            "enable_dbus_create_instance");

    /** Top-level blocks keepalived's VRRP process applies. */
    private static final Set<String> VRRP_BLOCKS = Set.of("static_ipaddress", "static_routes", "static_rules",
            "garp_group", "linkbeat_interfaces", "interface_up_down_delays", "vrrp_track_process", "track_file",
            "vrrp_track_file", "track_group", "bfd_instance");

    /** One message: where, and what (the scope, the keyword, what javalived does instead). */
    private record Note(SourceLocation at, String text) {
        @Override
        public String toString() {
            return at + ": " + text;
        }
    }

    /** The messages as they are found; {@link #inFileOrder} sorts them. */
    private static final class Notes {
        private final List<Note> notes = new ArrayList<>();

        void add(SourceLocation at, String text) {
            notes.add(new Note(at, text));
        }

        /** Main file first, then the included ones as they were read; by line within a file. */
        List<String> inFileOrder(List<String> files) {
            return notes.stream().sorted(Comparator.comparingInt((Note n) -> files.contains(n.at().file())
                            ? files.indexOf(n.at().file()) : files.size()).thenComparingInt(n -> n.at().line()))
                    .map(Note::toString).toList();
        }
    }

    /** The messages, in file order. */
    static List<String> of(KeepalivedConfig cfg) {
        Notes out = new Notes();
        collect(cfg, out);
        return out.inFileOrder(cfg.files());
    }

    private static void collect(KeepalivedConfig cfg, Notes out) {
        if (!cfg.vrrpInstances().isEmpty()) globalDefs(cfg.globalDefs(), out);
        for (RawBlock b : cfg.otherBlocks()) {
            if (VRRP_BLOCKS.contains(b.keyword())) {
                out.add(b.location(), b.keyword() + (b.args().isEmpty() ? "" : " " + String.join(" ", b.args()))
                        + " is not applied by javalived yet (the block is ignored)");
            }
        }
        for (VrrpSyncGroup g : cfg.vrrpSyncGroups()) {
            String scope = "vrrp_sync_group " + g.name();
            KeywordLocations k = g.keywordLocations();
            if (g.smtpAlert()) {
                out.add(at(k, "smtp_alert", g.location()), scope + ": smtp_alert" + notYet("no mail is sent"));
            }
            for (RawValue v : g.other()) out.add(v.location(), scope + ": " + v.keyword() + notYet("ignored"));
        }
        for (VrrpInstance i : cfg.vrrpInstances()) instance(i, cfg.globalDefs(), out);
    }

    private static void globalDefs(GlobalDefs g, Notes out) {
        KeywordLocations k = g.keywordLocations();
        String scope = "global_defs";
        if (!g.vrrpGarp().interval().isZero()) {
            out.add(at(k, "vrrp_garp_interval", g.location()), scope + ": vrrp_garp_interval"
                    + notYet("gratuitous ARPs go out back to back"));
        }
        if (!g.vrrpGarp().gnaInterval().isZero()) {
            out.add(at(k, "vrrp_gna_interval", g.location()), scope + ": vrrp_gna_interval"
                    + notYet("unsolicited NAs go out back to back"));
        }
        if (!g.vrrpStartupDelay().equals(Duration.ZERO)) {
            out.add(at(k, "vrrp_startup_delay", g.location()), scope + ": vrrp_startup_delay"
                    + notYet("VRRP starts at once"));
        }
        if (g.logUnknownVrids()) {
            out.add(at(k, "log_unknown_vrids", g.location()), scope + ": log_unknown_vrids"
                    + notYet("adverts for other VRIDs are dropped without a log line"));
        }
        for (RawValue v : g.other()) {
            if (GLOBAL_APPLIED.contains(v.keyword())) continue;
            if (v.keyword().startsWith("vrrp_") || GLOBAL_VRRP.contains(v.keyword())) {
                out.add(v.location(), scope + ": " + v.keyword() + notYet("ignored"));
            }
        }
    }

    private static void instance(VrrpInstance i, GlobalDefs g, Notes out) {
        String scope = "vrrp_instance " + i.name();
        KeywordLocations k = i.keywordLocations();
        SourceLocation block = i.location();
        if (i.useVmac()) {
            out.add(at(k, "use_vmac", block), scope + ": use_vmac" + notYet("adverts and VIPs stay on "
                    + i.interfaceName().orElse("the interface") + ", with its own MAC; no VMAC interface is made"));
        }
        if (i.promoteSecondaries()) {
            out.add(at(k, "promote_secondaries", block), scope + ": promote_secondaries"
                    + notYet("the interface's promote_secondaries setting is left as it is"));
        }
        if (!i.virtualRoutes().isEmpty()) {
            out.add(at(k, "virtual_routes", i.virtualRoutes().getFirst().location()), scope + ": virtual_routes"
                    + notYet(i.virtualRoutes().size() + " route(s) not installed on MASTER"));
        }
        if (!i.virtualRules().isEmpty()) {
            out.add(at(k, "virtual_rules", i.virtualRules().getFirst().location()), scope + ": virtual_rules"
                    + notYet(i.virtualRules().size() + " rule(s) not installed on MASTER"));
        }
        if (!i.trackFiles().isEmpty()) {
            out.add(at(k, "track_file", i.trackFiles().getFirst().location()), scope + ": track_file"
                    + notYet("the priority does not follow the files"));
        }
        if (!i.accept()) {
            String kw = k.of("no_accept").isPresent() ? "no_accept" : k.of("strict_mode").isPresent() ? "strict_mode"
                    : "vrrp_strict";
            SourceLocation at = kw.equals("vrrp_strict") ? g.keywordLocations().of(kw).orElse(block) : at(k, kw, block);
            out.add(at, scope + ": " + kw + " (no_accept)"
                    + notYet("no firewall rule drops traffic to the VIPs"));
        }
        if (i.smtpAlert()) { // its own, or global_defs smtp_alert_vrrp / smtp_alert
            KeywordLocations gk = g.keywordLocations();
            SourceLocation at = k.of("smtp_alert").or(() -> gk.of("smtp_alert_vrrp")).or(() -> gk.of("smtp_alert"))
                    .orElse(block);
            out.add(at, scope + ": smtp_alert" + notYet("no mail is sent for its state changes"));
        }
        if (i.notifyScripts().deleted().isPresent()) {
            out.add(at(k, "notify_deleted", block), scope + ": notify_deleted"
                    + notYet("an instance removed by a reload runs its notify_stop"));
        }
        for (VirtualIpAddress v : concat(i.virtualIpAddresses(), i.excludedVirtualIpAddresses())) {
            List<String> opts = new ArrayList<>(v.otherOptions());
            if (v.noTrack()) opts.addFirst("no_track");
            if (!opts.isEmpty()) {
                out.add(v.location(), scope + ": VIP " + v.address().getHostAddress() + " option(s) "
                        + String.join(" ", opts) + notYet("the address is configured without them"));
            }
        }
        for (RawValue v : i.other()) out.add(v.location(), scope + ": " + v.keyword() + notYet("ignored"));
    }

    private static String notYet(String instead) {
        return " is not applied by javalived yet (" + instead + ")";
    }

    private static SourceLocation at(KeywordLocations k, String keyword, SourceLocation fallback) {
        return k.of(keyword).orElse(fallback);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
