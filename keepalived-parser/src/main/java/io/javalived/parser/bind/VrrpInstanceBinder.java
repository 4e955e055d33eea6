package io.javalived.parser.bind;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.model.InetFamily;
import io.javalived.parser.model.AuthMethod;
import io.javalived.parser.model.Authentication;
import io.javalived.parser.model.GarpSettings;
import io.javalived.parser.model.KeywordLocations;
import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.SourceLocation;
import io.javalived.parser.model.TrackedInterface;
import io.javalived.parser.model.TrackedScript;
import io.javalived.parser.model.UnicastPeer;
import io.javalived.parser.model.VirtualIpAddress;
import io.javalived.parser.model.IpRoute;
import io.javalived.parser.model.IpRule;
import io.javalived.parser.model.VrrpInstance;
import io.javalived.parser.model.VrrpScript;
import io.javalived.parser.model.InitialState;
import io.javalived.parser.syntax.Node;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code vrrp_instance NAME}: keyword table, then defaults and checks (reference 1.6, 2.2, 7). */
final class VrrpInstanceBinder {

    static final class Builder implements KeywordTable.Keeps, KeywordTable.Places {
        String name;
        SourceLocation location;
        InitialState state;
        SourceLocation stateAt;
        String iface;
        int vrid;
        Integer priority;
        Duration advert = Duration.ofSeconds(1);
        SourceLocation advertAt;
        Integer version;
        final List<VirtualIpAddress> vips = new ArrayList<>();
        final List<VirtualIpAddress> evips = new ArrayList<>();
        InetAddress unicastSrc;
        InetAddress mcastSrc;
        InetAddress mcastDst;
        final List<UnicastPeer> peers = new ArrayList<>();
        boolean unicastPeerKeyword;
        int unicastTtl = 255;
        boolean unicastFaultNoPeer;
        Boolean checkUnicastSrc;
        AuthMethod authType;
        String authPass;
        SourceLocation authAt;
        final List<TrackedInterface> trackInterfaces = new ArrayList<>();
        final List<TrackerParsing.ScriptRef> trackScripts = new ArrayList<>();
        final List<RawValue> trackFiles = new ArrayList<>();
        boolean dontTrackPrimary;
        final NotifyBuilder notify = new NotifyBuilder();
        boolean notifyPriorityChanges;
        Boolean smtpAlert;
        Duration garpMasterDelay;
        Integer garpMasterRepeat;
        Duration garpMasterRefresh;
        Integer garpMasterRefreshRepeat;
        Duration garpLowerPrioDelay;
        Integer garpLowerPrioRepeat;
        boolean nopreempt;
        SourceLocation nopreemptAt;
        Duration preemptDelay = Duration.ZERO;
        SourceLocation preemptDelayAt;
        Boolean accept;
        Boolean strict;
        Boolean skipCheckAdvAddr;
        Integer downTimerAdverts;
        Boolean lowerPrioNoAdvert;
        Boolean higherPrioSendAdvert;
        boolean ownerIgnoreAdverts;
        Boolean v3ChecksumAsV2;
        boolean useVmac;
        String vmacName;
        boolean promoteSecondaries;
        final List<IpRoute> routes = new ArrayList<>();
        final List<IpRule> rules = new ArrayList<>();
        final List<RawValue> other = new ArrayList<>();
        final Map<String, SourceLocation> places = new java.util.LinkedHashMap<>();

        @Override
        public List<RawValue> other() {
            return other;
        }

        @Override
        public Map<String, SourceLocation> places() {
            return places;
        }
    }

    private final BindContext ctx;
    private final KeywordTable<Builder> table = new KeywordTable<>("vrrp_instance");
    private final KeywordTable<Builder> authTable = new KeywordTable<>("authentication");

    VrrpInstanceBinder(BindContext ctx) {
        this.ctx = ctx;
        table.value("state", this::state)
                .value("interface", (b, n) -> ctx.string(n).ifPresent(v -> {
                    if (v.equals("lo")) {
                        ctx.diagnostics().error(n.location(), DiagnosticCode.INVALID_VALUE,
                                "(" + b.name + ") cannot use a loopback interface (lo) for vrrp - ignoring");
                    } else {
                        b.iface = v;
                    }
                }))
                .value("virtual_router_id", (b, n) -> ctx.integer(n, 0, 1, 255).ifPresent(v -> b.vrid = (int) v))
                .value("priority", (b, n) -> {
                    var p = ctx.integer(n, 0, 1, 255);
                    if (p.isPresent()) {
                        b.priority = (int) p.getAsLong();
                    } else if (n.argCount() > 0) {
                        ctx.diagnostics().error(n.location(), DiagnosticCode.OUT_OF_RANGE, "(" + b.name
                                + ") Priority not valid! must be between 1 & 255. Using default 100");
                        b.priority = 100;
                    }
                })
                .value("advert_int", (b, n) -> ctx.timer(n, 0, 0.01, 255).ifPresent(v -> {
                    b.advert = v;
                    b.advertAt = n.location();
                }))
                .value("version", (b, n) -> ctx.integer(n, 0, 2, 3).ifPresent(v -> b.version = (int) v))
                .block("virtual_ipaddress", (b, n) -> vips(n, b.vips))
                .block("virtual_ipaddress_excluded", (b, n) -> vips(n, b.evips))
                .block("virtual_routes", (b, n) -> b.routes.addAll(RouteRuleParsing.routes(ctx, n)))
                .block("virtual_rules", (b, n) -> b.rules.addAll(RouteRuleParsing.rules(ctx, n)))
                .value("promote_secondaries", (b, n) -> b.promoteSecondaries = true)
                .value("unicast_src_ip", (b, n) -> ctx.address(n, 0, "unicast_src_ip address").ifPresent(v -> b.unicastSrc = v))
                .value("mcast_src_ip", (b, n) -> ctx.address(n, 0, "mcast_src_ip address").ifPresent(v -> b.mcastSrc = v))
                .value("mcast_dst_ip", (b, n) -> ctx.address(n, 0, "mcast_dst_ip address").ifPresent(v -> b.mcastDst = v))
                .either("unicast_peer", this::unicastPeers)
                .value("unicast_fault_no_peer", (b, n) -> b.unicastFaultNoPeer = true)
                .value("unicast_ttl", (b, n) -> ctx.integer(n, 0, 1, 255).ifPresent(v -> b.unicastTtl = (int) v))
                .value("check_unicast_src", (b, n) -> b.checkUnicastSrc = true)
                .value("v3_checksum_as_v2", (b, n) -> b.v3ChecksumAsV2 = ctx.bool(n, 0))
                .value("nopreempt", (b, n) -> {
                    b.nopreempt = true;
                    b.nopreemptAt = n.location();
                })
                .value("preempt_delay", (b, n) -> ctx.timer(n, 0, 0, 1000).ifPresent(v -> {
                    b.preemptDelay = v;
                    b.preemptDelayAt = n.location();
                }))
                .block("track_interface", (b, n) -> TrackerParsing.trackInterfaces(ctx, n, b.trackInterfaces))
                .block("track_script", (b, n) -> TrackerParsing.trackScripts(ctx, n, b.trackScripts))
                .block("track_file", (b, n) -> b.trackFiles.addAll(BindContext.rawLines(n)))
                .value("dont_track_primary", (b, n) -> b.dontTrackPrimary = true)
                .value("accept", (b, n) -> b.accept = true)
                .value("no_accept", (b, n) -> b.accept = false)
                .value("strict_mode", (b, n) -> b.strict = ctx.bool(n, 0))
                .value("skip_check_adv_addr", (b, n) -> b.skipCheckAdvAddr = ctx.bool(n, 0))
                .value("notify_master", (b, n) -> ctx.script(n).ifPresent(s -> b.notify.master = s))
                .value("notify_backup", (b, n) -> ctx.script(n).ifPresent(s -> b.notify.backup = s))
                .value("notify_fault", (b, n) -> ctx.script(n).ifPresent(s -> b.notify.fault = s))
                .value("notify_stop", (b, n) -> ctx.script(n).ifPresent(s -> b.notify.stop = s))
                .value("notify_deleted", (b, n) -> ctx.script(n).ifPresent(s -> b.notify.deleted = s))
                .value("notify", (b, n) -> ctx.script(n).ifPresent(s -> b.notify.generic = s))
                .value("notify_master_rx_lower_pri", (b, n) -> ctx.script(n).ifPresent(s -> b.notify.masterRxLowerPri = s))
                .value("notify_priority_changes", (b, n) -> b.notifyPriorityChanges = ctx.bool(n, 0))
                .value("smtp_alert", (b, n) -> b.smtpAlert = ctx.bool(n, 0))
                .value("garp_master_delay", (b, n) -> ctx.timer(n, 0, 0, 86400).ifPresent(v -> b.garpMasterDelay = v))
                .value("garp_master_repeat", (b, n) -> ctx.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> b.garpMasterRepeat = (int) v))
                .value("garp_master_refresh", (b, n) -> ctx.timer(n, 0, 0, 86400).ifPresent(v -> b.garpMasterRefresh = v))
                .value("garp_master_refresh_repeat", (b, n) -> ctx.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> b.garpMasterRefreshRepeat = (int) v))
                .value("garp_lower_prio_delay", (b, n) -> ctx.timer(n, 0, 0, 86400).ifPresent(v -> b.garpLowerPrioDelay = v))
                .value("garp_lower_prio_repeat", (b, n) -> ctx.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> b.garpLowerPrioRepeat = (int) v))
                .value("down_timer_adverts", (b, n) -> ctx.integer(n, 0, 1, 100).ifPresent(v -> b.downTimerAdverts = (int) v))
                .value("lower_prio_no_advert", (b, n) -> b.lowerPrioNoAdvert = ctx.bool(n, 0))
                .value("higher_prio_send_advert", (b, n) -> b.higherPrioSendAdvert = ctx.bool(n, 0))
                .value("owner_ignore_adverts", (b, n) -> b.ownerIgnoreAdverts = ctx.bool(n, 0))
                .value("use_vmac", (b, n) -> {
                    b.useVmac = true;
                    if (n.argCount() > 0) {
                        b.vmacName = n.arg(0);
                    }
                })
                .block("authentication", (b, n) -> {
                    b.authAt = n.location();
                    authTable.bindAll(n, b, ctx);
                })
                .deprecated("preempt", KeywordTable.Shape.VALUE,
                        "preempt is deprecated (it is the default) - ignoring", (b, n) -> { })
                .deprecated("lvs_sync_daemon_interface", KeywordTable.Shape.VALUE,
                        "Specifying lvs_sync_daemon_interface against a vrrp is deprecated. Please use global lvs_sync_daemon",
                        (b, n) -> b.other.add(BindContext.raw(n)));
        Tables.raw(table, b -> b.other, "vrf", "no_virtual_ipaddress", "track_src_ip", "old_unicast_checksum",
                "track_process", "track_bfd", "debug", "garp_extra_if", "timer_expired_backup",
                "thread_timer_expired", "kernel_rx_buf_size", "use_vmac_addr", "vmac_xmit_base", "use_ipvlan",
                "auth_hmac", "unicast_src_ip_track", "track_group");
        Tables.rawDeprecated(table, b -> b.other, "vmac_garp_intvl", "garp_extra_if");
        Tables.rawDeprecated(table, b -> b.other, "native_ipv6", null);
        Tables.rawDeprecated(table, b -> b.other, "linkbeat_use_polling", "global linkbeat_use_polling");

        authTable.value("auth_type", (b, n) -> ctx.string(n).ifPresent(v -> {
                    switch (v) {
                        case "PASS" -> b.authType = AuthMethod.PASS;
                        case "AH" -> b.authType = AuthMethod.AH;
                        default -> ctx.diagnostics().error(n.location(), DiagnosticCode.INVALID_VALUE,
                                "(" + b.name + ") Unknown auth_type '" + v + "' (PASS or AH) - ignoring");
                    }
                }))
                .value("auth_pass", (b, n) -> ctx.string(n).ifPresent(v -> {
                    byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
                    if (bytes.length > 8) {
                        ctx.diagnostics().warning(n.location(), DiagnosticCode.INVALID_VALUE, "(" + b.name
                                + ") auth_pass is longer than 8 bytes - truncated, as keepalived does");
                        v = new String(bytes, 0, 8, StandardCharsets.UTF_8);
                    }
                    b.authPass = v;
                }));
    }

    KeywordTable<Builder> table() {
        return table;
    }

    KeywordTable<Builder> authTable() {
        return authTable;
    }

    Optional<Builder> bind(Node node) {
        if (node.argCount() < 1) {
            ctx.diagnostics().error(node.location(), DiagnosticCode.MISSING_PARAMETER,
                    "vrrp_instance has no name - skipping it (lines " + node.location().line() + "-" + node.lastLine() + ")");
            return Optional.empty();
        }
        Builder b = new Builder();
        b.name = node.arg(0);
        b.location = node.location();
        table.bindAll(node, b, ctx);
        return Optional.of(b);
    }

    private void state(Builder b, Node n) {
        ctx.string(n).ifPresent(v -> {
            b.stateAt = n.location();
            switch (v) {
                case "MASTER" -> b.state = InitialState.MASTER;
                case "BACKUP" -> b.state = InitialState.BACKUP;
                default -> {
                    ctx.diagnostics().error(n.location(), DiagnosticCode.INVALID_VALUE,
                            "(" + b.name + ") unknown state '" + v + "', defaulting to BACKUP");
                    b.state = InitialState.BACKUP;
                }
            }
        });
    }

    private void vips(Node block, List<VirtualIpAddress> out) {
        for (Node line : block.children()) {
            if (line.isOrphanBlock()) {
                continue;
            }
            VipParsing.parse(ctx, line).ifPresent(out::add);
        }
    }

    private static List<RawValue> childLines(Node block) {
        List<RawValue> out = new ArrayList<>();
        for (Node c : block.children()) {
            if (!c.isOrphanBlock()) {
                out.add(new RawValue(c.keyword(), c.args(), c.location()));
            }
        }
        return out;
    }

    private void unicastPeers(Builder b, Node n) {
        b.unicastPeerKeyword = true;
        if (!n.hasBlock()) {
            return;
        }
        for (Node c : n.children()) {
            if (c.isOrphanBlock()) {
                continue;
            }
            Optional<InetAddress> a = AddressParser.parse(c.keyword());
            if (a.isEmpty()) {
                ctx.diagnostics().error(c.location(), DiagnosticCode.INVALID_ADDRESS,
                        "(" + b.name + ") unicast_peer: invalid address '" + c.keyword() + "' - skipping");
                continue;
            }
            OptionalInt min = OptionalInt.empty();
            OptionalInt max = OptionalInt.empty();
            for (int i = 1; i < c.words().size(); i += 2) {
                String k = c.words().get(i);
                if (i + 1 >= c.words().size()) {
                    ctx.diagnostics().error(c.location(), DiagnosticCode.MISSING_PARAMETER, k + ": missing parameter");
                    break;
                }
                var v = ctx.integer(c.location(), c.words().get(i + 1), 0, 255);
                if (k.equals("min_ttl") && v.isPresent()) {
                    min = OptionalInt.of((int) v.getAsLong());
                } else if (k.equals("max_ttl") && v.isPresent()) {
                    max = OptionalInt.of((int) v.getAsLong());
                } else if (!k.equals("min_ttl") && !k.equals("max_ttl")) {
                    ctx.diagnostics().error(c.location(), DiagnosticCode.UNKNOWN_KEYWORD,
                            "unicast_peer: unknown option '" + k + "' - ignoring");
                }
            }
            b.peers.add(new UnicastPeer(a.get(), min, max, c.location()));
        }
    }

    /** Applies defaults and keepalived's consistency rules; empty when the instance must be dropped. */
    Optional<VrrpInstance> resolve(Builder b, GlobalDefsBinder.Builder g, Map<String, VrrpScript> scripts) {
        if (b.vrid == 0) {
            ctx.diagnostics().error(b.location, DiagnosticCode.MISSING_REQUIRED,
                    "(" + b.name + ") the virtual router id must be set - removing instance");
            return Optional.empty();
        }
        int priority;
        InitialState state;
        if (b.priority == null) {
            priority = b.state == InitialState.MASTER ? 255 : 100;
        } else {
            priority = b.priority;
        }
        state = b.state != null ? b.state : (priority == 255 ? InitialState.MASTER : InitialState.BACKUP);
        InetFamily family = b.vips.isEmpty() ? (b.evips.isEmpty() ? InetFamily.INET : b.evips.getFirst().family())
                : b.vips.getFirst().family();
        List<VirtualIpAddress> vips = sameFamily(b, b.vips, family);
        List<VirtualIpAddress> evips = resolveDevices(b, b.evips);
        vips = resolveDevices(b, vips);
        int version = b.version != null ? b.version : g.vrrpVersion;
        if (family == InetFamily.INET6 && version == 2) {
            if (b.version != null) {
                ctx.diagnostics().warning(b.location, DiagnosticCode.INCONSISTENT,
                        "(" + b.name + ") cannot use IPv6 with VRRP version 2; setting version 3");
            }
            version = 3;
        }
        boolean strict = b.strict != null ? b.strict : g.strict;
        if (vips.isEmpty()) {
            // (keepalived 2.2.7 also removes a VRRPv3 instance without VIPs; javalived still runs it)
            if (strict) {
                ctx.diagnostics().error(b.location, DiagnosticCode.MISSING_REQUIRED,
                        "(" + b.name + ") No VIP specified; at least one is required - removing instance");
                return Optional.empty();
            }
            ctx.diagnostics().warning(b.location, DiagnosticCode.MISSING_REQUIRED,
                    "(" + b.name + ") No VIP specified; at least one is sensible");
        }
        if (strict && b.state != null && (b.state == InitialState.MASTER) != (priority == 255)) {
            ctx.diagnostics().error(b.stateAt != null ? b.stateAt : b.location, DiagnosticCode.INCONSISTENT,
                    "(" + b.name + ") State MASTER must match being address owner");
            state = priority == 255 ? InitialState.MASTER : InitialState.BACKUP;
        }
        if (strict && !b.peers.isEmpty()) {
            // keepalived refuses it on an interface that can multicast (every Ethernet one)
            ctx.diagnostics().error(b.location, DiagnosticCode.INCONSISTENT,
                    "(" + b.name + ") Unicast peers are not supported in strict mode - removing instance");
            return Optional.empty();
        }
        if (family == InetFamily.INET6 && b.peers.isEmpty() && !vips.isEmpty()
                && !vips.getFirst().address().isLinkLocalAddress()) {
            if (strict) {
                ctx.diagnostics().error(vips.getFirst().location(), DiagnosticCode.INCONSISTENT,
                        "(" + b.name + ") the first IPv6 VIP address must be link local");
            } else {
                ctx.diagnostics().info(vips.getFirst().location(), DiagnosticCode.INCONSISTENT,
                        "(" + b.name + ") the first IPv6 VIP address should be link local");
            }
        }
        Duration advert = resolveAdvert(b, version);
        Optional<Authentication> auth = Optional.empty();
        if (b.authType != null || b.authPass != null) {
            if (b.authType == null || b.authPass == null || b.authPass.isEmpty()) {
                ctx.diagnostics().error(b.authAt, DiagnosticCode.MISSING_PARAMETER,
                        "(" + b.name + ") authentication needs both auth_type and a non-empty auth_pass - ignoring it");
            } else if (version == 3) {
                ctx.diagnostics().error(b.authAt, DiagnosticCode.IGNORED_SETTING,
                        "(" + b.name + ") authentication is not supported with VRRP version 3 - ignoring");
            } else if (family == InetFamily.INET6) {
                ctx.diagnostics().error(b.authAt, DiagnosticCode.IGNORED_SETTING,
                        "(" + b.name + ") authentication is not supported with IPv6 - ignoring");
            } else if (strict) {
                ctx.diagnostics().error(b.authAt, DiagnosticCode.IGNORED_SETTING,
                        "(" + b.name + ") authentication is not supported in strict mode - ignoring");
            } else {
                auth = Optional.of(new Authentication(b.authType, b.authPass, b.authAt));
                if (b.authType == AuthMethod.AH && state == InitialState.MASTER) {
                    ctx.diagnostics().error(b.stateAt != null ? b.stateAt : b.location, DiagnosticCode.INCONSISTENT,
                            "(" + b.name + ") Initial state master is incompatible with AH authentication - clearing");
                    state = InitialState.BACKUP;
                }
            }
        }
        boolean nopreempt = b.nopreempt;
        if (nopreempt && state == InitialState.MASTER && b.state == InitialState.MASTER) {
            ctx.diagnostics().error(b.nopreemptAt, DiagnosticCode.INCONSISTENT,
                    "(" + b.name + ") nopreempt is incompatible with initial state MASTER - clearing nopreempt");
            nopreempt = false;
        } else if (nopreempt && priority == 255) {
            ctx.diagnostics().error(b.nopreemptAt, DiagnosticCode.INCONSISTENT,
                    "(" + b.name + ") nopreempt is incompatible with priority 255 - clearing nopreempt");
            nopreempt = false;
        }
        Duration preemptDelay = b.preemptDelay;
        if (!preemptDelay.isZero() && (b.state == InitialState.MASTER || strict)) {
            ctx.diagnostics().error(b.preemptDelayAt, DiagnosticCode.INCONSISTENT, "(" + b.name + ") preempt_delay is "
                    + "incompatible with " + (strict ? "strict mode" : "initial state MASTER") + " - clearing");
            preemptDelay = Duration.ZERO;
        }
        if (b.unicastPeerKeyword && b.peers.isEmpty() && !b.unicastFaultNoPeer) {
            ctx.diagnostics().warning(b.location, DiagnosticCode.DEPRECATED_KEYWORD, "(" + b.name
                    + ") unicast_peer with no peers falls back to multicast; this is deprecated");
        }
        if (b.iface == null && b.unicastSrc == null) {
            ctx.diagnostics().info(b.location, DiagnosticCode.DEFAULT_APPLIED,
                    "(" + b.name + ") no interface set - keepalived uses default_interface " + g.defaultInterface);
        }
        List<TrackedScript> tracked = new ArrayList<>();
        for (TrackerParsing.ScriptRef ref : b.trackScripts) {
            VrrpScript s = scripts.get(ref.name());
            if (s == null) {
                ctx.diagnostics().warning(ref.node().location(), DiagnosticCode.UNKNOWN_REFERENCE,
                        "(" + b.name + ") track script " + ref.name() + " not found, ignoring...");
                continue;
            }
            tracked.add(new TrackedScript(ref.name(), ref.weight().orElse(s.weight()),
                    ref.reverse().orElse(ref.weight().isPresent() ? false : s.reverse()), ref.node().location()));
        }
        GarpSettings gg = g.build(ctx.options().hostName()).vrrpGarp();
        Integer downTimerAdverts = b.downTimerAdverts;
        Boolean lowerPrioNoAdvert = b.lowerPrioNoAdvert;
        Boolean higherPrioSendAdvert = b.higherPrioSendAdvert;
        Duration garpLowerPrioDelay = b.garpLowerPrioDelay;
        Integer garpLowerPrioRepeat = b.garpLowerPrioRepeat;
        if (strict) {
            // keepalived 2.2.7's strict mode: RFC timers and no extra adverts or gratuitous ARPs at a lower priority
            if (downTimerAdverts != null && downTimerAdverts != 3) {
                ctx.diagnostics().error(b.location, DiagnosticCode.INCONSISTENT,
                        "(" + b.name + ") down_timer_adverts is incompatible with strict mode - resetting");
            }
            downTimerAdverts = 3;
            if (garpLowerPrioRepeat != null && garpLowerPrioRepeat != 0) {
                ctx.diagnostics().error(b.location, DiagnosticCode.INCONSISTENT,
                        "(" + b.name + ") Strict mode requires no repeat garps. resetting");
            }
            garpLowerPrioRepeat = 0;
            if (garpLowerPrioDelay != null && !garpLowerPrioDelay.isZero()) {
                ctx.diagnostics().error(b.location, DiagnosticCode.INCONSISTENT,
                        "(" + b.name + ") Strict mode requires no repeat garp delay. resetting");
            }
            garpLowerPrioDelay = Duration.ZERO;
            if (Boolean.FALSE.equals(lowerPrioNoAdvert)) {
                ctx.diagnostics().error(b.location, DiagnosticCode.INCONSISTENT,
                        "(" + b.name + ") Strict mode requires no lower priority advert. resetting");
            }
            lowerPrioNoAdvert = true;
            if (Boolean.TRUE.equals(higherPrioSendAdvert)) {
                ctx.diagnostics().error(b.location, DiagnosticCode.INCONSISTENT,
                        "(" + b.name + ") strict mode requires higher_prio_send_advert to be clear. resetting");
            }
            higherPrioSendAdvert = false;
        }
        GarpSettings garp = new GarpSettings(
                b.garpMasterDelay != null ? b.garpMasterDelay : gg.masterDelay(),
                b.garpMasterRepeat != null ? b.garpMasterRepeat : gg.masterRepeat(),
                b.garpMasterRefresh != null ? b.garpMasterRefresh : gg.masterRefresh(),
                b.garpMasterRefreshRepeat != null ? b.garpMasterRefreshRepeat : gg.masterRefreshRepeat(),
                garpLowerPrioDelay != null ? garpLowerPrioDelay
                        : (b.garpMasterDelay != null && g.garpLowerPrioDelay == null ? b.garpMasterDelay : gg.lowerPrioDelay()),
                garpLowerPrioRepeat != null ? garpLowerPrioRepeat
                        : (b.garpMasterRepeat != null && g.garpLowerPrioRepeat == null ? b.garpMasterRepeat : gg.lowerPrioRepeat()),
                gg.interval(), gg.gnaInterval());
        boolean checkUnicastSrc = b.checkUnicastSrc != null ? b.checkUnicastSrc
                : g.checkUnicastSrc || b.peers.stream().anyMatch(p -> p.minTtl().isPresent() || p.maxTtl().isPresent());
        boolean accept = b.accept != null ? b.accept : (!strict || priority == 255);
        if (accept && priority != 255 && strict && version == 2) {
            // keepalived 2.2.7: accept mode is not in RFC 3768, so strict mode turns it off for VRRP v2
            ctx.diagnostics().warning(b.location, DiagnosticCode.INCONSISTENT, "(" + b.name
                    + ") warning - accept mode for VRRP version 2 does not comply with RFC3768 - resetting");
            accept = false;
        }
        return Optional.of(new VrrpInstance(b.name, state, Optional.ofNullable(b.iface), b.vrid, priority, advert,
                version, family, vips, evips, Optional.ofNullable(b.unicastSrc), Optional.ofNullable(b.mcastSrc),
                Optional.ofNullable(b.mcastDst), b.peers, b.unicastTtl, b.unicastFaultNoPeer, checkUnicastSrc, auth,
                b.trackInterfaces, tracked, b.trackFiles, b.dontTrackPrimary, b.notify.build(), b.notifyPriorityChanges,
                b.smtpAlert != null ? b.smtpAlert : g.vrrpSmtpAlertDefault(), garp, nopreempt, preemptDelay, accept,
                strict, b.skipCheckAdvAddr != null ? b.skipCheckAdvAddr : g.skipCheckAdvAddr,
                downTimerAdverts != null ? downTimerAdverts : g.downTimerAdverts,
                lowerPrioNoAdvert != null ? lowerPrioNoAdvert : g.lowerPrioNoAdvert,
                higherPrioSendAdvert != null ? higherPrioSendAdvert : g.higherPrioSendAdvert,
                b.ownerIgnoreAdverts, b.v3ChecksumAsV2 != null ? b.v3ChecksumAsV2 : g.v3ChecksumAsV2, b.useVmac,
                Optional.ofNullable(b.vmacName), b.promoteSecondaries, b.routes, b.rules, b.other, b.location,
                KeywordLocations.of(b.places)));
    }

    private List<VirtualIpAddress> sameFamily(Builder b, List<VirtualIpAddress> vips, InetFamily family) {
        List<VirtualIpAddress> out = new ArrayList<>();
        for (VirtualIpAddress v : vips) {
            if (v.family() != family) {
                ctx.diagnostics().error(v.location(), DiagnosticCode.INCONSISTENT, "(" + b.name + ") address family of VIP "
                        + v.address().getHostAddress() + " differs from the instance's first VIP - skipping it");
            } else {
                out.add(v);
            }
        }
        return out;
    }

    private static List<VirtualIpAddress> resolveDevices(Builder b, List<VirtualIpAddress> vips) {
        if (b.iface == null) {
            return vips;
        }
        List<VirtualIpAddress> out = new ArrayList<>(vips.size());
        for (VirtualIpAddress v : vips) {
            out.add(v.device().isPresent() ? v : new VirtualIpAddress(v.address(), v.prefixLength(), v.broadcast(),
                    Optional.of(b.iface), v.label(), v.scope(), v.peer(), v.noTrack(), v.otherOptions(), v.location()));
        }
        return out;
    }

    /** v2: whole seconds 1..255; v3: centiseconds, at most 40.95 s. */
    private Duration resolveAdvert(Builder b, int version) {
        long nanos = b.advert.toNanos(); // at least 0.01 s (advert_int's bounds) or the default 1 s
        if (version == 2) {
            long s = (nanos + 500_000_000L) / 1_000_000_000L; // whole seconds, HALF_UP
            if (s < 1) {
                s = 1;
            }
            Duration d = Duration.ofSeconds(s);
            if (!d.equals(b.advert) && b.advertAt != null) {
                ctx.diagnostics().warning(b.advertAt, DiagnosticCode.DEFAULT_APPLIED, "(" + b.name
                        + ") VRRPv2 advert interval " + DecimalSeconds.plain(nanos)
                        + "s is not a whole number of seconds - using " + s + "s");
            }
            return d;
        }
        long cs = (nanos + 5_000_000L) / 10_000_000L; // centiseconds, HALF_UP
        if (cs > 4095) {
            ctx.diagnostics().error(b.advertAt, DiagnosticCode.OUT_OF_RANGE,
                    "(" + b.name + ") VRRPv3 advert interval is at most 40.95s - using 40.95s");
            cs = 4095;
        }
        if (cs < 1) {
            cs = 1;
        }
        return Duration.ofMillis(cs * 10);
    }
}
