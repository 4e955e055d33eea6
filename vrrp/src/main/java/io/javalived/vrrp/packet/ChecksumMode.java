package io.javalived.vrrp.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;

/** What the VRRP checksum covers besides the message itself. */
public sealed interface ChecksumMode {

    /** v2, and v3 with {@code v3_checksum_as_v2}: the message only. */
    record Plain() implements ChecksumMode {}

    /** v3 over IPv4: the 12-byte pseudo-header {src, dst, 0, 112, length} first; dst is the real destination. */
    record Ipv4Pseudo(Inet4Address source, Inet4Address destination) implements ChecksumMode {}

    /** IPv6: the standard 40-byte pseudo-header (the kernel computes and checks it on raw sockets). */
    record Ipv6Pseudo(Inet6Address source, Inet6Address destination) implements ChecksumMode {}

    ChecksumMode PLAIN = new Plain();

    int IPPROTO_VRRP = 112;

    /** The one's complement sum of the pseudo-header for a message of {@code length} bytes. */
    default int pseudoHeaderSum(int length) {
        return switch (this) {
            case Plain p -> 0;
            case Ipv4Pseudo(var s, var d) -> {
                byte[] ph = new byte[12];
                System.arraycopy(s.getAddress(), 0, ph, 0, 4);
                System.arraycopy(d.getAddress(), 0, ph, 4, 4);
                ph[9] = (byte) IPPROTO_VRRP;
                ph[10] = (byte) (length >> 8);
                ph[11] = (byte) length;
                yield InternetChecksum.sum(ph, 0, 12, 0);
            }
            case Ipv6Pseudo(var s, var d) -> {
                byte[] ph = new byte[40];
                System.arraycopy(s.getAddress(), 0, ph, 0, 16);
                System.arraycopy(d.getAddress(), 0, ph, 16, 16);
                ph[34] = (byte) (length >> 8);
                ph[35] = (byte) length;
                ph[39] = (byte) IPPROTO_VRRP;
                yield InternetChecksum.sum(ph, 0, 40, 0);
            }
        };
    }
}
