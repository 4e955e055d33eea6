package io.javalived.daemon.reload;

import io.javalived.daemon.reload.ConfigSnapshot.Destination;
import io.javalived.daemon.reload.ConfigSnapshot.Instance;
import io.javalived.daemon.reload.ConfigSnapshot.InstanceKey;
import io.javalived.daemon.reload.ConfigSnapshot.Service;
import io.javalived.daemon.reload.ConfigSnapshot.Vip;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.RealServer;
import io.javalived.parser.model.SorryServer;
import io.javalived.parser.model.VirtualIpAddress;
import io.javalived.parser.model.VirtualServer;
import io.javalived.parser.model.VirtualServerAddress;
import io.javalived.parser.model.VirtualServerGroup;
import io.javalived.parser.model.VrrpInstance;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import io.javalived.parser.ParseResult;
import io.javalived.parser.diag.Diagnostic;
import io.javalived.parser.diag.Severity;

/** Takes the {@link ConfigSnapshot} of a parsed configuration. Pure. */
public final class ConfigSnapshots {
    private ConfigSnapshots() {}

    private static final Set<String> INSTANCE_IDENTITY = Set.of("name", "virtualRouterId", "family", "interfaceName",
            "unicastSrcIp", "mcastDstIp", "useVmac", "virtualIpAddresses", "excludedVirtualIpAddresses");
    private static final Set<String> SERVICE_KERNEL = Set.of("address", "scheduler", "schedulerFlags",
            "persistenceTimeout", "persistenceGranularity", "persistenceEngine", "realServers", "sorryServer");
    private static final Set<String> DESTINATION_KERNEL = Set.of("address", "port", "weight", "method",
            "upperThreshold", "lowerThreshold");

    /** The snapshot of a parse, with the errors it was accepted with. */
    public static ConfigSnapshot of(ParseResult parsed) {
        ConfigSnapshot s = of(parsed.config());
        return new ConfigSnapshot(s.instances(), s.services(), parsed.diagnostics().stream()
                .filter(d -> d.severity() == Severity.ERROR).map(ConfigSnapshots::errorSignature).toList(),
                s.syncDaemon(), s.statics());
    }

    private static final java.util.regex.Pattern LINES = java.util.regex.Pattern.compile("(?i)\\blines? \\d+(-\\d+)?");

    /** {@code KA101 message}, with "line N" / "lines N-M" taken out: the same mistake moved in the file is the same. */
    public static String errorSignature(Diagnostic d) {
        return d.code().id() + " " + LINES.matcher(d.message()).replaceAll("line #");
    }

    public static ConfigSnapshot of(KeepalivedConfig config) {
        List<Instance> instances = config.vrrpInstances().stream().map(i -> withContext(instance(i), i, config)).toList();
        List<Service> services = config.virtualServers().stream().map(vs -> service(vs, config)).toList();
        return new ConfigSnapshot(instances, services, List.of(), io.javalived.daemon.syncd.SyncDaemonSetup.describe(config),
                statics(config.statics()));
    }

    /**
     * What an instance depends on outside its block: its sync group (name, members, notifies: a changed group
     * restarts its members) and the vrrp_scripts it tracks (a changed script restarts that check). Only present
     * when there is one, so snapshots without them compare equal.
     */
    private static Instance withContext(Instance snapshot, VrrpInstance i, KeepalivedConfig config) {
        Map<String, String> settings = new LinkedHashMap<>(snapshot.settings());
        config.vrrpSyncGroups().stream().filter(g -> g.group().contains(i.name())).findFirst().ifPresent(g ->
                settings.put("sync_group", g.name() + " " + g.group() + " " + Rendering.value(g.notifyScripts())
                        + " track " + Rendering.value(g.trackInterfaces()) + " " + Rendering.value(g.trackScripts())));
        for (var tracked : i.trackScripts()) {
            config.vrrpScripts().stream().filter(s -> s.name().equals(tracked.name())).findFirst().ifPresent(s ->
                    settings.put("vrrp_script " + s.name(), Rendering.value(s)));
        }
        return new Instance(snapshot.name(), snapshot.key(), snapshot.vips(), settings, snapshot.location());
    }

    static Instance instance(VrrpInstance i) {
        InstanceKey key = new InstanceKey(i.virtualRouterId(), i.family().name(), i.interfaceName().orElse(""),
                i.isUnicast(), i.useVmac(),
                (i.isUnicast() ? i.unicastSrcIp() : i.mcastDstIp()).map(InetAddress::getHostAddress).orElse(""));
        List<Vip> vips = Stream.concat(i.virtualIpAddresses().stream().map(v -> vip(v, false)),
                i.excludedVirtualIpAddresses().stream().map(v -> vip(v, true))).toList();
        Map<String, String> settings = new LinkedHashMap<>(Rendering.settings(i, INSTANCE_IDENTITY));
        // The snapshot lands in a state file: the password itself never does, only whether it changed.
        settings.put("authentication", i.authentication().map(a -> a.type() + " secret#"
                + digest(Rendering.value(a))).orElse("none"));
        return new Instance(i.name(), key, vips, settings, i.location().toString());
    }

    /** One line per static entry, as the reload compares them. */
    static List<String> statics(io.javalived.parser.model.StaticEntries e) {
        List<String> out = new ArrayList<>();
        e.addresses().forEach(a -> out.add("static_ipaddress " + vip(a, false)));
        e.routes().forEach(r -> out.add("static_routes " + r.written()));
        e.rules().forEach(r -> out.add("static_rules " + r.written()));
        return out;
    }

    public static Vip vip(VirtualIpAddress v, boolean excluded) {
        List<String> options = new ArrayList<>();
        v.broadcast().ifPresent(b -> options.add("brd " + b.getHostAddress()));
        v.device().ifPresent(d -> options.add("dev " + d));
        if (!"global".equals(v.scope())) {
            options.add("scope " + v.scope());
        }
        v.label().ifPresent(l -> options.add("label " + l));
        v.peer().ifPresent(p -> options.add("peer " + p.getHostAddress()));
        if (v.noTrack()) {
            options.add("no_track");
        }
        options.addAll(v.otherOptions());
        return new Vip(v.address().getHostAddress() + "/" + v.prefixLength(), String.join(" ", options), excluded);
    }

    /** How reload plans, /status and /metrics name a virtual server: {@code TCP 10.0.0.3:80}, {@code FWM 5 inet}, {@code group NAME TCP}. */
    public static String serviceId(VirtualServer vs) {
        String protocol = vs.protocol().name();
        return switch (vs.address()) {
            case VirtualServerAddress.Endpoint e -> protocol + " " + e;
            case VirtualServerAddress.Fwmark f -> "FWM " + f.mark() + " " + f.family().name().toLowerCase(Locale.ROOT);
            case VirtualServerAddress.Group g -> "group " + g.name() + " " + protocol;
        };
    }

    static Service service(VirtualServer vs, KeepalivedConfig config) {
        String id = serviceId(vs);
        List<String> groupEntries = vs.address() instanceof VirtualServerAddress.Group g
                ? config.virtualServerGroups().stream().filter(x -> x.name().equals(g.name())).findFirst()
                        .map(ConfigSnapshots::groupEntries).orElse(List.of())
                : List.of();
        Map<String, String> kernel = new LinkedHashMap<>();
        kernel.put("scheduler", vs.scheduler());
        kernel.put("flags", Rendering.value(vs.schedulerFlags().stream().sorted().toList()));
        kernel.put("persistence_timeout", Rendering.value(vs.persistenceTimeout()));
        kernel.put("persistence_granularity", Rendering.value(vs.persistenceGranularity()));
        kernel.put("persistence_engine", Rendering.value(vs.persistenceEngine()));
        List<Destination> realServers = vs.realServers().stream().map(ConfigSnapshots::destination).toList();
        return new Service(id, kernel, groupEntries, Rendering.settings(vs, SERVICE_KERNEL), realServers,
                vs.sorryServer().map(ConfigSnapshots::sorryServer), vs.location().toString());
    }

    static List<String> groupEntries(VirtualServerGroup group) {
        return group.entries().stream().map(e -> switch (e) {
            case VirtualServerGroup.AddressRange r -> (r.first().equals(r.last())
                    ? host(r.first()) : host(r.first()) + "-" + r.last().getHostAddress()) + ":" + r.port();
            case VirtualServerGroup.Fwmark f -> "FWM " + f.mark() + " " + f.family().name().toLowerCase(Locale.ROOT);
        }).toList();
    }

    static Destination destination(RealServer rs) {
        Map<String, String> kernel = new LinkedHashMap<>();
        kernel.put("weight", Integer.toString(rs.weight()));
        kernel.put("method", rs.method().name());
        kernel.put("uthreshold", Integer.toString(rs.upperThreshold()));
        kernel.put("lthreshold", Integer.toString(rs.lowerThreshold()));
        return new Destination(endpoint(rs.address(), rs.port()), kernel, Rendering.settings(rs, DESTINATION_KERNEL),
                rs.location().toString());
    }

    static Destination sorryServer(SorryServer s) {
        return new Destination(endpoint(s.address(), s.port()), Map.of("method", s.method().name()),
                Map.of("inhibit", Boolean.toString(s.inhibit())), s.location().toString());
    }

    static String endpoint(InetAddress address, int port) {
        return host(address) + ":" + port;
    }

    private static String host(InetAddress a) {
        return a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
    }

    static String digest(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<Instance> find(List<Instance> instances, InstanceKey key) {
        return instances.stream().filter(i -> i.key().equals(key)).findFirst();
    }
}
