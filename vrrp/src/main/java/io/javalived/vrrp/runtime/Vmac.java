package io.javalived.vrrp.runtime;

import io.javalived.vrrp.packet.IpFamily;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A VRRP virtual MAC interface (keepalived's {@code use_vmac}): a private-mode macvlan {@code name} on the
 * interface {@code base} with the MAC {@code mac} (00:00:5e:00:01:VRID for IPv4, 00:00:5e:00:02:VRID for IPv6,
 * unless configured), brought up, carrying the VIPs.
 *
 * @param family    the addresses it carries: an IPv4 VMAC gets keepalived's IPv4 settings (arp_ignore,
 *                  accept_local, rp_filter 0, promote_secondaries) and IPv6 disabled
 * @param linkLocal an IPv6 VMAC that sends adverts: the link-local address put on it (the adverts' source)
 */
public record Vmac(String name, String base, String mac, IpFamily family, Optional<InetAddress> linkLocal) {
    public Vmac {
        if (parse(mac).length != 6) throw new IllegalArgumentException("VMAC " + name + ": bad MAC " + mac);
    }

    /** RFC 5798 7.3: 00-00-5E-00-01-{VRID} for IPv4, 00-00-5E-00-02-{VRID} for IPv6. */
    public static String standardMac(int vrid, IpFamily family) {
        return String.format("00:00:5e:00:%02x:%02x", family == IpFamily.IPV4 ? 1 : 2, vrid);
    }

    public byte[] macBytes() {
        return parse(mac);
    }

    private static byte[] parse(String mac) {
        return HexFormat.ofDelimiter(":").parseHex(mac);
    }
}
