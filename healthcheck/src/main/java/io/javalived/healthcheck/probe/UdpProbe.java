package io.javalived.healthcheck.probe;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * UDP_CHECK: send {@code payload} (hex) to the target. Without {@code require_reply} the server is up
 * unless an ICMP port unreachable comes back within connect_timeout; with it, a reply must arrive whose
 * length lies in [minReplyLength, maxReplyLength] and which matches the pattern (hex, X = any nibble).
 */
public record UdpProbe(Connection connection, String payloadHex, Optional<String> requireReply,
                       int minReplyLength, int maxReplyLength) implements Probe {

    public UdpProbe {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(requireReply, "requireReply");
        HexFormat.of().parseHex(payloadHex);
        if (minReplyLength < 0 || maxReplyLength < minReplyLength) {
            throw new IllegalArgumentException("bad reply length bounds " + minReplyLength + ".." + maxReplyLength);
        }
    }

    public byte[] payload() {
        return HexFormat.of().parseHex(payloadHex);
    }

    public String kind() {
        return "UDP_CHECK";
    }

    public String describe() {
        return connection.describe("udp");
    }
}
