package io.javalived.parser.bind;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.syntax.Node;

import java.util.List;
import java.util.Set;

/**
 * Light validation of {@code static_routes}/{@code virtual_routes} and {@code static_rules}/{@code virtual_rules}
 * lines, which the product keeps as written: addresses are checked and deprecated spellings reported, with
 * keepalived's messages.
 */
final class RouteRuleChecks {
    private RouteRuleChecks() {}

    private static final Set<String> ROUTE_TYPES = Set.of("unicast", "blackhole", "unreachable", "prohibit", "throw",
            "local", "broadcast", "multicast", "anycast", "nat");

    static void routes(BindContext ctx, Node block) {
        for (Node line : block.children()) {
            List<String> w = line.words();
            boolean destinationSeen = false;
            for (int i = 0; i < w.size(); i++) {
                String k = w.get(i);
                String v = i + 1 < w.size() ? w.get(i + 1) : null;
                switch (k) {
                    case "src", "via", "from" -> {
                        address(ctx, line, v, "route " + k);
                        i++;
                    }
                    case "gw" -> {
                        ctx.diagnostics().warning(line.location(), DiagnosticCode.DEPRECATED_KEYWORD,
                                "\"gw\" for routes is deprecated. Please use \"via\"");
                        address(ctx, line, v, "route gw");
                        i++;
                    }
                    case "or" -> {
                        ctx.diagnostics().warning(line.location(), DiagnosticCode.DEPRECATED_KEYWORD,
                                "\"or\" for routes is deprecated. Please use \"nexthop\"");
                        address(ctx, line, v, "route nexthop");
                        i++;
                    }
                    default -> {
                        if (ROUTE_TYPES.contains(k) || destinationSeen) {
                            if (!ROUTE_TYPES.contains(k)) {
                                i++;
                            }
                        } else {
                            destinationSeen = true;
                            address(ctx, line, k, "route destination");
                        }
                    }
                }
            }
        }
    }

    static void rules(BindContext ctx, Node block) {
        for (Node line : block.children()) {
            List<String> w = line.words();
            for (int i = 0; i + 1 < w.size(); i++) {
                String k = w.get(i);
                if (k.equals("from") || k.equals("to")) {
                    String v = w.get(i + 1);
                    if (!v.equals("all") && !valid(v)) {
                        ctx.diagnostics().error(line.location(), DiagnosticCode.INVALID_ADDRESS,
                                "VRRP parsed invalid IP " + v + ". skipping IP...");
                        ctx.diagnostics().error(line.location(), DiagnosticCode.INVALID_ADDRESS,
                                "Invalid rule " + k + " address " + v);
                    }
                    i++;
                }
            }
        }
    }

    private static void address(BindContext ctx, Node line, String v, String what) {
        if (v == null) {
            ctx.diagnostics().error(line.location(), DiagnosticCode.MISSING_PARAMETER, what + ": missing address");
        } else if (!v.equals("default") && !valid(v)) {
            ctx.diagnostics().error(line.location(), DiagnosticCode.INVALID_ADDRESS,
                    "VRRP parsed invalid IP " + v + ". skipping IP...");
        }
    }

    private static boolean valid(String v) {
        int slash = v.indexOf('/');
        String a = slash < 0 ? v : v.substring(0, slash);
        var addr = AddressParser.parse(a);
        if (addr.isEmpty()) {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        try {
            int len = Integer.parseInt(v.substring(slash + 1));
            return len >= 0 && len <= (addr.get() instanceof java.net.Inet4Address ? 32 : 128);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
