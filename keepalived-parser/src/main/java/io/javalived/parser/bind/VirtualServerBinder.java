package io.javalived.parser.bind;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.model.AnycastAnnounce;
import io.javalived.parser.model.InetFamily;
import io.javalived.parser.model.Checker;
import io.javalived.parser.model.CheckerKind;
import io.javalived.parser.model.LvsMethod;
import io.javalived.parser.model.ServiceProtocol;
import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.RealServer;
import io.javalived.parser.model.ScriptCommand;
import io.javalived.parser.model.SorryServer;
import io.javalived.parser.model.SourceLocation;
import io.javalived.parser.model.VirtualServer;
import io.javalived.parser.model.VirtualServerAddress;
import io.javalived.parser.syntax.Node;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@code virtual_server} and {@code real_server}: keyword tables, defaults and checks (reference 1.7, 7). */
final class VirtualServerBinder {

    static final Set<String> SCHEDULERS = Set.of("rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf",
            "lblcr", "sed", "nq", "twos");
    static final Set<String> FLAGS = Set.of("flag-1", "flag-2", "flag-3", "sh-port", "sh-fallback", "mh-port",
            "mh-fallback", "ops", "hashed");

    /** Where a real server or virtual server address was written as {@code IP:PORT}. */
    record HostPort(InetAddress address, int port, boolean colon) {}

    static final class Builder implements KeywordTable.Keeps {
        VirtualServerAddress address;
        SourceLocation location;
        ServiceProtocol protocol;
        SourceLocation protocolAt;
        String scheduler;
        LvsMethod method;
        Duration persistence;
        String granularity;
        String engine;
        final List<String> flags = new ArrayList<>();
        Duration delayLoop;
        Duration connectTimeout;
        Integer retry;
        Duration delayBeforeRetry;
        Duration warmup;
        boolean inhibit;
        boolean alpha;
        boolean omega;
        long quorum = 1;
        long hysteresis;
        ScriptCommand quorumUp;
        ScriptCommand quorumDown;
        int weight = 1;
        boolean haSuspend;
        Boolean smtpAlert;
        String virtualhost;
        HostPort sorry;
        SourceLocation sorryAt;
        boolean sorryInhibit;
        LvsMethod sorryMethod;
        InetFamily ipFamily;
        SourceLocation announce;
        final List<RealBuilder> reals = new ArrayList<>();
        final List<RawValue> other = new ArrayList<>();

        @Override
        public List<RawValue> other() {
            return other;
        }
    }

    static final class RealBuilder implements KeywordTable.Keeps {
        HostPort hostPort;
        SourceLocation location;
        Integer weight;
        LvsMethod method;
        int uthreshold;
        int lthreshold;
        Boolean inhibit;
        ScriptCommand notifyUp;
        ScriptCommand notifyDown;
        Boolean alpha;
        Integer retry;
        Duration delayBeforeRetry;
        Duration warmup;
        Duration connectTimeout;
        Duration delayLoop;
        Boolean smtpAlert;
        String virtualhost;
        final List<CheckerBinder.Builder> checkers = new ArrayList<>();
        final List<RawValue> other = new ArrayList<>();

        @Override
        public List<RawValue> other() {
            return other;
        }
    }

    private final BindContext ctx;
    private final CheckerBinder checkers;
    private final KeywordTable<Builder> table = new KeywordTable<>("virtual_server");
    private final KeywordTable<RealBuilder> realTable = new KeywordTable<>("real_server");

    VirtualServerBinder(BindContext ctx) {
        this.ctx = ctx;
        this.checkers = new CheckerBinder(ctx);
        table.value("lvs_sched", (b, n) -> ctx.string(n).ifPresent(v -> {
                    if (SCHEDULERS.contains(v)) {
                        b.scheduler = v;
                    } else {
                        ctx.diagnostics().error(n.location(), DiagnosticCode.INVALID_VALUE, "Unknown scheduler '" + v
                                + "' (" + String.join(" ", new java.util.TreeSet<>(SCHEDULERS)) + ") - ignoring");
                    }
                }))
                .alias("lb_algo", "lvs_sched", false)
                .value("lvs_method", (b, n) -> method(n, "virtual server").ifPresent(m -> {
                    b.method = m;
                    keepTunnelOptions(n, m, b.other);
                }))
                .alias("lb_kind", "lvs_method", false)
                .value("protocol", (b, n) -> ctx.string(n).ifPresent(v -> {
                    switch (v.toUpperCase(Locale.ROOT)) {
                        case "TCP" -> b.protocol = ServiceProtocol.TCP;
                        case "UDP" -> b.protocol = ServiceProtocol.UDP;
                        case "SCTP" -> b.protocol = ServiceProtocol.SCTP;
                        default -> ctx.diagnostics().error(n.location(), DiagnosticCode.INVALID_VALUE,
                                "Unknown protocol '" + v + "' (TCP, UDP or SCTP) - ignoring");
                    }
                    b.protocolAt = n.location();
                }))
                .value("persistence_timeout", (b, n) -> {
                    if (n.argCount() == 0) {
                        b.persistence = Duration.ofSeconds(360);
                    } else {
                        ctx.integer(n, 0, 1, 31L * 24 * 3600).ifPresent(v -> b.persistence = Duration.ofSeconds(v));
                    }
                })
                .value("persistence_granularity", (b, n) -> ctx.string(n).ifPresent(v -> b.granularity = v))
                .value("persistence_engine", (b, n) -> ctx.string(n).ifPresent(v -> b.engine = v))
                .value("delay_loop", (b, n) -> ctx.timer(n, 0, 0.000001, 86400).ifPresent(v -> b.delayLoop = v))
                .value("connect_timeout", (b, n) -> ctx.timer(n, 0, 0.000001, 86400).ifPresent(v -> b.connectTimeout = v))
                .value("retry", (b, n) -> ctx.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> b.retry = (int) v))
                .value("delay_before_retry", (b, n) -> ctx.timer(n, 0, 0, 86400).ifPresent(v -> b.delayBeforeRetry = v))
                .value("warmup", (b, n) -> ctx.timer(n, 0, 0, 86400).ifPresent(v -> b.warmup = v))
                .value("inhibit_on_failure", (b, n) -> b.inhibit = ctx.bool(n, 0))
                .value("alpha", (b, n) -> b.alpha = ctx.bool(n, 0))
                .value("omega", (b, n) -> b.omega = ctx.bool(n, 0))
                .value("quorum", (b, n) -> ctx.integer(n, 0, 1, Integer.MAX_VALUE).ifPresent(v -> b.quorum = v))
                .value("hysteresis", (b, n) -> ctx.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> b.hysteresis = v))
                .value("quorum_up", (b, n) -> ctx.script(n).ifPresent(v -> b.quorumUp = v))
                .value("quorum_down", (b, n) -> ctx.script(n).ifPresent(v -> b.quorumDown = v))
                .value("weight", (b, n) -> ctx.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> b.weight = (int) v))
                .value("ha_suspend", (b, n) -> b.haSuspend = true)
                .value("smtp_alert", (b, n) -> b.smtpAlert = ctx.bool(n, 0))
                .value("virtualhost", (b, n) -> ctx.string(n).ifPresent(v -> b.virtualhost = v))
                .value("ip_family", (b, n) -> ctx.string(n).ifPresent(v -> {
                    switch (v) {
                        case "inet" -> b.ipFamily = InetFamily.INET;
                        case "inet6" -> b.ipFamily = InetFamily.INET6;
                        default -> ctx.diagnostics().error(n.location(), DiagnosticCode.INVALID_VALUE,
                                "ip_family must be inet or inet6, not '" + v + "' - ignoring");
                    }
                }))
                .value("sorry_server", (b, n) -> {
                    b.sorryAt = n.location();
                    hostPort(n, 0, "sorry server").ifPresent(h -> b.sorry = h);
                })
                .value("sorry_server_inhibit", (b, n) -> b.sorryInhibit = ctx.bool(n, 0))
                .value("sorry_server_lvs_method", (b, n) -> method(n, "sorry server").ifPresent(m -> {
                    b.sorryMethod = m;
                    keepTunnelOptions(n, m, b.other);
                }))
                .value("javalived_announce", (b, n) -> {
                    if (n.argCount() > 0) {
                        ctx.diagnostics().error(n.location(), DiagnosticCode.EXTRA_PARAMETER, "javalived_announce takes no "
                                + "arguments, not '" + String.join(" ", n.args()) + "' - ignoring the line");
                    } else {
                        b.announce = n.location();
                    }
                })
                .block("real_server", (b, n) -> realServer(n).ifPresent(b.reals::add))
                .obsolete("nat_mask",
                        "nat_mask is obsolete (IPVS has no NAT netmask; keepalived 2.2.7 reports it as an unknown keyword) - ignoring");
        for (String f : FLAGS) {
            table.value(f, (b, n) -> b.flags.add(f));
        }
        Tables.raw(table, b -> b.other, "snmp_name");

        realTable.value("weight", (r, n) -> ctx.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> r.weight = (int) v))
                .value("lvs_method", (r, n) -> method(n, "real server").ifPresent(m -> {
                    r.method = m;
                    keepTunnelOptions(n, m, r.other);
                }))
                .alias("lb_kind", "lvs_method", false)
                .value("uthreshold", (r, n) -> ctx.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> r.uthreshold = (int) v))
                .value("lthreshold", (r, n) -> ctx.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> r.lthreshold = (int) v))
                .value("inhibit_on_failure", (r, n) -> r.inhibit = ctx.bool(n, 0))
                .value("notify_up", (r, n) -> ctx.script(n).ifPresent(v -> r.notifyUp = v))
                .value("notify_down", (r, n) -> ctx.script(n).ifPresent(v -> r.notifyDown = v))
                .value("alpha", (r, n) -> r.alpha = ctx.bool(n, 0))
                .value("retry", (r, n) -> ctx.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> r.retry = (int) v))
                .value("delay_before_retry", (r, n) -> ctx.timer(n, 0, 0, 86400).ifPresent(v -> r.delayBeforeRetry = v))
                .value("warmup", (r, n) -> ctx.timer(n, 0, 0, 86400).ifPresent(v -> r.warmup = v))
                .value("connect_timeout", (r, n) -> ctx.timer(n, 0, 0.000001, 86400).ifPresent(v -> r.connectTimeout = v))
                .value("delay_loop", (r, n) -> ctx.timer(n, 0, 0.000001, 86400).ifPresent(v -> r.delayLoop = v))
                .value("smtp_alert", (r, n) -> r.smtpAlert = ctx.bool(n, 0))
                .value("virtualhost", (r, n) -> ctx.string(n).ifPresent(v -> r.virtualhost = v));
        for (String kind : CheckerBinder.KINDS) {
            realTable.block(kind, (r, n) -> r.checkers.add(checkers.bind(n)));
        }
        Tables.raw(realTable, r -> r.other, "snmp_name");
    }

    KeywordTable<Builder> table() {
        return table;
    }

    KeywordTable<RealBuilder> realTable() {
        return realTable;
    }

    CheckerBinder checkers() {
        return checkers;
    }

    /**
     * {@code TUN type ipip|gue port N|gre [nocsum|csum|remcsum]}: the model has the method only, so the tunnel options are
     * kept as written in the block's {@code other} (the product reports what it does not apply).
     */
    private static void keepTunnelOptions(Node n, LvsMethod m, List<RawValue> other) {
        if (m == LvsMethod.TUN && n.argCount() > 1) {
            other.add(BindContext.raw(n));
        }
    }

    /**
     * keepalived 2.2.7 reads the method exactly as written ({@code NAT}, {@code DR}, {@code TUN}: upper case); any other
     * spelling, {@code dr} included, is an unknown method, reported in its words, and the block keeps its default
     * (a virtual server NAT, with keepalived's "no forwarding method set" warning; a real server its virtual server's).
     */
    private Optional<LvsMethod> method(Node n, String what) {
        if (!ctx.needArgs(n, 1)) {
            return Optional.empty();
        }
        return switch (n.arg(0)) {
            case "NAT" -> Optional.of(LvsMethod.NAT);
            case "DR" -> Optional.of(LvsMethod.DR);
            case "TUN" -> Optional.of(LvsMethod.TUN);
            default -> {
                ctx.diagnostics().error(n.location(), DiagnosticCode.INVALID_VALUE, "PARSER : unknown [" + n.arg(0)
                        + "] routing method for " + what + "." + (java.util.Set.of("NAT", "DR", "TUN").contains(n.arg(0).toUpperCase(Locale.ROOT))
                        ? " keepalived reads only upper case: NAT, DR or TUN" : " (NAT, DR or TUN)"));
                yield Optional.empty();
            }
        };
    }

    /** {@code IP [PORT]} starting at argument {@code i}; also {@code IP:PORT} and {@code [IPv6]:PORT}, with a warning. */
    private Optional<HostPort> hostPort(Node n, int i, String what) {
        if (!ctx.needArgs(n, i + 1)) {
            return Optional.empty();
        }
        String text = n.arg(i);
        Optional<InetAddress> a = AddressParser.parse(text);
        if (a.isPresent()) {
            int port = 0;
            if (n.argCount() > i + 1) {
                var p = ctx.integer(n, i + 1, 0, 65535);
                if (p.isEmpty()) {
                    return Optional.empty();
                }
                port = (int) p.getAsLong();
            }
            return Optional.of(new HostPort(a.get(), port, false));
        }
        int colon = text.lastIndexOf(':');
        if (colon > 0 && n.argCount() == i + 1) {
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            Optional<InetAddress> h = AddressParser.parse(host);
            String portText = text.substring(colon + 1);
            if (h.isPresent() && (h.get() instanceof Inet6Address == text.startsWith("[")) && portText.matches("\\d{1,5}")
                    && Integer.parseInt(portText) <= 65535) {
                int port = Integer.parseInt(portText);
                ctx.diagnostics().warning(n.location(), DiagnosticCode.COLON_ADDRESS, "Invalid " + what
                        + " IP address " + text + ": keepalived would skip this " + what + " (it wants '"
                        + h.get().getHostAddress() + " " + port + "'); javalived accepts it as address "
                        + h.get().getHostAddress() + " port " + port);
                return Optional.of(new HostPort(h.get(), port, true));
            }
        }
        ctx.diagnostics().error(n.location(), DiagnosticCode.INVALID_ADDRESS,
                "Invalid " + what + " IP address " + text + " - skipping");
        return Optional.empty();
    }

    Optional<Builder> bind(Node node) {
        Builder b = new Builder();
        b.location = node.location();
        if (node.argCount() == 0) {
            ctx.diagnostics().error(node.location(), DiagnosticCode.MISSING_PARAMETER,
                    "virtual_server without an address - skipping it (lines " + node.location().line() + "-" + node.lastLine() + ")");
            return Optional.empty();
        }
        switch (node.arg(0)) {
            case "fwmark" -> {
                var mark = ctx.integer(node, 1, 1, 0xffffffffL);
                if (mark.isEmpty()) {
                    ctx.diagnostics().error(node.location(), DiagnosticCode.INVALID_VALUE, "Invalid virtual server fwmark - skipping");
                    return Optional.empty();
                }
                b.address = new VirtualServerAddress.Fwmark(mark.getAsLong(), InetFamily.INET);
            }
            case "group" -> {
                if (!ctx.needArgs(node, 2)) {
                    return Optional.empty();
                }
                b.address = new VirtualServerAddress.Group(node.arg(1));
            }
            default -> {
                Optional<HostPort> hp = hostPort(node, 0, "virtual server");
                if (hp.isEmpty()) {
                    return Optional.empty();
                }
                b.address = new VirtualServerAddress.Endpoint(hp.get().address(), hp.get().port());
            }
        }
        table.bindAll(node, b, ctx);
        return Optional.of(b);
    }

    private Optional<RealBuilder> realServer(Node n) {
        RealBuilder r = new RealBuilder();
        r.location = n.location();
        Optional<HostPort> hp = hostPort(n, 0, "real server");
        if (hp.isEmpty()) {
            return Optional.empty();
        }
        r.hostPort = hp.get();
        realTable.bindAll(n, r, ctx);
        return Optional.of(r);
    }

    /** Applies defaults and keepalived's checks; empty when the virtual server is dropped. */
    /**
     * Whether {@link #resolve} gives the same result whatever the rest of the file says: not addressed by
     * a group (the group names are known only at the end) and no SMTP_CHECK (the global HELO default).
     */
    /** Virtual and real servers (by their location) without their own smtp_alert: the global default applies. */
    private final Set<SourceLocation> unsetSmtpAlert = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * keepalived's check_data.c: a virtual or real server without smtp_alert takes global smtp_alert_checker, else
     * smtp_alert; without either a virtual server has none and a real server has it. Applied after resolution (the
     * global keywords may come after the blocks).
     */
    List<VirtualServer> applySmtpAlertDefault(List<VirtualServer> vss, Boolean global) {
        if (global == null || unsetSmtpAlert.isEmpty()) return vss;
        List<VirtualServer> out = new ArrayList<>(vss.size());
        for (VirtualServer vs : vss) {
            List<RealServer> rss = new ArrayList<>(vs.realServers().size());
            for (RealServer rs : vs.realServers()) {
                rss.add(unsetSmtpAlert.contains(rs.location()) ? rs.withSmtpAlert(global) : rs);
            }
            out.add(vs.withSmtpAlert(unsetSmtpAlert.contains(vs.location()) ? global : vs.smtpAlert(), rss));
        }
        return out;
    }

    boolean resolvesAlone(Builder b) {
        if (b.address instanceof VirtualServerAddress.Group) {
            return false;
        }
        for (RealBuilder r : b.reals) {
            for (CheckerBinder.Builder c : r.checkers) {
                if (c.kind == CheckerKind.SMTP_CHECK) {
                    return false;
                }
            }
        }
        return true;
    }

    Optional<VirtualServer> resolve(Builder b, Set<String> groups, String heloDefault) {
        ServiceProtocol protocol = b.protocol;
        if (b.address instanceof VirtualServerAddress.Fwmark) {
            if (protocol != null) {
                ctx.diagnostics().warning(b.protocolAt, DiagnosticCode.IGNORED_SETTING, "Warning: Virtual server " + describe(b)
                        + ": protocol specified for fwmark - protocol will be ignored");
            }
            protocol = ServiceProtocol.TCP;
        } else if (protocol == null) {
            ctx.diagnostics().warning(b.location, DiagnosticCode.DEFAULT_APPLIED,
                    "Virtual server " + describe(b) + ": no protocol set - defaulting to UDP");
            protocol = ServiceProtocol.UDP;
        }
        if (b.address instanceof VirtualServerAddress.Group g && !groups.contains(g.name())) {
            ctx.diagnostics().error(b.location, DiagnosticCode.UNKNOWN_REFERENCE,
                    "Virtual server group " + g.name() + " not found - skipping virtual server");
            return Optional.empty();
        }
        String scheduler = b.scheduler;
        if (scheduler == null) {
            ctx.diagnostics().warning(b.location, DiagnosticCode.DEFAULT_APPLIED,
                    "Virtual server " + describe(b) + ": no scheduler set, setting default 'wlc'");
            scheduler = "wlc";
        }
        LvsMethod method = b.method;
        if (method == null) {
            ctx.diagnostics().warning(b.location, DiagnosticCode.DEFAULT_APPLIED,
                    "Virtual server " + describe(b) + ": no forwarding method set, setting default NAT");
            method = LvsMethod.NAT;
        }
        int vsPort = b.address instanceof VirtualServerAddress.Endpoint e ? e.port() : 0;
        Duration persistence = b.persistence;
        if (b.address instanceof VirtualServerAddress.Endpoint && vsPort == 0 && persistence == null) {
            ctx.diagnostics().warning(b.location, DiagnosticCode.DEFAULT_APPLIED,
                    "Virtual server " + describe(b) + ": port 0 needs persistence - setting persistence_timeout 360");
            persistence = Duration.ofSeconds(360);
        }
        if (b.haSuspend && b.address instanceof VirtualServerAddress.Fwmark) {
            ctx.diagnostics().warning(b.location, DiagnosticCode.IGNORED_SETTING,
                    "Virtual server " + describe(b) + ": ha_suspend is not supported with fwmark - ignoring");
            b.haSuspend = false;
        }
        InetFamily family = b.ipFamily != null ? b.ipFamily
                : b.address instanceof VirtualServerAddress.Endpoint e ? e.family()
                : !b.reals.isEmpty() ? InetFamily.of(b.reals.getFirst().hostPort.address()) : InetFamily.INET;
        VirtualServerAddress address = b.address instanceof VirtualServerAddress.Fwmark f
                ? new VirtualServerAddress.Fwmark(f.mark(), family) : b.address;
        Duration delayLoop = b.delayLoop != null ? b.delayLoop : Duration.ofSeconds(60);
        Duration connectTimeout = b.connectTimeout != null ? b.connectTimeout : Duration.ofSeconds(5);
        List<RealServer> reals = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (RealBuilder r : b.reals) {
            int port = r.hostPort.port() == 0 ? vsPort : r.hostPort.port();
            LvsMethod rsMethod = r.method != null ? r.method : method;
            if ((rsMethod == LvsMethod.DR || rsMethod == LvsMethod.TUN) && port != vsPort
                    && b.address instanceof VirtualServerAddress.Endpoint) {
                ctx.diagnostics().warning(r.location, DiagnosticCode.INCONSISTENT, "Real server "
                        + r.hostPort.address().getHostAddress() + ":" + port + ": port differs from the virtual server's with "
                        + rsMethod + " - using " + vsPort);
                port = vsPort;
            }
            // IPv4: the address itself is the key (no string per real server); IPv6 keeps the text, scope included.
            Object key = r.hostPort.address() instanceof Inet4Address v4 ? new RealKey(v4, port)
                    : r.hostPort.address().getHostAddress() + "/" + port;
            if (!seen.add(key)) {
                ctx.diagnostics().warning(r.location, DiagnosticCode.DUPLICATE, "Virtual server " + describe(b)
                        + ": duplicate real server " + r.hostPort.address().getHostAddress() + ":" + port + " - removing it");
                continue;
            }
            boolean alpha = r.alpha != null ? r.alpha : b.alpha;
            Optional<String> vhost = Optional.ofNullable(r.virtualhost).or(() -> Optional.ofNullable(b.virtualhost));
            Duration rsDelayLoop = r.delayLoop != null ? r.delayLoop : delayLoop;
            CheckerBinder.Inherited in = new CheckerBinder.Inherited(r.hostPort.address(), port, rsDelayLoop,
                    r.connectTimeout != null ? r.connectTimeout : connectTimeout,
                    r.retry != null ? r.retry : b.retry,
                    r.delayBeforeRetry != null ? r.delayBeforeRetry : b.delayBeforeRetry,
                    r.warmup != null ? r.warmup : b.warmup, alpha, vhost);
            List<Checker> cs = new ArrayList<>();
            for (CheckerBinder.Builder cb : r.checkers) {
                checkers.resolve(cb, in, heloDefault).ifPresent(cs::add);
            }
            reals.add(new RealServer(r.hostPort.address(), port, r.weight != null ? r.weight : b.weight, rsMethod,
                    r.uthreshold, r.lthreshold, r.inhibit != null ? r.inhibit : b.inhibit,
                    Optional.ofNullable(r.notifyUp), Optional.ofNullable(r.notifyDown), alpha, smtpAlert(r.smtpAlert, true, r.location), vhost, cs,
                    r.other, r.location));
        }
        if (reals.isEmpty() && b.sorry == null) {
            ctx.diagnostics().warning(b.location, DiagnosticCode.MISSING_REQUIRED,
                    "Virtual server " + describe(b) + " has no real servers");
        }
        Optional<SorryServer> sorry = Optional.empty();
        if (b.sorry != null) {
            int port = b.sorry.port() == 0 ? vsPort : b.sorry.port();
            sorry = Optional.of(new SorryServer(b.sorry.address(), port, b.sorryMethod != null ? b.sorryMethod : method,
                    b.sorryInhibit, b.sorryAt));
        }
        return Optional.of(new VirtualServer(address, protocol, scheduler, method, Optional.ofNullable(persistence),
                Optional.ofNullable(b.granularity), Optional.ofNullable(b.engine), b.flags, delayLoop, connectTimeout,
                b.warmup != null ? b.warmup : delayLoop, b.inhibit, b.alpha, b.omega, b.quorum, b.hysteresis,
                Optional.ofNullable(b.quorumUp), Optional.ofNullable(b.quorumDown), b.weight, b.haSuspend, smtpAlert(b.smtpAlert, false, b.location),
                Optional.ofNullable(b.virtualhost), sorry, family, announce(b), reals, b.other, b.location));
    }

    /** javalived_announce: an address to announce; a fwmark virtual server has none. */
    private Optional<AnycastAnnounce> announce(Builder b) {
        if (b.announce == null) {
            return Optional.empty();
        }
        if (b.address instanceof VirtualServerAddress.Fwmark) {
            ctx.diagnostics().warning(b.announce, DiagnosticCode.INCONSISTENT, "Virtual server " + describe(b)
                    + ": javalived_announce needs an address to announce and a fwmark virtual server has none - ignoring");
            return Optional.empty();
        }
        return Optional.of(new AnycastAnnounce(b.announce));
    }

    private boolean smtpAlert(Boolean set, boolean unsetValue, SourceLocation at) {
        if (set != null) return set;
        unsetSmtpAlert.add(at);
        return unsetValue;
    }

    private record RealKey(Inet4Address address, int port) {}

    /** keepalived's name for a virtual server in messages (built only when a message needs it). */
    private static String describe(Builder b) {
        return switch (b.address) {
            case VirtualServerAddress.Endpoint e -> {
                String proto = b.protocol == null ? "none" : b.protocol.name().toLowerCase(Locale.ROOT);
                yield "[" + e.address().getHostAddress() + "]:" + proto + ":" + e.port();
            }
            case VirtualServerAddress.Fwmark f -> "FWM " + f.mark();
            case VirtualServerAddress.Group g -> "group " + g.name();
        };
    }
}
