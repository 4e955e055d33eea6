package io.javalived.parser.bind;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.model.IpPrefix;
import io.javalived.parser.model.IpRoute;
import io.javalived.parser.model.IpRule;
import io.javalived.parser.syntax.Node;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads {@code static_routes}/{@code virtual_routes} and {@code static_rules}/{@code virtual_rules} lines into
 * {@link IpRoute}s and {@link IpRule}s with keepalived 2.2.7's syntax. A line with a bad value is reported at its
 * file:line and left out (keepalived skips it too); the other lines stay.
 */
final class RouteRuleParsing {
    private RouteRuleParsing() {}

    /** A line that cannot be used: its message. */
    private static final class Bad extends Exception {
        final DiagnosticCode code;

        Bad(String message) {
            this(DiagnosticCode.INVALID_VALUE, message);
        }

        Bad(DiagnosticCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    static List<IpRoute> routes(BindContext ctx, Node block) {
        return each(ctx, block, "route", line -> route(ctx, line));
    }

    static List<IpRule> rules(BindContext ctx, Node block) {
        return each(ctx, block, "rule", RouteRuleParsing::rule);
    }

    private interface LineReader<T> {
        T read(Node line) throws Bad;
    }

    private static <T> List<T> each(BindContext ctx, Node block, String what, LineReader<T> reader) {
        List<T> out = new ArrayList<>();
        for (Node line : block.children()) {
            if (line.isOrphanBlock() || line.words().isEmpty()) continue;
            try {
                out.add(reader.read(line));
            } catch (Bad e) {
                ctx.diagnostics().error(line.location(), e.code,
                        e.getMessage() + " - " + what + " '" + String.join(" ", line.words()) + "' skipped");
            }
        }
        return out;
    }

    private static IpRoute route(BindContext ctx, Node line) throws Bad {
        List<String> w = line.words();
        IpRoute.RouteType type = IpRoute.RouteType.UNICAST;
        IpPrefix dst = null;
        Optional<IpPrefix> from = Optional.empty();
        Optional<InetAddress> src = Optional.empty();
        Optional<InetAddress> via = Optional.empty();
        Optional<String> dev = Optional.empty();
        List<IpRoute.NextHop> hops = new ArrayList<>();
        int table = IpRoute.TABLE_MAIN;
        OptionalInt metric = OptionalInt.empty();
        OptionalInt proto = OptionalInt.empty();
        OptionalInt scope = OptionalInt.empty();
        OptionalInt tos = OptionalInt.empty();
        boolean onlink = false;
        boolean noTrack = false;
        Boolean ipv4 = null;
        for (int i = 0; i < w.size(); i++) {
            String k = w.get(i);
            switch (k) {
                case "inet" -> ipv4 = family(ipv4, true);
                case "inet6" -> ipv4 = family(ipv4, false);
                case "src" -> {
                    InetAddress a = address(value(w, ++i, k), "route src address");
                    ipv4 = family(ipv4, a instanceof Inet4Address);
                    src = Optional.of(a);
                }
                case "from" -> {
                    IpPrefix p = prefix(value(w, ++i, k), "route from address");
                    ipv4 = family(ipv4, p.ipv4());
                    from = Optional.of(p);
                }
                case "via", "gw" -> {
                    if (k.equals("gw")) {
                        ctx.diagnostics().warning(line.location(), DiagnosticCode.DEPRECATED_KEYWORD,
                                "\"gw\" for routes is deprecated. Please use \"via\"");
                    }
                    InetAddress a = address(value(w, ++i, k), "route via address");
                    ipv4 = family(ipv4, a instanceof Inet4Address);
                    via = Optional.of(a);
                }
                case "or" -> {
                    ctx.diagnostics().warning(line.location(), DiagnosticCode.DEPRECATED_KEYWORD,
                            "\"or\" for routes is deprecated. Please use \"nexthop\"");
                    if (via.isEmpty()) throw new Bad("\"or\" without a via address before it");
                    InetAddress a = address(value(w, ++i, k), "\"or\" address");
                    hops.add(new IpRoute.NextHop(via, Optional.empty(), 1));
                    hops.add(new IpRoute.NextHop(Optional.of(a), Optional.empty(), 1));
                    via = Optional.empty();
                }
                case "dev", "oif" -> dev = Optional.of(value(w, ++i, k));
                case "table" -> table = table(value(w, ++i, k));
                case "metric", "priority", "preference" -> metric = OptionalInt.of(number(value(w, ++i, k), k, 0, 0xffffffffL));
                case "proto", "protocol" -> proto = OptionalInt.of(protocol(value(w, ++i, k)));
                case "scope" -> scope = OptionalInt.of(scope(value(w, ++i, k)));
                case "tos", "dsfield" -> tos = OptionalInt.of(number(value(w, ++i, k), k, 0, 255));
                case "onlink" -> onlink = true;
                case "no_track" -> noTrack = true;
                case "nexthop" -> {
                    if (!hops.isEmpty()) throw new Bad("Cannot specify nexthops with \"or\" route");
                    i = nextHops(w, i, hops);
                }
                default -> {
                    if (dst != null) throw new Bad("unknown route keyword " + k);
                    int at = k.equals("to") ? i + 1 : i;
                    Optional<IpRoute.RouteType> t = routeType(value(w, at, "to"));
                    if (t.isPresent()) {
                        type = t.get();
                        at++;
                    }
                    String d = value(w, at, "route destination");
                    if (d.equals("default") || d.equals("all") || d.equals("any")) {
                        dst = new IpPrefix(anyAddress(ipv4 == null || ipv4), 0); // its family follows the others
                    } else {
                        dst = prefix(d, "route destination");
                        ipv4 = family(ipv4, dst.ipv4());
                    }
                    i = at;
                }
            }
        }
        if (dst == null) throw new Bad("Route must have a destination");
        if (ipv4 != null && dst.length() == 0 && dst.address().isAnyLocalAddress() && dst.ipv4() != ipv4) {
            dst = new IpPrefix(anyAddress(ipv4), 0);
        }
        return new IpRoute(type, dst, from, src, via, dev, hops, table, metric, proto, scope, tos, onlink, noTrack,
                String.join(" ", w), line.location());
    }

    /** {@code nexthop via A [dev D] [weight W] [onlink] nexthop ...} to the end of the line; the last index used. */
    private static int nextHops(List<String> w, int i, List<IpRoute.NextHop> hops) throws Bad {
        while (i < w.size() && w.get(i).equals("nexthop")) {
            Optional<InetAddress> via = Optional.empty();
            Optional<String> dev = Optional.empty();
            int weight = 1;
            i++;
            while (i < w.size() && !w.get(i).equals("nexthop")) {
                String k = w.get(i);
                switch (k) {
                    case "via", "gw" -> via = Optional.of(address(value(w, ++i, k), "nexthop via address"));
                    case "dev" -> dev = Optional.of(value(w, ++i, k));
                    case "weight" -> weight = number(value(w, ++i, k), k, 1, 256);
                    case "onlink" -> { }
                    default -> throw new Bad("unknown nexthop keyword " + k);
                }
                i++;
            }
            hops.add(new IpRoute.NextHop(via, dev, weight));
        }
        if (i < w.size()) throw new Bad("Route has trailing nonsense - " + w.get(i));
        return i - 1;
    }

    private static IpRule rule(Node line) throws Bad {
        List<String> w = line.words();
        Boolean ipv4 = null;
        boolean invert = false;
        Optional<IpPrefix> from = Optional.empty();
        Optional<IpPrefix> to = Optional.empty();
        OptionalInt priority = OptionalInt.empty();
        OptionalInt tos = OptionalInt.empty();
        OptionalInt fwmark = OptionalInt.empty();
        OptionalInt fwmask = OptionalInt.empty();
        Optional<String> iif = Optional.empty();
        Optional<String> oif = Optional.empty();
        IpRule.Action action = null;
        int table = 0;
        OptionalInt gotoTarget = OptionalInt.empty();
        boolean noTrack = false;
        for (int i = 0; i < w.size(); i++) {
            String k = w.get(i);
            switch (k) {
                case "inet" -> ipv4 = family(ipv4, true);
                case "inet6" -> ipv4 = family(ipv4, false);
                case "not" -> invert = true;
                case "from", "to" -> {
                    String v = value(w, ++i, k);
                    if (!v.equals("all")) {
                        IpPrefix p = prefix(v, "rule " + k + " address");
                        ipv4 = family(ipv4, p.ipv4());
                        if (k.equals("from")) from = Optional.of(p); else to = Optional.of(p);
                    }
                }
                case "priority", "preference", "pref", "prio" ->
                        priority = OptionalInt.of(number(value(w, ++i, k), k, 0, 0xffffffffL));
                case "tos", "dsfield" -> tos = OptionalInt.of(number(value(w, ++i, k), k, 0, 255));
                case "fwmark" -> {
                    String v = value(w, ++i, k);
                    int slash = v.indexOf('/');
                    fwmark = OptionalInt.of(number(slash < 0 ? v : v.substring(0, slash), k, 0, 0xffffffffL));
                    if (slash >= 0) fwmask = OptionalInt.of(number(v.substring(slash + 1), "fwmark mask", 0, 0xffffffffL));
                }
                case "iif", "dev" -> iif = Optional.of(value(w, ++i, k));
                case "oif" -> oif = Optional.of(value(w, ++i, k));
                case "table", "lookup" -> {
                    action = once(action, IpRule.Action.TABLE);
                    table = table(value(w, ++i, k));
                }
                case "goto" -> {
                    action = once(action, IpRule.Action.GOTO);
                    gotoTarget = OptionalInt.of(number(value(w, ++i, k), k, 0, 0xffffffffL));
                }
                case "nop" -> action = once(action, IpRule.Action.NOP);
                case "blackhole" -> action = once(action, IpRule.Action.BLACKHOLE);
                case "unreachable" -> action = once(action, IpRule.Action.UNREACHABLE);
                case "prohibit" -> action = once(action, IpRule.Action.PROHIBIT);
                case "no_track" -> noTrack = true;
                default -> throw new Bad("unknown rule keyword " + k);
            }
        }
        if (action == null) {
            action = IpRule.Action.TABLE;
            table = IpRoute.TABLE_MAIN;
        }
        return new IpRule(ipv4 == null || ipv4, invert, from, to, priority, tos, fwmark, fwmask, iif, oif, action,
                table, gotoTarget, noTrack, String.join(" ", w), line.location());
    }

    private static IpRule.Action once(IpRule.Action had, IpRule.Action now) throws Bad {
        if (had != null) throw new Bad("rule has two actions (" + had.name().toLowerCase(Locale.ROOT) + " and "
                + now.name().toLowerCase(Locale.ROOT) + ")");
        return now;
    }

    private static Boolean family(Boolean had, boolean ipv4) throws Bad {
        if (had != null && had != ipv4) throw new Bad("Cannot mix IPv4 and IPv6 addresses");
        return ipv4;
    }

    private static String value(List<String> w, int i, String after) throws Bad {
        if (i >= w.size()) throw new Bad("missing value after " + after);
        return w.get(i);
    }

    private static InetAddress address(String v, String what) throws Bad {
        return AddressParser.parse(v).orElseThrow(() -> new Bad(DiagnosticCode.INVALID_ADDRESS, "invalid " + what + " " + v));
    }

    private static IpPrefix prefix(String v, String what) throws Bad {
        int slash = v.indexOf('/');
        InetAddress a = AddressParser.parse(slash < 0 ? v : v.substring(0, slash))
                .orElseThrow(() -> new Bad(DiagnosticCode.INVALID_ADDRESS, "invalid " + what + " " + v));
        int max = a instanceof Inet4Address ? 32 : 128;
        if (slash < 0) return new IpPrefix(a, max);
        try {
            int len = Integer.parseInt(v.substring(slash + 1));
            if (len >= 0 && len <= max) return new IpPrefix(a, len);
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Bad(DiagnosticCode.INVALID_ADDRESS, "invalid prefix length in " + what + " " + v);
    }

    private static InetAddress anyAddress(boolean ipv4) {
        return AddressParser.parse(ipv4 ? "0.0.0.0" : "::").orElseThrow();
    }

    private static int number(String v, String what, long min, long max) throws Bad {
        try {
            long n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            if (n >= min && n <= max) return (int) n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Bad(DiagnosticCode.INVALID_NUMBER, "invalid " + what + " " + v + " (expected " + min + ".." + max + ")");
    }

    private static Optional<IpRoute.RouteType> routeType(String w) {
        for (IpRoute.RouteType t : IpRoute.RouteType.values()) {
            if (t.name().toLowerCase(Locale.ROOT).equals(w)) return Optional.of(t);
        }
        return Optional.empty();
    }

    private static int table(String v) throws Bad {
        return named(v, "table", Map.of("main", 254, "local", 255, "default", 253, "unspec", 0), "rt_tables", 1, 0xffffffffL);
    }

    private static int protocol(String v) throws Bad {
        return named(v, "proto", Map.of("kernel", 2, "boot", 3, "static", 4, "keepalived", 18, "unspec", 0, "redirect", 1),
                "rt_protos", 0, 255);
    }

    private static int scope(String v) throws Bad {
        return named(v, "scope", Map.of("global", 0, "universe", 0, "site", 200, "link", 253, "host", 254, "nowhere", 255),
                "rt_scopes", 0, 255);
    }

    /** A number, one of iproute2's built-in names, or a name from its file (/etc/iproute2/FILE, as ip and keepalived read it). */
    private static int named(String v, String what, Map<String, Integer> builtIn, String file, long min, long max) throws Bad {
        Integer n = builtIn.get(v);
        if (n != null) return n;
        if (!v.isEmpty() && (Character.isDigit(v.charAt(0)))) return number(v, what, min, max);
        Integer fromFile = iproute2Names(file).get(v);
        if (fromFile != null && fromFile >= min && fromFile <= max) return fromFile;
        throw new Bad("unknown " + what + " " + v);
    }

    private static Map<String, Integer> iproute2Names(String file) {
        Map<String, Integer> names = new HashMap<>();
        for (Path p : List.of(Path.of("/usr/share/iproute2", file), Path.of("/etc/iproute2", file))) {
            try {
                for (String l : Files.readAllLines(p)) {
                    String[] f = l.strip().split("\\s+");
                    if (f.length >= 2 && !f[0].startsWith("#")) {
                        try {
                            names.put(f[1], (int) Long.parseLong(f[0].startsWith("0x") ? f[0].substring(2) : f[0],
                                    f[0].startsWith("0x") ? 16 : 10));
                        } catch (NumberFormatException e) {
                            // not a number: not a name line
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such file: the built-in names only
            }
        }
        return names;
    }
}
