package io.javalived.vrrp.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The Ethernet frames that announce a VIP (reference section 2.5): a gratuitous ARP request (broadcast, sender and
 * target the VIP, target MAC ff:ff:ff:ff:ff:ff) and an IPv6 unsolicited neighbour advertisement (to
 * 33:33:00:00:00:01 / ff02::1 from the VIP, hop limit 255, Override and optionally Router flags, with the
 * target link-layer address option). Pure: bytes in, bytes out.
 */
public final class AnnouncementFrames {
    public static final int ETH_P_ARP = 0x0806;
    public static final int ETH_P_IPV6 = 0x86DD;
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
    private static final byte[] ALL_NODES_MAC = {0x33, 0x33, 0, 0, 0, 1};
    private static final Inet6Address ALL_NODES = allNodes();

    private AnnouncementFrames() {}

    public static byte[] gratuitousArp(byte[] mac, Inet4Address vip) {
        requireMac(mac);
        byte[] f = new byte[42];
        ethernet(f, BROADCAST, mac, ETH_P_ARP);
        int o = 14;
        f[o] = 0; f[o + 1] = 1;          // hardware type Ethernet
        f[o + 2] = 0x08; f[o + 3] = 0;   // protocol IPv4
        f[o + 4] = 6; f[o + 5] = 4;      // lengths
        f[o + 6] = 0; f[o + 7] = 1;      // op: request
        System.arraycopy(mac, 0, f, o + 8, 6);
        System.arraycopy(vip.getAddress(), 0, f, o + 14, 4);
        System.arraycopy(BROADCAST, 0, f, o + 18, 6);
        System.arraycopy(vip.getAddress(), 0, f, o + 24, 4);
        return f;
    }

    /** @param router set the R flag (the interface forwards) */
    public static byte[] unsolicitedNeighbourAdvert(byte[] mac, Inet6Address vip, boolean router) {
        requireMac(mac);
        int icmpLen = 32;
        byte[] f = new byte[14 + 40 + icmpLen];
        ethernet(f, ALL_NODES_MAC, mac, ETH_P_IPV6);
        int ip = 14;
        f[ip] = 0x60;
        f[ip + 4] = 0; f[ip + 5] = (byte) icmpLen;
        f[ip + 6] = 58;                  // ICMPv6
        f[ip + 7] = (byte) 255;          // hop limit
        System.arraycopy(vip.getAddress(), 0, f, ip + 8, 16);
        System.arraycopy(ALL_NODES.getAddress(), 0, f, ip + 24, 16);
        int icmp = ip + 40;
        f[icmp] = (byte) 136;            // neighbour advertisement
        f[icmp + 4] = (byte) (0x20 | (router ? 0x80 : 0)); // Override (+ Router)
        System.arraycopy(vip.getAddress(), 0, f, icmp + 8, 16);
        f[icmp + 24] = 2;                // option: target link-layer address
        f[icmp + 25] = 1;                // length in 8-byte units
        System.arraycopy(mac, 0, f, icmp + 26, 6);
        byte[] ph = new byte[40];
        System.arraycopy(vip.getAddress(), 0, ph, 0, 16);
        System.arraycopy(ALL_NODES.getAddress(), 0, ph, 16, 16);
        ph[35] = (byte) icmpLen;
        ph[39] = 58;
        int sum = InternetChecksum.sum(ph, 0, 40, 0);
        int ck = InternetChecksum.finish(InternetChecksum.sum(f, icmp, icmpLen, sum));
        f[icmp + 2] = (byte) (ck >> 8);
        f[icmp + 3] = (byte) ck;
        return f;
    }

    public static byte[] announce(byte[] mac, InetAddress vip, boolean router) {
        return switch (vip) {
            case Inet4Address v4 -> gratuitousArp(mac, v4);
            case Inet6Address v6 -> unsolicitedNeighbourAdvert(mac, v6, router);
            default -> throw new IllegalArgumentException("not an IP address: " + vip);
        };
    }

    private static void ethernet(byte[] f, byte[] dst, byte[] src, int type) {
        System.arraycopy(dst, 0, f, 0, 6);
        System.arraycopy(src, 0, f, 6, 6);
        f[12] = (byte) (type >> 8);
        f[13] = (byte) type;
    }

    private static void requireMac(byte[] mac) {
        if (mac.length != 6) throw new IllegalArgumentException("a MAC has 6 bytes, not " + mac.length);
    }

    private static Inet6Address allNodes() {
        try {
            return (Inet6Address) InetAddress.getByName("ff02::1");
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
