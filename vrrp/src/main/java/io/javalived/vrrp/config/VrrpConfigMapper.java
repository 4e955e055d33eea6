package io.javalived.vrrp.config;

import io.javalived.parser.model.InetFamily;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.NotifyScripts;
import io.javalived.parser.model.ScriptCommand;
import io.javalived.scripts.Script;
import io.javalived.scripts.ScriptPolicy;
import io.javalived.parser.model.TrackedInterface;
import io.javalived.parser.model.TrackedScript;
import io.javalived.parser.model.VirtualIpAddress;
import io.javalived.parser.model.VrrpInstance;
import io.javalived.parser.model.VrrpScript;
import io.javalived.parser.model.VrrpSyncGroup;
import io.javalived.vrrp.packet.AuthData;
import io.javalived.vrrp.packet.AuthType;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.packet.VrrpVersion;
import io.javalived.vrrp.receive.Expectations;
import io.javalived.vrrp.receive.ExpectedPeer;
import io.javalived.vrrp.runtime.FirewallSettings;
import io.javalived.vrrp.runtime.InstanceConfig;
import io.javalived.vrrp.runtime.InstanceRouting;
import io.javalived.vrrp.runtime.InterfaceTrack;
import io.javalived.vrrp.runtime.Notifies;
import io.javalived.vrrp.runtime.EngineSettings;
import io.javalived.vrrp.runtime.FileTrack;
import io.javalived.vrrp.runtime.ProcessTrack;
import io.javalived.vrrp.runtime.ScriptTrack;
import io.javalived.vrrp.runtime.Vmac;
import io.javalived.vrrp.state.Vip;
import io.javalived.vrrp.state.GarpSchedule;
import io.javalived.vrrp.state.InstanceSettings;
import io.javalived.vrrp.track.TrackerWeight;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.javalived.parser.model.AuthMethod;
import io.javalived.parser.model.InitialState;
import io.javalived.parser.model.SourceLocation;

/** Maps the parser's typed model to what the VRRP engine runs. Pure apart from the address lookup it is given. */
public final class VrrpConfigMapper {

    /** Finds an interface's default advert source (primary IPv4, or IPv6 link-local). */
    @FunctionalInterface
    public interface AddressLookup {
        Optional<InetAddress> primaryAddress(String interfaceName, IpFamily family);
    }

    private VrrpConfigMapper() {}

    /** Maps with this host's script policy (script users, enable_script_security: keepalived's checks on the files). */
    public static VrrpPlan map(KeepalivedConfig cfg, AddressLookup lookup) {
        var g = cfg.globalDefs();
        return map(cfg, lookup, ScriptPolicy.of(g.enableScriptSecurity(), g.scriptUser(), g.scriptGroup()));
    }

    public static VrrpPlan map(KeepalivedConfig cfg, AddressLookup lookup, ScriptPolicy policy) {
        List<String> problems = new ArrayList<>();
        Scripts scripts = new Scripts(policy, problems);
        TrackFiles trackFiles = new TrackFiles(cfg, problems);
        TrackProcesses trackProcesses = new TrackProcesses(cfg, problems);
        Map<String, VrrpSyncGroup> groupOf = new LinkedHashMap<>();
        for (VrrpSyncGroup g : cfg.vrrpSyncGroups()) {
            for (String member : g.group()) groupOf.put(member, g);
        }
        List<InstanceConfig> instances = new ArrayList<>();
        VmacPlanner vmacs = new VmacPlanner(cfg);
        problems.addAll(vmacs.nameProblems());
        for (VrrpInstance i : cfg.vrrpInstances()) {
            try {
                instances.add(instance(cfg, i, groupOf.get(i.name()), lookup, problems, scripts, vmacs, trackFiles,
                        trackProcesses));
            } catch (IllegalArgumentException e) {
                problems.add(i.location() + ": vrrp_instance " + i.name() + ": " + e.getMessage() + "; instance not started");
            }
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Map<String, Notifies> groupNotifies = new LinkedHashMap<>();
        for (VrrpSyncGroup g : cfg.vrrpSyncGroups()) {
            List<String> present = g.group().stream()
                    .filter(n -> instances.stream().anyMatch(c -> c.name().equals(n))).toList();
            if (present.isEmpty()) {
                problems.add(g.location() + ": vrrp_sync_group " + g.name() + " has no runnable member; not started");
                continue;
            }
            groups.put(g.name(), present);
            groupNotifies.put(g.name(), scripts.notifies(g.notifyScripts(), g.location()));
        }
        // Members of a dropped group run standalone: clear their sync-group flag.
        List<InstanceConfig> fixed = new ArrayList<>();
        for (InstanceConfig c : instances) {
            boolean inGroup = groups.values().stream().anyMatch(m -> m.contains(c.name()));
            fixed.add(inGroup || c.syncGroup().isEmpty() ? c : withoutGroup(c));
        }
        List<java.nio.file.Path> fifos = new ArrayList<>();
        cfg.globalDefs().notifyFifo().ifPresent(f -> fifos.add(java.nio.file.Path.of(f)));
        cfg.globalDefs().vrrpNotifyFifo().ifPresent(f -> fifos.add(java.nio.file.Path.of(f)));
        policy.violation("scripts").ifPresent(problems::add);
        var g = cfg.globalDefs();
        var engine = new EngineSettings(g.vrrpStartupDelay(), g.vrrpGarp().interval(), g.vrrpGarp().gnaInterval(),
                g.logUnknownVrids());
        return new VrrpPlan(fixed, groups, groupNotifies, problems, fifos, engine);
    }

    /** A global_defs keyword the parser keeps uninterpreted, as a flag ({@code KEYWORD [true|false|on|off|yes|no]}). */
    private static boolean globalFlag(KeepalivedConfig cfg, String keyword) {
        return cfg.globalDefs().other().stream().filter(v -> v.keyword().equals(keyword))
                .reduce((a, b) -> b)
                .map(v -> v.args().isEmpty() || Set.of("true", "on", "yes").contains(v.args().getFirst().toLowerCase(java.util.Locale.ROOT)))
                .orElse(false);
    }

    private static InstanceConfig withoutGroup(InstanceConfig c) {
        var s = c.settings();
        var settings = new InstanceSettings(s.name(), s.version(), s.vrid(), s.basePriority(), s.wantMaster(),
                s.intervalCentis(), s.nopreempt(), s.preemptDelay(), s.primaryAddress(), s.downTimerAdverts(),
                s.lowerPrioNoAdvert(), s.higherPrioSendAdvert(), s.garp(), false);
        return new InstanceConfig(settings, c.expectations(), c.interfaceName(), c.sourceAddress(), c.destinations(),
                c.ttl(), c.vips(), c.excludedVips(), c.authType(), c.authData(), c.checksumAsV2(), c.notifies(),
                c.trackInterfaces(), c.trackScripts(), Optional.empty(), c.configFault(), c.notifyPriorityChanges(),
                c.routing(), c.vmacs(), c.trackFiles(), c.trackProcesses(), c.dropsVipTraffic());
    }

    /** v2 sends whole seconds (at least 1, at most 255); v3 centiseconds (1..4095). */
    public static int intervalCentis(Duration advertInt, VrrpVersion v) {
        long cs = Math.round(advertInt.toNanos() / 10_000_000.0);
        if (v == VrrpVersion.V2) {
            long s = Math.clamp(Math.round(advertInt.toNanos() / 1e9), 1, 255);
            return (int) s * 100;
        }
        return (int) Math.clamp(cs, 1, 4095);
    }

    private static InstanceConfig instance(KeepalivedConfig cfg, VrrpInstance i, VrrpSyncGroup group,
                                           AddressLookup lookup, List<String> problems, Scripts prepared,
                                           VmacPlanner vmacPlanner, TrackFiles trackFiles,
                                           TrackProcesses trackProcesses) {
        if (i.virtualRouterId() < 1 || i.virtualRouterId() > 255) {
            throw new IllegalArgumentException("virtual_router_id " + i.virtualRouterId() + " is missing or outside 1..255");
        }
        IpFamily family = i.family() == InetFamily.INET6 ? IpFamily.IPV6 : IpFamily.IPV4;
        VrrpVersion version = family == IpFamily.IPV6 || i.version() == 3 ? VrrpVersion.V3 : VrrpVersion.V2;
        // keepalived's default_interface when neither interface nor unicast_src_ip is set
        String ifname = i.interfaceName().orElse(i.unicastSrcIp().isEmpty() ? cfg.globalDefs().defaultInterface() : null);
        Optional<InetAddress> configuredSource = i.isUnicast() || i.unicastFaultNoPeer() ? i.unicastSrcIp() : i.mcastSrcIp();
        if (ifname == null) {
            throw new IllegalArgumentException("no interface (javalived needs one to send adverts from)");
        }
        InetAddress source = configuredSource.or(() -> lookup.primaryAddress(ifname, family))
                .orElseThrow(() -> new IllegalArgumentException("interface " + ifname + " has no "
                        + (family == IpFamily.IPV4 ? "IPv4" : "IPv6 link-local") + " address to send adverts from"));
        int cs = intervalCentis(i.advertInterval(), version);

        AuthType authType = AuthType.NONE;
        AuthData authData = AuthData.ZEROS;
        if (i.authentication().isPresent()) {
            var a = i.authentication().get();
            if (version == VrrpVersion.V3) {
                problems.add(a.location() + ": vrrp_instance " + i.name() + ": authentication is ignored with VRRPv3");
            } else if (a.type() == AuthMethod.AH) {
                // IPsec AH: HMAC-MD5-96 keyed with the same 8 bytes PASS would send (IPv6 is refused by the parser)
                authType = AuthType.AH;
                authData = AuthData.password(a.password());
            } else {
                authType = AuthType.PASS;
                authData = AuthData.password(a.password());
            }
        }

        VmacPlanner.Plan vmac = vmacPlanner.plan(i, ifname, family, source, lookup, problems);
        List<Vip> vips = i.virtualIpAddresses().stream().map(v -> vipOn(v, vmac.device(v, ifname))).toList();
        List<Vip> excluded = i.excludedVirtualIpAddresses().stream().map(v -> vipOn(v, vmac.device(v, ifname))).toList();
        InetAddress group4 = cfg.globalDefs().vrrpMcastGroup4();
        InetAddress group6 = cfg.globalDefs().vrrpMcastGroup6();
        InetAddress mcast = i.mcastDstIp().orElse(family == IpFamily.IPV4 ? group4 : group6);
        List<ExpectedPeer> peers = i.unicastPeers().stream()
                .map(p -> new ExpectedPeer(p.address(), p.minTtl().orElse(0), p.maxTtl().orElse(255))).toList();
        // unicast_fault_no_peer: a unicast instance without peers stays in FAULT instead of falling back to multicast
        Optional<String> configFault = i.unicastFaultNoPeer() && peers.isEmpty()
                ? Optional.of("no unicast peers (unicast_fault_no_peer)") : Optional.empty();
        List<InetAddress> destinations = configFault.isPresent() ? List.of()
                : i.isUnicast() ? peers.stream().map(ExpectedPeer::address).toList() : List.of(mcast);

        boolean owner = i.priority() == 255;
        boolean ownerIgnoreAdverts = i.ownerIgnoreAdverts() || globalFlag(cfg, "vrrp_owner_ignore_adverts");
        var expectations = new Expectations(version, family, i.virtualRouterId(), authType, authData, cs,
                i.v3ChecksumAsV2(), mcast, peers, i.checkUnicastSrc(), owner && ownerIgnoreAdverts,
                vips.stream().map(Vip::address).toList(), i.skipCheckAdvAddr());

        var g = i.garp();
        GarpSchedule garp = cfg.globalDefs().vrrpMinGarp()
                ? new GarpSchedule(Duration.ZERO, 1, Duration.ZERO, 1, Duration.ZERO, Math.min(1, g.lowerPrioRepeat()))
                : new GarpSchedule(g.masterDelay(), g.masterRepeat(), g.masterRefresh(), g.masterRefreshRepeat(),
                        g.lowerPrioDelay(), g.lowerPrioRepeat());
        boolean wantMaster = i.state() == InitialState.MASTER;
        // strict mode: a MASTER does not answer a lower-priority advert with its own (reference 2.1)
        var settings = new InstanceSettings(i.name(), version, i.virtualRouterId(), i.priority(), wantMaster, cs,
                i.nopreempt(), i.preemptDelay(), source, i.downTimerAdverts(), i.lowerPrioNoAdvert() || i.strictMode(),
                i.higherPrioSendAdvert(), garp, group != null);

        boolean countWeights = group == null || group.syncGroupTrackingWeight() || group.globalTracking();
        List<InterfaceTrack> ifTracks = new ArrayList<>();
        if (!i.dontTrackPrimary()) ifTracks.add(new InterfaceTrack(ifname, TrackerWeight.FAULT_WHEN_DOWN));
        // keepalived follows its VMACs too: the instance's (unless dont_track_primary), a VIP's (unless no_track)
        vmac.vmacs().instance().filter(v -> !i.dontTrackPrimary())
                .ifPresent(v -> ifTracks.add(new InterfaceTrack(v.name(), TrackerWeight.FAULT_WHEN_DOWN)));
        for (Vmac x : vmac.vmacs().extra()) {
            boolean tracked = vmac.devices().entrySet().stream().anyMatch(e -> e.getValue().equals(x.name()) && !e.getKey().noTrack());
            if (tracked) ifTracks.add(new InterfaceTrack(x.name(), TrackerWeight.FAULT_WHEN_DOWN));
        }
        List<TrackedInterface> tis = new ArrayList<>(i.trackInterfaces());
        List<TrackedScript> tss = new ArrayList<>(i.trackScripts());
        if (group != null) {
            tis.addAll(group.trackInterfaces());
            tss.addAll(group.trackScripts());
        }
        for (TrackedInterface t : tis) {
            if (t.weight() != 0 && !countWeights) {
                problems.add(t.location() + ": vrrp_instance " + i.name() + ": track_interface " + t.name()
                        + " weight ignored in a sync group (set sync_group_tracking_weight)");
                continue;
            }
            if (ifTracks.stream().noneMatch(x -> x.name().equals(t.name()) && x.weight().weight() == t.weight())) {
                ifTracks.add(new InterfaceTrack(t.name(), new TrackerWeight(t.weight(), t.reverse())));
            }
        }
        List<ScriptTrack> scripts = new ArrayList<>();
        for (TrackedScript t : tss) {
            Optional<VrrpScript> vs = cfg.vrrpScript(t.name());
            if (vs.isEmpty()) {
                problems.add(t.location() + ": vrrp_instance " + i.name() + ": track_script " + t.name() + " has no vrrp_script; ignored");
                continue;
            }
            if (t.weight() != 0 && !countWeights) {
                problems.add(t.location() + ": vrrp_instance " + i.name() + ": track_script " + t.name()
                        + " weight ignored in a sync group (set sync_group_tracking_weight)");
                continue;
            }
            VrrpScript s = vs.get();
            Optional<Script> runnable = prepared.track(s);
            if (runnable.isEmpty()) continue;   // keepalived removes a disabled vrrp_script from the instance
            scripts.add(new ScriptTrack(t.name(), runnable.get(), s.interval(), s.timeout(),
                    new TrackerWeight(t.weight(), t.reverse()), s.rise(), s.fall(), s.initFail()));
        }
        List<FileTrack> files = files(cfg, i, group, countWeights, trackFiles, problems);
        List<ProcessTrack> processes = processes(cfg, i, group, trackProcesses, problems);
        int ttl = i.isUnicast() ? i.unicastTtl() : 255;
        boolean notifyPriorityChanges = i.notifyPriorityChanges() || (group != null && group.notifyPriorityChanges())
                || globalFlag(cfg, "vrrp_notify_priority_changes");
        return new InstanceConfig(settings, expectations, ifname, source, destinations, ttl, vips, excluded,
                authType, authData, i.v3ChecksumAsV2(), prepared.notifies(i.notifyScripts(), i.location()), ifTracks, scripts,
                Optional.ofNullable(group).map(VrrpSyncGroup::name), configFault, notifyPriorityChanges,
                new InstanceRouting(i.virtualRoutes(), i.virtualRules()), vmac.vmacs(), files, processes,
                dropsVipTraffic(i));
    }

    /**
     * keepalived sets its firewall drop rule for an instance without accept mode that is not the address owner
     * (the parser applied no_accept, accept and vrrp_strict's default); javalived does so for IPv4 instances only.
     */
    static boolean dropsVipTraffic(VrrpInstance i) {
        return !i.accept() && i.priority() != InstanceSettings.OWNER_PRIORITY && i.family() != InetFamily.INET6;
    }

    /**
     * global_defs nftables [TABLE], nftables_priority N, nftables_counters: the firewall's settings. A bad value
     * is given to {@code problems} (naming its file:line) and keepalived's default stays.
     */
    public static FirewallSettings firewallSettings(KeepalivedConfig cfg, java.util.function.Consumer<String> problems) {
        String table = FirewallSettings.DEFAULT_TABLE;
        int priority = FirewallSettings.DEFAULT_PRIORITY;
        boolean counters = false;
        for (var v : cfg.globalDefs().other()) {
            switch (v.keyword()) {
                case "nftables" -> {
                    String t = v.args().isEmpty() ? FirewallSettings.DEFAULT_TABLE : v.args().getFirst();
                    if (t.length() > 255) {
                        problems.accept(v.location() + ": nftables table name '" + t + "' is too long (255 at most); "
                                + "using " + FirewallSettings.DEFAULT_TABLE);
                    } else {
                        table = t;
                    }
                }
                case "nftables_priority" -> {
                    try {
                        priority = Integer.parseInt(v.args().getFirst());
                    } catch (RuntimeException e) {
                        problems.accept(v.location() + ": nftables_priority needs a number, got '"
                                + String.join(" ", v.args()) + "'; using " + FirewallSettings.DEFAULT_PRIORITY);
                    }
                }
                case "nftables_counters" -> counters = true;
                default -> { }
            }
        }
        return new FirewallSettings(table, priority, counters);
    }

    private static boolean groupHasOwner(KeepalivedConfig cfg, VrrpSyncGroup group) {
        return group.group().stream().anyMatch(m -> cfg.vrrpInstances().stream()
                .anyMatch(x -> x.name().equals(m) && x.priority() == 255));
    }

    /**
     * The instance's track_process entries, then its sync group's, as keepalived 2.2.7 joins them: a group's applies to
     * every member with the group's weight (weight 0 when a member is an address owner), unless the member tracks
     * the same process unweighted.
     */
    private static List<ProcessTrack> processes(KeepalivedConfig cfg, VrrpInstance i, VrrpSyncGroup group,
                                                TrackProcesses trackProcesses, List<String> problems) {
        List<ProcessTrack> out = new ArrayList<>();
        trackProcesses.uses(i.name(), i.other().stream().filter(v -> v.keyword().equals("track_process")).toList())
                .forEach(u -> out.add(u.track()));
        if (group == null) return out;
        boolean groupHasOwner = groupHasOwner(cfg, group);
        List<ProcessTrack> fromGroup = new ArrayList<>();
        for (TrackProcesses.Use u : trackProcesses.groupUses(group.name(), group.other().stream()
                .filter(v -> v.keyword().equals("track_process")).toList())) {
            ProcessTrack t = u.track();
            if (groupHasOwner && t.weight().weight() != 0) {
                String msg = u.location() + ": (" + group.name() + ") Cannot have weighted track process '" + t.name()
                        + "' with member having priority 255 - setting weight 0";
                if (!problems.contains(msg)) problems.add(msg);
                t = new ProcessTrack(t.name(), t.pattern(), TrackerWeight.FAULT_WHEN_DOWN.withReverse(t.weight().reverse()),
                        t.quorum(), t.quorumMax(), t.forkDelay(), t.terminateDelay());
            }
            fromGroup.add(t);
        }
        return TrackerLines.withGroup(out, fromGroup, ProcessTrack::name, x -> x.weight().weight() == 0);
    }

    /**
     * The instance's track files, then its sync group's, as keepalived 2.2.7 joins them: an address owner or a member
     * of a group without sync_group_tracking_weight keeps only unweighted files (weight 1, the default, becomes 0;
     * another weight drops the file); a group's file applies to every member with the group's weight (weight 0 when a
     * member is an address owner), unless the member tracks the same file unweighted.
     */
    private static List<FileTrack> files(KeepalivedConfig cfg, VrrpInstance i, VrrpSyncGroup group, boolean countWeights,
                                         TrackFiles trackFiles, List<String> problems) {
        boolean owner = i.priority() == 255;
        String why = owner ? "address_owner" : "SYNC group";
        List<FileTrack> out = new ArrayList<>();
        for (TrackFiles.Use u : trackFiles.uses(i.name(), i.trackFiles())) {
            FileTrack t = u.track();
            int w = t.weight().weight();
            if ((owner || !countWeights) && w != 0) {
                if (w == 1) {
                    problems.add(u.location() + ": (" + i.name() + ") ignoring weight from tracked file " + t.name()
                            + " due to " + why + ". specify weight 0");
                    t = new FileTrack(t.name(), t.path(), TrackerWeight.FAULT_WHEN_DOWN.withReverse(t.weight().reverse()), t.init());
                } else {
                    problems.add(u.location() + ": (" + i.name() + ") ignoring tracked file " + t.name() + " with weight "
                            + w + " due to " + why);
                    continue;
                }
            }
            out.add(t);
        }
        if (group == null) return out;
        boolean groupHasOwner = groupHasOwner(cfg, group);
        List<FileTrack> fromGroup = new ArrayList<>();
        for (TrackFiles.Use u : trackFiles.groupUses(group.name(), group.other().stream()
                .filter(v -> v.keyword().equals("track_file")).toList())) {
            FileTrack t = u.track();
            if (groupHasOwner && t.weight().weight() != 0) {
                String msg = u.location() + ": (" + group.name() + ") Cannot have weighted track file '" + t.name()
                        + "' with member having priority 255 - setting weight 0";
                if (!problems.contains(msg)) problems.add(msg);
                t = new FileTrack(t.name(), t.path(), TrackerWeight.FAULT_WHEN_DOWN.withReverse(t.weight().reverse()), t.init());
            }
            fromGroup.add(t);
        }
        return TrackerLines.withGroup(out, fromGroup, FileTrack::name, x -> x.weight().weight() == 0);
    }

    /** A VIP (or a static_ipaddress line) on its own dev, else on {@code ifname}. */
    public static Vip vip(VirtualIpAddress v, String ifname) {
        return vipOn(v, v.device().orElse(ifname));
    }

    /** @param device where it goes: its {@code dev}, the instance's interface, or a VMAC */
    private static Vip vipOn(VirtualIpAddress v, String device) {
        return new Vip(v.address(), v.prefixLength(), device, v.label(), Vip.scopeNumber(v.scope()),
                v.broadcast(), v.peer());
    }

    /**
     * The configuration's scripts through the script policy: each vrrp_script prepared once (keepalived checks the
     * list, not each use), notify scripts per block; keepalived's messages go to the problems with the place.
     */
    private static final class Scripts {
        private final ScriptPolicy policy;
        private final List<String> problems;
        private final Map<String, Optional<Script>> tracks = new java.util.HashMap<>();

        Scripts(ScriptPolicy policy, List<String> problems) {
            this.policy = policy;
            this.problems = problems;
        }

        Optional<Script> track(VrrpScript s) {
            return tracks.computeIfAbsent(s.name(), n -> prepare(ScriptPolicy.Kind.TRACK_SCRIPT, n, s.script(), s.location()));
        }

        Notifies notifies(NotifyScripts n, SourceLocation at) {
            return new Notifies(notify("notify_master", n.master(), at), notify("notify_backup", n.backup(), at),
                    notify("notify_fault", n.fault(), at), notify("notify_stop", n.stop(), at),
                    notify("notify", n.generic(), at), notify("notify_master_rx_lower_pri", n.masterRxLowerPri(), at));
        }

        private Optional<Script> notify(String keyword, Optional<ScriptCommand> c, SourceLocation at) {
            return c.flatMap(cmd -> prepare(ScriptPolicy.Kind.NOTIFY, keyword, cmd, at));
        }

        private Optional<Script> prepare(ScriptPolicy.Kind kind, String name, ScriptCommand c,
                                         SourceLocation at) {
            ScriptPolicy.Prepared p = policy.prepare(kind, name, c.argv(), c.user(), c.group());
            p.messages().forEach(m -> problems.add(at + ": " + m));
            return p.script();
        }
    }
}
