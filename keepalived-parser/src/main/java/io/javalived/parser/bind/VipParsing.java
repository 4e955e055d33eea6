package io.javalived.parser.bind;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.model.InetFamily;
import io.javalived.parser.model.VirtualIpAddress;
import io.javalived.parser.syntax.Node;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One {@code virtual_ipaddress}-style line: {@code IP[/len] [brd X] [dev IF] [scope S] [label L] ...}. */
final class VipParsing {
    private VipParsing() {}

    private static final Set<String> FLAGS = Set.of("home", "-nodad", "nodad", "mngtmpaddr", "noprefixroute",
            "autojoin", "use_vmac");
    private static final Set<String> WITH_VALUE = Set.of("preferred_lft", "track_group");

    /** Parses a VIP line; the device stays empty here (resolved to the instance's interface later). */
    static Optional<VirtualIpAddress> parse(BindContext ctx, Node line) {
        List<String> w = line.words();
        String first = w.getFirst();
        String addressText = first;
        int prefix = -1;
        int slash = first.indexOf('/');
        if (slash >= 0) {
            addressText = first.substring(0, slash);
        }
        Optional<InetAddress> address = AddressParser.parse(addressText);
        if (address.isEmpty()) {
            ctx.diagnostics().error(line.location(), DiagnosticCode.INVALID_ADDRESS,
                    "VRRP parsed invalid IP " + first + ". skipping IP...");
            return Optional.empty();
        }
        InetFamily family = InetFamily.of(address.get());
        int max = family.maxPrefixLength();
        if (slash >= 0) {
            var len = ctx.integer(line.location(), first.substring(slash + 1), 0, max);
            if (len.isEmpty()) {
                ctx.diagnostics().error(line.location(), DiagnosticCode.INVALID_VALUE, "Invalid address prefix len "
                        + first.substring(slash + 1) + " for address " + first + " - using " + max);
            }
            prefix = (int) len.orElse(max);
        } else {
            prefix = max;
        }
        Optional<InetAddress> brd = Optional.empty();
        Optional<String> dev = Optional.empty();
        Optional<String> label = Optional.empty();
        Optional<InetAddress> peer = Optional.empty();
        String scope = "global";
        boolean noTrack = false;
        List<String> other = new ArrayList<>();
        int i = 1;
        while (i < w.size()) {
            String k = w.get(i);
            String v = i + 1 < w.size() ? w.get(i + 1) : null;
            switch (k) {
                case "brd", "broadcast" -> {
                    if (v != null && (v.equals("+") || v.equals("-"))) {
                        other.add(k);
                        other.add(v);
                    } else {
                        brd = addressValue(ctx, line, k, v);
                    }
                    i += 2;
                }
                case "dev" -> {
                    dev = need(ctx, line, k, v);
                    i += 2;
                }
                case "label" -> {
                    label = need(ctx, line, k, v);
                    i += 2;
                }
                case "scope" -> {
                    scope = need(ctx, line, k, v).orElse("global");
                    i += 2;
                }
                case "peer" -> {
                    peer = addressValue(ctx, line, k, v);
                    i += 2;
                }
                case "no_track" -> {
                    noTrack = true;
                    i++;
                }
                default -> {
                    if (FLAGS.contains(k)) {
                        other.add(k);
                        i++;
                    } else if (WITH_VALUE.contains(k)) {
                        other.add(k);
                        if (v != null) {
                            other.add(v);
                        }
                        i += 2;
                    } else {
                        ctx.diagnostics().error(line.location(), DiagnosticCode.UNKNOWN_KEYWORD,
                                "Unknown configuration entry '" + k + "' for ip address - ignoring");
                        i++;
                    }
                }
            }
        }
        return Optional.of(new VirtualIpAddress(address.get(), prefix, brd, dev, label, scope, peer, noTrack, other,
                line.location()));
    }

    private static Optional<String> need(BindContext ctx, Node line, String key, String value) {
        if (value == null) {
            ctx.diagnostics().error(line.location(), DiagnosticCode.MISSING_PARAMETER, key + ": missing parameter");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static Optional<InetAddress> addressValue(BindContext ctx, Node line, String key, String value) {
        Optional<String> v = need(ctx, line, key, value);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Optional<InetAddress> a = AddressParser.parse(v.get());
        if (a.isEmpty()) {
            ctx.diagnostics().error(line.location(), DiagnosticCode.INVALID_ADDRESS,
                    "Invalid " + key + " address '" + v.get() + "' - ignoring");
        }
        return a;
    }
}
