package io.javalived.daemon.status;

import java.net.InetSocketAddress;

/**
 * Where the status endpoint listens: {@code --status-listen HOST:PORT} ({@code 127.0.0.1:9650} by default,
 * {@code [::1]:9650} for IPv6, {@code off} to disable). Only literal addresses: a status endpoint never
 * resolves names.
 */
public record StatusListen(InetSocketAddress address) {
    public static final int DEFAULT_PORT = 9650;
    public static final String DEFAULT = "127.0.0.1:" + DEFAULT_PORT;

    /** {@code off} (no endpoint) or an address as {@link #parse}. */
    public static java.util.Optional<StatusListen> option(String text) {
        return "off".equalsIgnoreCase(text.trim()) ? java.util.Optional.empty() : java.util.Optional.of(parse(text.trim()));
    }

    /** Parses {@code HOST:PORT}, {@code [V6]:PORT} or {@code :PORT} (127.0.0.1); a user mistake names itself. */
    public static StatusListen parse(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int end = text.indexOf("]:");
            if (end < 0) {
                throw new IllegalArgumentException("status listen address '" + text + "': expected [IPv6]:PORT");
            }
            host = text.substring(1, end);
            port = text.substring(end + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0 || text.indexOf(':') != colon) {
                throw new IllegalArgumentException("status listen address '" + text + "': expected HOST:PORT, e.g. " + DEFAULT);
            }
            host = colon == 0 ? "127.0.0.1" : text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("status listen address '" + text + "': port '" + port + "' is not a number");
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("status listen address '" + text + "': port " + p + " is outside 0..65535");
        }
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            throw new IllegalArgumentException("status listen address '" + text + "': '" + host
                    + "' is not an IP address (names are not resolved)");
        }
        try {
            return new StatusListen(new InetSocketAddress(java.net.InetAddress.ofLiteral(host), p));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status listen address '" + text + "': '" + host + "' is not an IP address");
        }
    }

    /** {@code http://127.0.0.1:9650}. */
    public String baseUrl() {
        String h = address.getAddress().getHostAddress();
        return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + address.getPort();
    }
}
