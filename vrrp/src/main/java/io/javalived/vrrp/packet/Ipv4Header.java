package io.javalived.vrrp.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The IPv4 header in front of a VRRP message, as keepalived builds it on a raw socket with IP_HDRINCL:
 * IHL 5, TOS 0xC0, an identification that grows per advert and is never 0, no DF, TTL 255, protocol 112.
 *
 * @param headerLength  IHL x 4 (20 without options)
 * @param totalLength   the tot_len field
 */
public record Ipv4Header(int headerLength, int tos, int totalLength, int identification, int flagsFragment,
                         int ttl, int protocol, Inet4Address source, Inet4Address destination) {
    public static final int LENGTH = 20;
    public static final int TOS_NETWORK_CONTROL = 0xC0;
    public static final int PROTO_VRRP = 112;
    public static final int PROTO_AH = 51;

    /** The header keepalived sends before a {@code payloadLength}-byte advert. */
    public static Ipv4Header forAdvert(Inet4Address src, Inet4Address dst, int ttl, int id, int payloadLength) {
        return new Ipv4Header(LENGTH, TOS_NETWORK_CONTROL, LENGTH + payloadLength, id, 0, ttl, PROTO_VRRP, src, dst);
    }

    /** Encodes the 20-byte header, with its checksum. */
    public byte[] encode() {
        byte[] h = new byte[LENGTH];
        h[0] = 0x45;
        h[1] = (byte) tos;
        h[2] = (byte) (totalLength >> 8);
        h[3] = (byte) totalLength;
        h[4] = (byte) (identification >> 8);
        h[5] = (byte) identification;
        h[6] = (byte) (flagsFragment >> 8);
        h[7] = (byte) flagsFragment;
        h[8] = (byte) ttl;
        h[9] = (byte) protocol;
        System.arraycopy(source.getAddress(), 0, h, 12, 4);
        System.arraycopy(destination.getAddress(), 0, h, 16, 4);
        int ck = InternetChecksum.checksum(h, 0, LENGTH);
        h[10] = (byte) (ck >> 8);
        h[11] = (byte) ck;
        return h;
    }

    /** The header plus the advert, ready for a raw IP_HDRINCL socket. */
    public static byte[] frame(Ipv4Header header, byte[] vrrp) {
        byte[] h = header.encode();
        byte[] out = new byte[h.length + vrrp.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(vrrp, 0, out, h.length, vrrp.length);
        return out;
    }

    /** Decodes the header at the start of {@code b}, or null if the bytes cannot be an IPv4 header. */
    public static Ipv4Header decode(byte[] b, int len) {
        if (len < LENGTH || (b[0] & 0xf0) != 0x40) return null;
        int ihl = (b[0] & 0x0f) * 4;
        if (ihl < LENGTH || ihl > len) return null;
        return new Ipv4Header(ihl, b[1] & 0xff, u16(b, 2), u16(b, 4), u16(b, 6), b[8] & 0xff, b[9] & 0xff,
                addr(b, 12), addr(b, 16));
    }

    private static int u16(byte[] b, int o) {
        return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff);
    }

    private static Inet4Address addr(byte[] b, int o) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {b[o], b[o + 1], b[o + 2], b[o + 3]});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
