package io.javalived.vrrp.receive;

import java.net.Inet6Address;
import java.util.Arrays;

/** What a VRRP socket hands up: the bytes and what the kernel says about them. */
public sealed interface ReceivedPacket {

    /** An IPv4 raw socket delivers the IP header, so TTL, addresses and protocol come from the bytes. */
    record Ipv4Datagram(byte[] bytes) implements ReceivedPacket {
        public Ipv4Datagram {
            bytes = bytes.clone();
        }

        public static Ipv4Datagram of(byte[] buf, int len) {
            return new Ipv4Datagram(Arrays.copyOf(buf, len));
        }
    }

    /**
     * An IPv6 raw socket delivers the payload only; the source comes from recvfrom, the destination from
     * IPV6_PKTINFO (null if unknown) and the hop limit from IPV6_HOPLIMIT (-1 if unknown).
     */
    record Ipv6Payload(byte[] bytes, Inet6Address source, Inet6Address destination, int hopLimit) implements ReceivedPacket {
        public Ipv6Payload {
            bytes = bytes.clone();
        }
    }
}
