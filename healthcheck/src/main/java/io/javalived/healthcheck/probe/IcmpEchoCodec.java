package io.javalived.healthcheck.probe;

import java.util.Arrays;
import java.util.Optional;

/**
 * Encodes and decodes ICMP/ICMPv6 echo messages (8-byte header: type, code, checksum, identifier, sequence;
 * then the data). ICMP carries its own checksum over the message; an ICMPv6 checksum covers a pseudo-header
 * the kernel knows and computes it for raw sockets, so it is left 0 on encode and not checked on decode.
 */
public final class IcmpEchoCodec {
    private IcmpEchoCodec() {}

    public static byte[] encode(IcmpEcho echo) {
        byte[] m = new byte[8 + echo.data().length];
        m[0] = (byte) echo.kind().type(echo.ipv6());
        m[1] = 0;
        m[4] = (byte) (echo.identifier() >> 8);
        m[5] = (byte) echo.identifier();
        m[6] = (byte) (echo.sequence() >> 8);
        m[7] = (byte) echo.sequence();
        System.arraycopy(echo.data(), 0, m, 8, m.length - 8);
        if (!echo.ipv6()) {
            int sum = checksum(m);
            m[2] = (byte) (sum >> 8);
            m[3] = (byte) sum;
        }
        return m;
    }

    /** The echo message, or empty when {@code message} is not an echo of that family (or its ICMP checksum is wrong). */
    public static Optional<IcmpEcho> decode(byte[] message, boolean ipv6) {
        if (message.length < 8 || message[1] != 0) return Optional.empty();
        int type = message[0] & 0xff;
        IcmpEcho.Kind kind = null;
        for (IcmpEcho.Kind k : IcmpEcho.Kind.values()) {
            if (k.type(ipv6) == type) kind = k;
        }
        if (kind == null || (!ipv6 && checksum(message) != 0)) return Optional.empty();
        int identifier = (message[4] & 0xff) << 8 | (message[5] & 0xff);
        int sequence = (message[6] & 0xff) << 8 | (message[7] & 0xff);
        return Optional.of(new IcmpEcho(ipv6, kind, identifier, sequence, Arrays.copyOfRange(message, 8, message.length)));
    }

    /** The Internet checksum (RFC 1071) of the bytes; 0 over a message whose checksum field is right. */
    static int checksum(byte[] b) {
        long sum = 0;
        for (int i = 0; i + 1 < b.length; i += 2) sum += (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
        if ((b.length & 1) == 1) sum += (b[b.length - 1] & 0xff) << 8;
        while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (int) (~sum & 0xffff);
    }
}
