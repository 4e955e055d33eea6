package io.javalived.healthcheck.lvs;

import io.javalived.healthcheck.probe.Connection;
import io.javalived.healthcheck.probe.DnsProbe;
import io.javalived.healthcheck.probe.HttpProbe;
import io.javalived.healthcheck.probe.MiscProbe;
import io.javalived.scripts.Script;
import io.javalived.scripts.ScriptPolicy;
import io.javalived.healthcheck.probe.PingProbe;
import io.javalived.healthcheck.probe.Probe;
import io.javalived.healthcheck.probe.SmtpProbe;
import io.javalived.healthcheck.probe.StatusCodes;
import io.javalived.healthcheck.probe.TcpProbe;
import io.javalived.healthcheck.probe.UdpProbe;
import io.javalived.healthcheck.schedule.CheckSpec;
import io.javalived.healthcheck.schedule.CheckTiming;
import io.javalived.ipvs.AddressFamily;
import io.javalived.ipvs.Addresses;
import io.javalived.ipvs.Destination;
import io.javalived.ipvs.ForwardingMethod;
import io.javalived.ipvs.Protocol;
import io.javalived.ipvs.ServiceFlag;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.Timeouts;
import io.javalived.ipvs.Tunnel;
import io.javalived.ipvs.VirtualService;
import io.javalived.parser.model.BfdCheck;
import io.javalived.parser.model.Checker;
import io.javalived.parser.model.CheckerSettings;
import io.javalived.parser.model.DnsCheck;
import io.javalived.parser.model.FileCheck;
import io.javalived.parser.model.GlobalDefs;
import io.javalived.parser.model.HttpGet;
import io.javalived.parser.model.HttpUrl;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.LvsMethod;
import io.javalived.parser.model.MiscCheck;
import io.javalived.parser.model.PingCheck;
import io.javalived.parser.model.RealServer;
import io.javalived.parser.model.ScriptCommand;
import io.javalived.parser.model.SmtpCheck;
import io.javalived.parser.model.SslGet;
import io.javalived.parser.model.TcpCheck;
import io.javalived.parser.model.UdpCheck;
import io.javalived.parser.model.VirtualServer;
import io.javalived.parser.model.VirtualServerAddress;
import io.javalived.parser.model.VirtualServerGroup;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.javalived.parser.model.InetFamily;
import io.javalived.parser.model.ScheduledChecker;
import io.javalived.parser.model.ServiceProtocol;
import io.javalived.parser.model.SourceLocation;

/**
 * Resolves the typed configuration into what the reconciler and the checkers run: IPVS services and
 * destinations, one {@link CheckSpec} per checker, and the table-wide options (lvs_flush, lvs_flush_on_stop).
 * Checkers it cannot run (FILE_CHECK, BFD_CHECK) are left out. What the run path does not apply is reported once,
 * by the daemon's one list of keywords not applied (io.javalived.daemon.config.NotApplied: -t, start and reload);
 * the warnings here are the planner's own (a group that names nothing, a range too large, ...).
 */
public final class LvsPlanner {

    /**
     * The plans, the table-wide settings and the warnings (one line each, with the place in the file).
     *
     * @param options the reconciler's options from global_defs; its {@code addresses} is {@link LocalAddresses#NONE}
     *                (the caller who has the host's addresses sets them)
     */
    public record Plan(List<VirtualServerPlan> virtualServers, Optional<Timeouts> timeouts, Reconciler.Options options,
                       List<String> warnings) {
    }

    private final List<String> warnings = new ArrayList<>();
    private final KeepalivedConfig config;
    private final ScriptPolicy scripts;
    private io.javalived.healthcheck.probe.TlsClient tlsClient;

    private LvsPlanner(KeepalivedConfig config, ScriptPolicy scripts) {
        this.config = config;
        this.scripts = scripts;
    }

    /** Plans with this host's script policy (script users; keepalived's checks of the script files). */
    public static Plan plan(KeepalivedConfig config) {
        GlobalDefs g = config.globalDefs();
        return plan(config, ScriptPolicy.of(g.enableScriptSecurity(), g.scriptUser(), g.scriptGroup()));
    }

    public static Plan plan(KeepalivedConfig config, ScriptPolicy scripts) {
        LvsPlanner planner = new LvsPlanner(config, scripts);
        List<VirtualServerPlan> plans = config.virtualServers().stream().map(planner::virtualServer).toList();
        scripts.violation("check scripts").ifPresent(planner.warnings::add);
        return new Plan(plans, timeouts(config.globalDefs()), options(config.globalDefs()), List.copyOf(planner.warnings));
    }

    static Reconciler.Options options(GlobalDefs defs) {
        Reconciler.OnStop onStop = switch (defs.lvsFlushOnStop()) {
            case FULL -> Reconciler.OnStop.FLUSH;
            // VS: delete only the virtual servers, which javalived's stop does anyway (see Reconciler.OnStop)
            case DISABLED, VS -> Reconciler.OnStop.DELETE_INSTALLED;
        };
        return new Reconciler.Options(defs.lvsFlush(), onStop, LocalAddresses.NONE, rsInitNotifies(defs));
    }

    /** {@code rs_init_notifies [true|false]} (kept raw by the parser; no value means true, as keepalived). */
    static boolean rsInitNotifies(GlobalDefs defs) {
        boolean on = false;
        for (var v : defs.other()) {
            if (v.keyword().equals("rs_init_notifies")) {
                on = v.args().isEmpty() || switch (v.args().getFirst().toLowerCase(java.util.Locale.ROOT)) {
                    case "true", "yes", "on" -> true;
                    default -> false;
                };
            }
        }
        return on;
    }

    static Optional<Timeouts> timeouts(GlobalDefs defs) {
        return defs.lvsTimeouts().map(t -> new Timeouts(seconds(t.tcp()), seconds(t.tcpFin()), seconds(t.udp())));
    }

    private static int seconds(Optional<Duration> d) {
        return d.map(x -> (int) x.toSeconds()).orElse(0);
    }

    private VirtualServerPlan virtualServer(VirtualServer vs) {
        List<ServiceKey> keys = serviceKeys(vs);
        List<VirtualService> services = keys.stream().map(k -> service(vs, k)).toList();
        List<RealServerPlan> realServers = vs.realServers().stream().map(rs -> realServer(vs, rs)).toList();
        Optional<VirtualServerPlan.SorryPlan> sorry = vs.sorryServer().map(s -> new VirtualServerPlan.SorryPlan(
                new Destination(s.address(), s.port(), forwarding(s.method()), 1, 0, 0, Tunnel.IPIP), s.inhibit()));
        return new VirtualServerPlan(name(vs.address(), vs.protocol()), services, realServers, vs.quorum(), vs.hysteresis(),
                script(ScriptPolicy.Kind.NOTIFY, "quorum_up", vs.quorumUp(), vs.location()),
                script(ScriptPolicy.Kind.NOTIFY, "quorum_down", vs.quorumDown(), vs.location()), sorry, vs.omega(),
                haSuspend(vs, keys));
    }

    /**
     * ha_suspend: the virtual server's addresses (a group's: every address of its ranges). keepalived clears it,
     * with an error, on a fwmark virtual server or a group with fwmark entries; so does javalived, with a warning.
     * (keepalived 2.2's address match returns early for any group, so there a group's checks never start; javalived
     * follows the group's addresses instead.)
     */
    private Set<InetAddress> haSuspend(VirtualServer vs, List<ServiceKey> keys) {
        if (!vs.haSuspend()) {
            return Set.of();
        }
        if (keys.stream().anyMatch(k -> k instanceof ServiceKey.Fwmark)) {
            warnings.add(vs.location() + ": Virtual server " + name(vs.address(), vs.protocol())
                    + ": cannot use ha_suspend with fwmarks - clearing ha_suspend (its checks always run)");
            return Set.of();
        }
        Set<InetAddress> addresses = new java.util.LinkedHashSet<>();
        for (ServiceKey k : keys) {
            if (k instanceof ServiceKey.Address a) {
                addresses.add(a.address());
            }
        }
        return addresses;
    }

    static String name(VirtualServerAddress address, ServiceProtocol protocol) {
        return switch (address) {
            case VirtualServerAddress.Endpoint e -> "[" + e.address().getHostAddress() + "]:"
                    + protocol.name().toLowerCase(java.util.Locale.ROOT) + ":" + e.port();
            case VirtualServerAddress.Fwmark f -> "FWM " + f.mark();
            case VirtualServerAddress.Group g -> "group " + g.name();
        };
    }

    private List<ServiceKey> serviceKeys(VirtualServer vs) {
        Protocol protocol = Protocol.valueOf(vs.protocol().name());
        return switch (vs.address()) {
            case VirtualServerAddress.Endpoint e -> List.of(new ServiceKey.Address(protocol, e.address(), e.port()));
            case VirtualServerAddress.Fwmark f -> List.of(new ServiceKey.Fwmark((int) f.mark(), family(f.family())));
            case VirtualServerAddress.Group g -> groupKeys(g.name(), protocol, vs);
        };
    }

    private List<ServiceKey> groupKeys(String name, Protocol protocol, VirtualServer vs) {
        Optional<VirtualServerGroup> group = config.virtualServerGroups().stream().filter(x -> x.name().equals(name)).findFirst();
        if (group.isEmpty()) {
            warnings.add(vs.location() + ": virtual_server group " + name + " names no virtual_server_group; nothing installed for it");
            return List.of();
        }
        List<ServiceKey> keys = new ArrayList<>();
        for (VirtualServerGroup.Entry entry : group.get().entries()) {
            switch (entry) {
                case VirtualServerGroup.AddressRange r -> {
                    BigInteger first = new BigInteger(1, r.first().getAddress());
                    BigInteger last = new BigInteger(1, r.last().getAddress());
                    if (last.subtract(first).compareTo(BigInteger.valueOf(65535)) > 0) {
                        warnings.add(r.location() + ": address range of group " + name + " is too large; ignored");
                        continue;
                    }
                    for (BigInteger a = first; a.compareTo(last) <= 0; a = a.add(BigInteger.ONE)) {
                        keys.add(new ServiceKey.Address(protocol, address(a, r.first().getAddress().length), r.port()));
                    }
                }
                case VirtualServerGroup.Fwmark f -> keys.add(new ServiceKey.Fwmark((int) f.mark(), family(f.family())));
            }
        }
        return keys;
    }

    private static InetAddress address(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AddressFamily family(InetFamily f) {
        return f == InetFamily.INET6 ? AddressFamily.INET6 : AddressFamily.INET;
    }

    private VirtualService service(VirtualServer vs, ServiceKey key) {
        int timeout = vs.persistenceTimeout().map(d -> (int) d.toSeconds()).orElse(0);
        int netmask = vs.persistenceGranularity().map(g -> netmask(g, key.family(), vs)).orElse(key.family().defaultNetmask());
        return new VirtualService(key, vs.scheduler(), flags(vs), timeout, netmask, vs.persistenceEngine().orElse(null));
    }

    private int netmask(String granularity, AddressFamily family, VirtualServer vs) {
        String g = granularity.startsWith("/") ? granularity.substring(1) : granularity;
        try {
            if (g.matches("\\d{1,3}")) {
                int len = Integer.parseInt(g);
                if (family == AddressFamily.INET6) {
                    return len;
                }
                return len == 0 ? 0 : (int) (0xffffffffL << (32 - len));
            }
            InetAddress mask = Addresses.parseNumeric(g);
            if (mask != null && mask.getAddress().length == 4) {
                return new BigInteger(1, mask.getAddress()).intValue();
            }
        } catch (RuntimeException e) {
            // fall through to the warning
        }
        warnings.add(vs.location() + ": persistence_granularity " + granularity + " is not a netmask; using the full mask");
        return family.defaultNetmask();
    }

    private static Set<ServiceFlag> flags(VirtualServer vs) {
        EnumSet<ServiceFlag> flags = EnumSet.noneOf(ServiceFlag.class);
        for (String f : vs.schedulerFlags()) {
            switch (f) {
                case "flag-1", "sh-fallback", "mh-fallback" -> flags.add(ServiceFlag.SCHED1);
                case "flag-2", "sh-port", "mh-port" -> flags.add(ServiceFlag.SCHED2);
                case "flag-3" -> flags.add(ServiceFlag.SCHED3);
                case "ops" -> flags.add(ServiceFlag.ONE_PACKET);
                default -> { } // hashed: the kernel's own bookkeeping
            }
        }
        return flags;
    }

    static ForwardingMethod forwarding(LvsMethod method) {
        return switch (method) {
            case NAT -> ForwardingMethod.MASQ;
            case DR -> ForwardingMethod.ROUTE;
            case TUN -> ForwardingMethod.TUNNEL;
        };
    }

    /** How the plans (and logs) name a virtual server: {@code [10.0.0.3]:tcp:80}, {@code FWM 1}, {@code group NAME}. */
    public static String virtualServerName(VirtualServer vs) {
        return name(vs.address(), vs.protocol());
    }

    /** How the plans (and logs) name a real server: {@code [192.168.1.1]:tcp:80}. */
    public static String realServerName(VirtualServer vs, RealServer rs) {
        String proto = vs.protocol().name().toLowerCase(java.util.Locale.ROOT);
        return "[" + rs.address().getHostAddress() + "]:" + proto + ":" + rs.port();
    }

    private RealServerPlan realServer(VirtualServer vs, RealServer rs) {
        String name = realServerName(vs, rs);
        Destination destination = new Destination(rs.address(), rs.port(), forwarding(rs.method()), rs.weight(),
                rs.upperThreshold(), rs.lowerThreshold(), Tunnel.IPIP);
        List<CheckSpec> checks = new ArrayList<>();
        for (Checker checker : rs.checkers()) {
            check(checker).ifPresent(checks::add);
            if (checker instanceof SmtpCheck m) {
                // keepalived 2.2.7: every other host block of an SMTP_CHECK is one more checker of the real server
                m.hosts().forEach(h -> check(new SmtpCheck(h, m.heloName(), List.of(), m.location())).ifPresent(checks::add));
            }
        }
        return new RealServerPlan(name, destination, rs.inhibitOnFailure(), rs.alpha(),
                script(ScriptPolicy.Kind.NOTIFY, "notify_up", rs.notifyUp(), rs.location()),
                script(ScriptPolicy.Kind.NOTIFY, "notify_down", rs.notifyDown(), rs.location()), checks);
    }

    private Optional<CheckSpec> check(Checker checker) {
        try {
            return checkOrThrow(checker);
        } catch (IllegalArgumentException e) {
            warnings.add(checker.location() + ": " + checker.kind() + " cannot run: " + e.getMessage() + "; left out");
            return Optional.empty();
        }
    }

    private Optional<CheckSpec> checkOrThrow(Checker checker) {
        Optional<Probe> probe = switch (checker) {
            case TcpCheck t -> Optional.of(new TcpProbe(connection(t.settings())));
            case HttpGet h -> Optional.of(new HttpProbe(connection(h.settings()), false, protocol(h.httpProtocol(), h),
                    urls(h.urls(), h.virtualhost(), false), Optional.empty()));
            case SslGet s -> Optional.of(new HttpProbe(connection(s.settings()), true, protocol(s.httpProtocol(), s),
                    urls(s.urls(), s.virtualhost(), s.tlsCompliant()),
                    s.enableSni() ? s.sniName().or(s::virtualhost) : Optional.empty(), tlsClient()));
            // keepalived removes a MISC_CHECK whose script is disabled (the real server keeps its other checkers)
            case MiscCheck m -> script(ScriptPolicy.Kind.MISC_CHECK, "misc_path", Optional.of(m.miscPath()), checker.location())
                    .map(sc -> new MiscProbe(sc, m.miscTimeout(), m.miscDynamic()));
            case UdpCheck u -> Optional.of(new UdpProbe(connection(u.settings()),
                    u.payload().map(p -> p.replaceAll("\\s", "")).orElse(""), u.requireReply(), u.minReplyLength(), u.maxReplyLength()));
            case PingCheck p -> Optional.of(new PingProbe(connection(p.settings())));
            case SmtpCheck m -> Optional.of(new SmtpProbe(connection(m.settings()), m.heloName()));
            case DnsCheck d -> Optional.of(new DnsProbe(connection(d.settings()), d.type(), d.name()));
            case FileCheck f -> Optional.empty(); // not applied: reported by NotApplied
            case BfdCheck b -> Optional.empty();
        };
        if (probe.isEmpty()) {
            return Optional.empty();
        }
        CheckerSettings s = ((ScheduledChecker) checker).settings();
        // keepalived 2.2.7: HTTP_GET/SSL_GET without fast_recovery confirm a recovery one delay_loop later
        boolean confirmRecovery = checker instanceof HttpGet h && !h.fastRecovery() || checker instanceof SslGet l && !l.fastRecovery();
        return Optional.of(new CheckSpec(probe.get(), new CheckTiming(s.delayLoop(), s.warmup(), s.retry(), s.delayBeforeRetry(),
                confirmRecovery), s.alpha()));
    }

    private static Connection connection(CheckerSettings s) {
        return new Connection(new InetSocketAddress(s.connectIp(), s.connectPort()), s.bindTo(), s.bindPort().orElse(0),
                s.connectTimeout());
    }

    private HttpProbe.HttpProtocol protocol(String keyword, Checker checker) {
        return HttpProbe.HttpProtocol.fromKeyword(keyword).orElseGet(() -> {
            warnings.add(checker.location() + ": http_protocol " + keyword + " is not 1.0, 1.0C or 1.1; using 1.0");
            return HttpProbe.HttpProtocol.HTTP_1_0;
        });
    }

    /** The global SSL block, read once per plan (files loaded, problems reported at their file:line). */
    private io.javalived.healthcheck.probe.TlsClient tlsClient() {
        if (tlsClient == null) {
            tlsClient = SslBlockLoader.load(config, warnings::add);
        }
        return tlsClient;
    }

    private List<HttpProbe.Url> urls(List<HttpUrl> urls, Optional<String> checkerHost, boolean tlsCompliant) {
        return urls.stream().map(u -> {
            StatusCodes codes = u.statusCodes().isEmpty() ? StatusCodes.DEFAULT : new StatusCodes(u.statusCodes().stream()
                    .map(r -> new StatusCodes.Range(r.from(), r.to())).toList());
            return new HttpProbe.Url(u.path(), codes, u.digest(), u.virtualhost().or(() -> checkerHost),
                    UrlRegexPlanner.plan(u, warnings::add), tlsCompliant || tlsCompliant(u));
        }).toList();
    }

    /** A url block's own tls_compliant [BOOL] (keepalived 2.2.8's keyword, kept raw by the parser). */
    private static boolean tlsCompliant(HttpUrl url) {
        return url.other().stream().filter(v -> v.keyword().equals("tls_compliant")).reduce((a, b) -> b)
                .map(v -> v.args().isEmpty() || java.util.Set.of("true", "on", "yes").contains(v.args().getFirst()
                        .toLowerCase(java.util.Locale.ROOT))).orElse(false);
    }

    /** A configured script through the policy: its user, keepalived's checks; empty when keepalived disables it. */
    private Optional<Script> script(ScriptPolicy.Kind kind, String keyword, Optional<ScriptCommand> command,
                                    SourceLocation at) {
        return command.flatMap(c -> {
            ScriptPolicy.Prepared p = scripts.prepare(kind, keyword, c.argv(), c.user(), c.group());
            p.messages().forEach(m -> warnings.add(at + ": " + m));
            return p.script();
        });
    }
}
