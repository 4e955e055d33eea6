package io.javalived.healthcheck.probe;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An ICMP or ICMPv6 echo request or reply (RFC 792, RFC 4443): identifier, sequence number and data.
 *
 * @param ipv6 ICMPv6 (types 128/129) rather than ICMP (8/0)
 */
public record IcmpEcho(boolean ipv6, Kind kind, int identifier, int sequence, byte[] data) {

    public enum Kind {
        REQUEST(8, 128), REPLY(0, 129);

        final int icmpType;
        final int icmpv6Type;

        Kind(int icmpType, int icmpv6Type) {
            this.icmpType = icmpType;
            this.icmpv6Type = icmpv6Type;
        }

        int type(boolean ipv6) {
            return ipv6 ? icmpv6Type : icmpType;
        }
    }

    public IcmpEcho {
        Objects.requireNonNull(kind, "kind");
        if ((identifier & ~0xffff) != 0) throw new IllegalArgumentException("identifier " + identifier + " is not 16 bits");
        if ((sequence & ~0xffff) != 0) throw new IllegalArgumentException("sequence " + sequence + " is not 16 bits");
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IcmpEcho e && e.ipv6 == ipv6 && e.kind == kind && e.identifier == identifier
                && e.sequence == sequence && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ipv6, kind, identifier, sequence, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return (ipv6 ? "ICMPv6 " : "ICMP ") + "echo " + kind.name().toLowerCase(java.util.Locale.ROOT) + " id "
                + identifier + " seq " + sequence + " data " + HexFormat.of().formatHex(data);
    }
}
