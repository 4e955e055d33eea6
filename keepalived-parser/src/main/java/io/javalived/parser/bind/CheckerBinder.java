package io.javalived.parser.bind;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.model.BfdCheck;
import io.javalived.parser.model.Checker;
import io.javalived.parser.model.CheckerKind;
import io.javalived.parser.model.CheckerSettings;
import io.javalived.parser.model.DnsCheck;
import io.javalived.parser.model.FileCheck;
import io.javalived.parser.model.HttpGet;
import io.javalived.parser.model.HttpUrl;
import io.javalived.parser.model.MiscCheck;
import io.javalived.parser.model.PingCheck;
import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.ScriptCommand;
import io.javalived.parser.model.SmtpCheck;
import io.javalived.parser.model.SourceLocation;
import io.javalived.parser.model.SslGet;
import io.javalived.parser.model.TcpCheck;
import io.javalived.parser.model.UdpCheck;
import io.javalived.parser.syntax.Node;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The checker blocks of a real server (reference 1.8): one keyword table per checker kind (the common
 * connection and timing keywords plus the kind's own), and resolution of the defaults
 * checker &gt; real server &gt; virtual server &gt; keepalived.
 */
final class CheckerBinder {

    /** The connection and timing keywords as written (null = not set). */
    static final class Common {
        InetAddress connectIp;
        Integer connectPort;
        InetAddress bindTo;
        String bindIf;
        Integer bindPort;
        Integer fwmark;
        Duration connectTimeout;
        Integer retry;
        Duration delayBeforeRetry;
        Duration warmup;
        Duration delayLoop;
        Boolean alpha;
        boolean logAllFailures;
    }

    /** Real-server and virtual-server values the checker inherits. */
    record Inherited(InetAddress address, int port, Duration delayLoop, Duration connectTimeout, Integer retry,
                     Duration delayBeforeRetry, Duration warmup, boolean alpha, Optional<String> virtualhost) {}

    static final class Builder {
        final CheckerKind kind;
        final SourceLocation location;
        final Common common = new Common();
        final List<Common> hosts = new ArrayList<>();
        final List<HttpUrl> urls = new ArrayList<>();
        String httpProtocol;
        String virtualhost;
        boolean fastRecovery;
        boolean enableSni;
        String sniName;
        boolean tlsCompliant;
        String heloName;
        String dnsType;
        String dnsName;
        ScriptCommand miscPath;
        Duration miscTimeout;
        boolean miscDynamic;
        String user;
        String group;
        String payload;
        String requireReply;
        int minReplyLength;
        int maxReplyLength = 255;
        String trackFile;
        int fileWeight;
        boolean fileReverse;
        String bfdName;

        Builder(CheckerKind kind, SourceLocation location) {
            this.kind = kind;
            this.location = location;
        }
    }

    /** Mutable url block. */
    static final class UrlBuilder implements KeywordTable.Keeps {
        String path;
        String digest;
        final List<HttpUrl.StatusRange> status = new ArrayList<>();
        String virtualhost;
        String regex;
        boolean regexNoMatch;
        final List<RawValue> other = new ArrayList<>();

        @Override
        public List<RawValue> other() {
            return other;
        }
    }

    static final Set<String> KINDS = Set.of("TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK", "SMTP_CHECK", "DNS_CHECK",
            "UDP_CHECK", "PING_CHECK", "FILE_CHECK", "BFD_CHECK");

    private final BindContext ctx;
    private final Map<CheckerKind, KeywordTable<Builder>> tables = new EnumMap<>(CheckerKind.class);
    private final KeywordTable<Common> hostTable = new KeywordTable<>("host");
    private final KeywordTable<UrlBuilder> urlTable = new KeywordTable<>("url");

    CheckerBinder(BindContext ctx) {
        this.ctx = ctx;
        connection(hostTable, b -> b);
        timing(hostTable, b -> b);
        for (CheckerKind kind : CheckerKind.values()) {
            KeywordTable<Builder> t = new KeywordTable<>(kind.name());
            switch (kind) {
                case FILE_CHECK -> t.value("track_file", (b, n) -> ctx.string(n).ifPresent(v -> b.trackFile = v))
                        .value("file", (b, n) -> ctx.string(n).ifPresent(v -> b.trackFile = v))
                        .value("weight", (b, n) -> {
                            ctx.integer(n, 0, -254, 254).ifPresent(v -> b.fileWeight = (int) v);
                            b.fileReverse = n.argCount() > 1 && n.arg(1).equals("reverse");
                        });
                case BFD_CHECK -> t.value("name", (b, n) -> ctx.string(n).ifPresent(v -> b.bfdName = v))
                        .value("alpha", (b, n) -> b.common.alpha = ctx.bool(n, 0));
                case MISC_CHECK -> {
                    timing(t, b -> b.common);
                    t.value("misc_path", (b, n) -> ctx.script(n).ifPresent(v -> b.miscPath = v))
                            .value("misc_timeout", (b, n) -> ctx.timer(n, 0, 0, 86400).ifPresent(v -> b.miscTimeout = v))
                            .value("misc_dynamic", (b, n) -> b.miscDynamic = true)
                            .value("user", (b, n) -> ctx.string(n).ifPresent(v -> {
                                b.user = v;
                                b.group = n.argCount() > 1 ? (n.arg(1).startsWith(":") ? n.arg(1).substring(1) : n.arg(1)) : null;
                            }));
                }
                default -> {
                    connection(t, b -> b.common);
                    timing(t, b -> b.common);
                }
            }
            switch (kind) {
                case HTTP_GET, SSL_GET -> {
                    t.block("url", (b, n) -> url(n).ifPresent(b.urls::add))
                            .value("http_protocol", (b, n) -> ctx.string(n).ifPresent(v -> {
                                if (Set.of("1.0", "1.0C", "1.0c", "1.1").contains(v)) {
                                    b.httpProtocol = v.toUpperCase(Locale.ROOT);
                                } else {
                                    ctx.diagnostics().error(n.location(), DiagnosticCode.INVALID_VALUE,
                                            "Invalid http_protocol '" + v + "' (1.0, 1.0C or 1.1) - ignoring");
                                }
                            }))
                            .value("virtualhost", (b, n) -> ctx.string(n).ifPresent(v -> b.virtualhost = v))
                            .value("fast_recovery", (b, n) -> b.fastRecovery = ctx.bool(n, 0))
                            .value("enable_sni", (b, n) -> b.enableSni = ctx.bool(n, 0))
                            .value("sni_name", (b, n) -> ctx.string(n).ifPresent(v -> b.sniName = v))
                            .value("tls_compliant", (b, n) -> b.tlsCompliant = ctx.bool(n, 0));
                }
                case SMTP_CHECK -> t.value("helo_name", (b, n) -> ctx.string(n).ifPresent(v -> b.heloName = v))
                        .block("host", (b, n) -> {
                            Common h = new Common();
                            hostTable.bindAll(n, h, ctx);
                            b.hosts.add(h);
                        });
                case DNS_CHECK -> t.value("type", (b, n) -> ctx.string(n).ifPresent(v -> {
                            String up = v.toUpperCase(Locale.ROOT);
                            if (Set.of("A", "NS", "CNAME", "SOA", "MX", "TXT", "AAAA").contains(up)) {
                                b.dnsType = up;
                            } else {
                                ctx.diagnostics().error(n.location(), DiagnosticCode.INVALID_VALUE,
                                        "DNS_CHECK: unknown type '" + v + "' - ignoring");
                            }
                        }))
                        .value("name", (b, n) -> ctx.string(n).ifPresent(v -> b.dnsName = v));
                case UDP_CHECK -> t.value("payload", (b, n) -> ctx.string(n).ifPresent(v -> b.payload = v))
                        .value("require_reply", (b, n) -> b.requireReply = n.argCount() > 0 ? n.arg(0) : "")
                        .value("min_reply_length", (b, n) -> ctx.integer(n, 0, 0, 65535).ifPresent(v -> b.minReplyLength = (int) v))
                        .value("max_reply_length", (b, n) -> ctx.integer(n, 0, 0, 65535).ifPresent(v -> b.maxReplyLength = (int) v));
                default -> { }
            }
            tables.put(kind, t);
        }
        urlTable.value("path", (u, n) -> ctx.string(n).ifPresent(v -> u.path = v))
                .value("digest", (u, n) -> ctx.string(n).ifPresent(v -> {
                    if (v.matches("[0-9a-fA-F]{32}")) {
                        u.digest = v.toLowerCase(Locale.ROOT);
                    } else {
                        ctx.diagnostics().error(n.location(), DiagnosticCode.INVALID_VALUE,
                                "digest '" + v + "' is not an MD5 hex string (32 hex digits) - ignoring");
                    }
                }))
                .value("status_code", this::statusCodes)
                .value("virtualhost", (u, n) -> ctx.string(n).ifPresent(v -> u.virtualhost = v))
                .value("regex", (u, n) -> ctx.string(n).ifPresent(v -> u.regex = v))
                .value("regex_no_match", (u, n) -> u.regexNoMatch = true);
        Tables.raw(urlTable, u -> u.other, "regex_options", "regex_stack", "regex_min_offset", "regex_max_offset",
                "tls_compliant");
    }

    private <B> void connection(KeywordTable<B> t, java.util.function.Function<B, Common> c) {
        t.value("connect_ip", (b, n) -> ctx.address(n, 0, "connect_ip address").ifPresent(v -> c.apply(b).connectIp = v))
                .value("connect_port", (b, n) -> ctx.integer(n, 0, 0, 65535).ifPresent(v -> c.apply(b).connectPort = (int) v))
                .value("bindto", (b, n) -> ctx.address(n, 0, "bindto address").ifPresent(v -> c.apply(b).bindTo = v))
                .value("bind_if", (b, n) -> ctx.string(n).ifPresent(v -> c.apply(b).bindIf = v))
                .value("bind_port", (b, n) -> ctx.integer(n, 0, 0, 65535).ifPresent(v -> c.apply(b).bindPort = (int) v))
                .value("fwmark", (b, n) -> ctx.integer(n, 0, 0, 0xffffffffL).ifPresent(v -> c.apply(b).fwmark = (int) v))
                .value("connect_timeout", (b, n) -> ctx.timer(n, 0, 0.000001, 86400).ifPresent(v -> c.apply(b).connectTimeout = v));
    }

    private <B> void timing(KeywordTable<B> t, java.util.function.Function<B, Common> c) {
        t.value("retry", (b, n) -> ctx.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> c.apply(b).retry = (int) v))
                .deprecated("nb_get_retry", KeywordTable.Shape.VALUE, "nb_get_retry is deprecated - please use 'retry'"
                                + " (applied here as retry; keepalived 2.2.7 ignores it outside HTTP_GET/SSL_GET)",
                        (b, n) -> ctx.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> c.apply(b).retry = (int) v))
                .value("delay_before_retry", (b, n) -> ctx.timer(n, 0, 0, 86400).ifPresent(v -> c.apply(b).delayBeforeRetry = v))
                .value("warmup", (b, n) -> ctx.timer(n, 0, 0, 86400).ifPresent(v -> c.apply(b).warmup = v))
                .value("delay_loop", (b, n) -> ctx.timer(n, 0, 0.000001, 86400).ifPresent(v -> c.apply(b).delayLoop = v))
                .value("alpha", (b, n) -> c.apply(b).alpha = ctx.bool(n, 0))
                .value("log_all_failures", (b, n) -> c.apply(b).logAllFailures = ctx.bool(n, 0));
    }

    KeywordTable<Builder> table(CheckerKind kind) {
        return tables.get(kind);
    }

    KeywordTable<UrlBuilder> urlTable() {
        return urlTable;
    }

    KeywordTable<Common> hostTable() {
        return hostTable;
    }

    Builder bind(Node node) {
        CheckerKind kind = CheckerKind.valueOf(node.keyword());
        Builder b = new Builder(kind, node.location());
        if (node.argCount() > 0 && kind == CheckerKind.BFD_CHECK) {
            b.bfdName = node.arg(0);
        }
        tables.get(kind).bindAll(node, b, ctx);
        return b;
    }

    private Optional<HttpUrl> url(Node n) {
        UrlBuilder u = new UrlBuilder();
        urlTable.bindAll(n, u, ctx);
        if (u.path == null) {
            ctx.diagnostics().error(n.location(), DiagnosticCode.MISSING_REQUIRED, "url block has no path - removing it");
            return Optional.empty();
        }
        return Optional.of(new HttpUrl(u.path, Optional.ofNullable(u.digest),
                u.status.isEmpty() ? HttpUrl.DEFAULT_STATUS_CODES : u.status, Optional.ofNullable(u.virtualhost),
                Optional.ofNullable(u.regex), u.regexNoMatch, u.other, n.location()));
    }

    private void statusCodes(UrlBuilder u, Node n) {
        if (!ctx.needArgs(n, 1)) {
            return;
        }
        for (String a : n.args()) {
            int dash = a.indexOf('-');
            String from = dash < 0 ? a : a.substring(0, dash);
            String to = dash < 0 ? a : a.substring(dash + 1);
            var f = ctx.integer(n.location(), from, 100, 599);
            var t = ctx.integer(n.location(), to, 100, 599);
            if (f.isPresent() && t.isPresent() && f.getAsLong() <= t.getAsLong()) {
                u.status.add(new HttpUrl.StatusRange((int) f.getAsLong(), (int) t.getAsLong()));
            } else if (f.isPresent() && t.isPresent()) {
                ctx.diagnostics().error(n.location(), DiagnosticCode.INVALID_VALUE,
                        "status_code range '" + a + "' is empty - ignoring");
            }
        }
    }

    /** Resolves a checker against its real server and virtual server; empty when it must be dropped. */
    Optional<Checker> resolve(Builder b, Inherited in, String heloDefault) {
        int defaultRetry = switch (b.kind) {
            case DNS_CHECK -> 3;
            case MISC_CHECK -> 0;
            default -> 1;
        };
        Duration delayLoop = b.common.delayLoop != null ? b.common.delayLoop : in.delayLoop();
        Duration defaultDelayBeforeRetry = switch (b.kind) {
            case HTTP_GET, SSL_GET -> Duration.ofSeconds(3);
            case DNS_CHECK -> delayLoop;
            default -> Duration.ofSeconds(1);
        };
        CheckerSettings s = settings(b.common, in, defaultRetry, defaultDelayBeforeRetry, delayLoop);
        Optional<String> vhost = Optional.ofNullable(b.virtualhost).or(in::virtualhost);
        return Optional.ofNullable(switch (b.kind) {
            case TCP_CHECK -> new TcpCheck(s, b.location);
            case HTTP_GET -> {
                if (b.urls.isEmpty()) {
                    yield missing(b, "HTTP_GET has no url block - removing it");
                }
                yield new HttpGet(s, b.urls, b.httpProtocol != null ? b.httpProtocol : "1.0", vhost, b.fastRecovery,
                        b.location);
            }
            case SSL_GET -> {
                if (b.urls.isEmpty()) {
                    yield missing(b, "SSL_GET has no url block - removing it");
                }
                yield new SslGet(s, b.urls, b.httpProtocol != null ? b.httpProtocol : "1.0", vhost, b.fastRecovery,
                        b.enableSni, Optional.ofNullable(b.sniName), b.tlsCompliant, b.location);
            }
            case MISC_CHECK -> {
                if (b.miscPath == null) {
                    ctx.diagnostics().error(b.location, DiagnosticCode.MISSING_SCRIPT,
                            "Misc check with no misc_path - removing it");
                    yield null;
                }
                ScriptCommand path = b.miscPath;
                if (b.user != null) {   // keepalived: MISC_CHECK's user USER [GROUP] sets the script's uid/gid
                    path = new ScriptCommand(path.commandLine(), path.argv(), Optional.of(b.user), Optional.ofNullable(b.group));
                }
                yield new MiscCheck(s, path, b.miscTimeout != null ? b.miscTimeout : delayLoop, b.miscDynamic,
                        Optional.ofNullable(b.user), b.location);
            }
            case SMTP_CHECK -> {
                List<CheckerSettings> hosts = new ArrayList<>();
                for (Common h : b.hosts) {
                    hosts.add(settings(hostCommon(h, b.common), in, defaultRetry, defaultDelayBeforeRetry, delayLoop));
                }
                // keepalived 2.2.7: with host blocks and no connection keyword of its own, the checker's own connection
                // is not checked: the first host takes its place, the others become checkers of their own
                CheckerSettings own = s;
                if (!hosts.isEmpty() && !setsConnection(b.common)) {
                    own = hosts.removeFirst();
                }
                yield new SmtpCheck(own, b.heloName != null ? b.heloName : heloDefault, hosts, b.location);
            }
            case DNS_CHECK -> new DnsCheck(s, b.dnsType != null ? b.dnsType : "SOA", b.dnsName != null ? b.dnsName : ".",
                    b.location);
            case UDP_CHECK -> new UdpCheck(s, Optional.ofNullable(b.payload), Optional.ofNullable(b.requireReply),
                    b.minReplyLength, b.maxReplyLength, b.location);
            case PING_CHECK -> new PingCheck(s, b.location);
            case FILE_CHECK -> {
                if (b.trackFile == null) {
                    yield missing(b, "FILE_CHECK has no track_file - removing it");
                }
                yield new FileCheck(b.trackFile, b.fileWeight, b.fileReverse, b.location);
            }
            case BFD_CHECK -> {
                if (b.bfdName == null) {
                    yield missing(b, "BFD_CHECK has no name - removing it");
                }
                yield new BfdCheck(b.bfdName, b.common.alpha != null ? b.common.alpha : in.alpha(), b.location);
            }
        });
    }

    private Checker missing(Builder b, String message) {
        ctx.diagnostics().error(b.location, DiagnosticCode.MISSING_REQUIRED, message);
        return null;
    }

    /** keepalived's test for "the SMTP_CHECK has a connection of its own": any connection keyword in it. */
    private static boolean setsConnection(Common c) {
        return c.connectIp != null || c.connectPort != null || c.bindTo != null || c.bindPort != null
                || c.bindIf != null || c.fwmark != null || c.connectTimeout != null;
    }

    /**
     * An SMTP_CHECK host block: its connection starts from the real server (as keepalived's does, not from the
     * checker's connect_ip/port/bindto), its connect_timeout and timing default to the checker's (keepalived 2.2.7
     * leaves a host without connect_timeout at 0 and applies a host's timing keywords to the whole checker).
     */
    private static Common hostCommon(Common host, Common checker) {
        Common m = new Common();
        m.connectIp = host.connectIp;
        m.connectPort = host.connectPort;
        m.bindTo = host.bindTo;
        m.bindIf = host.bindIf;
        m.bindPort = host.bindPort;
        m.fwmark = host.fwmark;
        m.connectTimeout = host.connectTimeout != null ? host.connectTimeout : checker.connectTimeout;
        m.retry = host.retry != null ? host.retry : checker.retry;
        m.delayBeforeRetry = host.delayBeforeRetry != null ? host.delayBeforeRetry : checker.delayBeforeRetry;
        m.warmup = host.warmup != null ? host.warmup : checker.warmup;
        m.delayLoop = host.delayLoop != null ? host.delayLoop : checker.delayLoop;
        m.alpha = host.alpha != null ? host.alpha : checker.alpha;
        m.logAllFailures = host.logAllFailures || checker.logAllFailures;
        return m;
    }

    private static CheckerSettings settings(Common c, Inherited in, int defaultRetry, Duration defaultDelayBeforeRetry,
                                            Duration delayLoop) {
        return new CheckerSettings(c.connectIp != null ? c.connectIp : in.address(),
                c.connectPort != null ? c.connectPort : in.port(), Optional.ofNullable(c.bindTo),
                Optional.ofNullable(c.bindIf), c.bindPort != null ? OptionalInt.of(c.bindPort) : OptionalInt.empty(),
                c.fwmark != null ? OptionalInt.of(c.fwmark) : OptionalInt.empty(),
                c.connectTimeout != null ? c.connectTimeout : in.connectTimeout(),
                c.retry != null ? c.retry : in.retry() != null ? in.retry() : defaultRetry,
                c.delayBeforeRetry != null ? c.delayBeforeRetry
                        : in.delayBeforeRetry() != null ? in.delayBeforeRetry() : defaultDelayBeforeRetry,
                c.warmup != null ? c.warmup : in.warmup() != null ? in.warmup() : delayLoop, delayLoop,
                c.alpha != null ? c.alpha : in.alpha(), c.logAllFailures);
    }
}
