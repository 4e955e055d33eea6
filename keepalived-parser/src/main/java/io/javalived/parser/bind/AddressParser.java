package io.javalived.parser.bind;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Address literals as inet_pton accepts them: dotted-quad IPv4 (all four parts) and IPv6. No DNS. */
final class AddressParser {
    private AddressParser() {}

    static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.indexOf(':') >= 0) {
            try {
                String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
                if (t.indexOf('%') >= 0) {
                    return Optional.empty();
                }
                return Optional.of(Inet6Address.ofLiteral(t));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        byte[] b = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return Optional.empty();
                }
            } else if (c == '.' && value >= 0 && part < 3) {
                b[part++] = (byte) value;
                value = -1;
            } else {
                return Optional.empty();
            }
        }
        if (part != 3 || value < 0) {
            return Optional.empty();
        }
        b[3] = (byte) value;
        try {
            return Optional.of(InetAddress.getByAddress(b));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The address {@code count} after {@code start} (same family), for ranges. */
    static InetAddress offset(InetAddress start, long count) {
        byte[] b = start.getAddress().clone();
        long carry = count;
        for (int i = b.length - 1; i >= 0 && carry != 0; i--) {
            long v = (b[i] & 0xff) + (carry & 0xff);
            b[i] = (byte) v;
            carry = (carry >>> 8) + (v >>> 8);
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
