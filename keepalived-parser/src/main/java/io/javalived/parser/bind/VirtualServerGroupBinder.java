package io.javalived.parser.bind;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.model.InetFamily;
import io.javalived.parser.model.VirtualServerGroup;
import io.javalived.parser.syntax.Node;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code virtual_server_group NAME}: lines {@code IP [port]}, {@code a.b.c.d-e [port]} (the last part of
 * the address ranges to e; IPv6 the last group, in hex), {@code a.b.c.d/len [port]}, {@code fwmark N [inet|inet6]}.
 */
final class VirtualServerGroupBinder {
    private final BindContext ctx;

    VirtualServerGroupBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    Optional<VirtualServerGroup> bind(Node node) {
        if (node.argCount() < 1) {
            ctx.diagnostics().error(node.location(), DiagnosticCode.MISSING_PARAMETER, "virtual_server_group has no name - skipping it");
            return Optional.empty();
        }
        List<VirtualServerGroup.Entry> entries = new ArrayList<>();
        for (Node line : node.children()) {
            if (line.isOrphanBlock()) {
                continue;
            }
            entry(line).ifPresent(entries::add);
        }
        return Optional.of(new VirtualServerGroup(node.arg(0), entries, node.location()));
    }

    private Optional<VirtualServerGroup.Entry> entry(Node line) {
        if (line.keyword().equals("fwmark")) {
            var mark = ctx.integer(line, 0, 1, 0xffffffffL);
            if (mark.isEmpty()) {
                return Optional.empty();
            }
            InetFamily f = line.argCount() > 1 && line.arg(1).equals("inet6") ? InetFamily.INET6 : InetFamily.INET;
            return Optional.of(new VirtualServerGroup.Fwmark(mark.getAsLong(), f, line.location()));
        }
        int port = 0;
        if (line.argCount() >= 1) {
            var p = ctx.integer(line, 0, 0, 65535);
            if (p.isEmpty()) {
                return Optional.empty();
            }
            port = (int) p.getAsLong();
        }
        String text = line.keyword();
        Optional<InetAddress> single = AddressParser.parse(text);
        if (single.isPresent()) {
            return Optional.of(new VirtualServerGroup.AddressRange(single.get(), single.get(), port, line.location()));
        }
        int slash = text.indexOf('/');
        if (slash > 0) {
            Optional<InetAddress> base = AddressParser.parse(text.substring(0, slash));
            if (base.isPresent()) {
                int bits = base.get() instanceof Inet4Address ? 32 : 128;
                var len = ctx.integer(line.location(), text.substring(slash + 1), 0, bits);
                if (len.isEmpty()) {
                    return Optional.empty();
                }
                BigInteger size = BigInteger.ONE.shiftLeft(bits - (int) len.getAsLong());
                BigInteger start = new BigInteger(1, base.get().getAddress()).andNot(size.subtract(BigInteger.ONE));
                InetAddress first = fromBig(start, bits);
                InetAddress last = fromBig(start.add(size).subtract(BigInteger.ONE), bits);
                return Optional.of(new VirtualServerGroup.AddressRange(first, last, port, line.location()));
            }
        }
        int dash = text.lastIndexOf('-');
        if (dash > 0) {
            Optional<InetAddress> first = AddressParser.parse(text.substring(0, dash));
            if (first.isPresent()) {
                boolean v4 = first.get() instanceof Inet4Address;
                String endText = text.substring(dash + 1);
                try {
                    long end = Long.parseLong(endText, v4 ? 10 : 16);
                    byte[] a = first.get().getAddress();
                    long lastPart = v4 ? a[3] & 0xff : ((a[14] & 0xff) << 8) | (a[15] & 0xff);
                    long max = v4 ? 255 : 0xffff;
                    if (end >= lastPart && end <= max) {
                        InetAddress last = AddressParser.offset(first.get(), end - lastPart);
                        return Optional.of(new VirtualServerGroup.AddressRange(first.get(), last, port, line.location()));
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
        }
        ctx.diagnostics().error(line.location(), DiagnosticCode.INVALID_ADDRESS,
                "Invalid virtual server group IP address " + text + " - skipping");
        return Optional.empty();
    }

    private static InetAddress fromBig(BigInteger v, int bits) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[bits / 8];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
