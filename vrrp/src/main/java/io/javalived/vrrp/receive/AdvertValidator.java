package io.javalived.vrrp.receive;

import static io.javalived.vrrp.packet.AddressLiterals.v4;
import static io.javalived.vrrp.packet.AddressLiterals.v6;

import io.javalived.vrrp.packet.Advert;
import io.javalived.vrrp.packet.AdvertCodec;
import io.javalived.vrrp.packet.AuthData;
import io.javalived.vrrp.packet.AuthType;
import io.javalived.vrrp.packet.ChecksumMode;
import io.javalived.vrrp.packet.Decoded;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.packet.IpsecAh;
import io.javalived.vrrp.packet.Ipv4Header;
import io.javalived.vrrp.packet.VrrpVersion;
import io.javalived.vrrp.receive.ReceivedPacket.Ipv4Datagram;
import io.javalived.vrrp.receive.ReceivedPacket.Ipv6Payload;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every receive check keepalived makes on an advert for one instance, in its order (reference section 2.4):
 * AH presence, length (Ethernet padding tolerated), TTL, version, v2 auth type / PASS / interval, type,
 * IPv4 tot_len, v3 interval (only noted), checksum, unicast/multicast consistency, owner_ignore_adverts,
 * VIP list (only noted), unicast source. Pure and total: any bytes give a {@link Reception}, never an exception.
 */
public final class AdvertValidator {
    static final int AH_LENGTH = 24;
    /** Smallest Ethernet frame without FCS, plus one VLAN tag: IP datagrams up to this size may arrive padded. */
    static final int PADDED_FRAME_LIMIT = 64;
    static final int ETHERNET_HEADER = 14;
    public static final Inet4Address VRRP_GROUP_V4 = v4("224.0.0.18");
    public static final Inet6Address VRRP_GROUP_V6 = v6("ff02::12");

    private AdvertValidator() {}

    public static Reception check(ReceivedPacket packet, Expectations want) {
        return check(packet, want, null);
    }

    /**
     * @param currentMaster the master this instance currently follows (or null); with
     *                      skip_check_adv_addr its VIP list is not compared again
     */
    public static Reception check(ReceivedPacket packet, Expectations want, InetAddress currentMaster) {
        try {
            return switch (packet) {
                case Ipv4Datagram d -> checkIpv4(d.bytes(), want, currentMaster);
                case Ipv6Payload p -> checkVrrp(p.bytes(), 0, p.bytes().length, p.bytes().length, -1, p.hopLimit(),
                        p.source(), p.destination(), false, want, currentMaster);
            };
        } catch (RuntimeException e) {
            // A bug here must not stop the receive loop; the fuzz test keeps this branch unreachable.
            return new Reception.Rejected(RejectReason.LENGTH, "undecodable packet: " + e);
        }
    }

    private static Reception checkIpv4(byte[] b, Expectations want, InetAddress currentMaster) {
        if (want.family() != IpFamily.IPV4) {
            return reject(RejectReason.IP_HEADER, "IPv4 datagram on an IPv6 instance");
        }
        Ipv4Header ip = Ipv4Header.decode(b, b.length);
        if (ip == null) {
            return reject(RejectReason.IP_HEADER, "IPv4 header: " + b.length + " bytes are not an IPv4 header");
        }
        boolean ah = ip.protocol() == Ipv4Header.PROTO_AH;
        if (!ah && ip.protocol() != Ipv4Header.PROTO_VRRP) {
            return reject(RejectReason.IP_HEADER, "IPv4 protocol " + ip.protocol() + " is neither 112 (VRRP) nor 51 (AH)");
        }
        // 1. AH present iff auth_type AH.
        if (ah != (want.authType() == AuthType.AH)) {
            return reject(RejectReason.AH_MISMATCH, ah ? "IPsec AH received, auth_type is " + want.authType()
                    : "no IPsec AH header, auth_type AH configured");
        }
        int off = ip.headerLength() + (ah ? AH_LENGTH : 0);
        int len = b.length - off;
        return checkVrrp(b, off, len, b.length, ip.totalLength(), ip.ttl(), ip.source(), ip.destination(), ah, want,
                currentMaster);
    }

    private static Reception checkVrrp(byte[] b, int off, int len, int datagramLength, int ipTotalLength, int ttl,
                                       InetAddress src, InetAddress dst, boolean ah, Expectations want,
                                       InetAddress currentMaster) {
        // 2. Length.
        if (len < Advert.HEADER_LENGTH) {
            return reject(RejectReason.LENGTH, "length: " + Math.max(len, 0) + " bytes, shorter than the 8-byte VRRP header");
        }
        VrrpVersion seenVersion = VrrpVersion.ofNumber((b[off] & 0xff) >> 4);
        VrrpVersion lengthVersion = seenVersion != null ? seenVersion : want.version();
        int count = b[off + 3] & 0xff;
        int expected = Advert.expectedLength(lengthVersion, want.family(), count);
        boolean padded = len > expected && want.family() == IpFamily.IPV4
                && datagramLength + ETHERNET_HEADER <= PADDED_FRAME_LIMIT;
        if (len != expected && !padded) {
            return reject(RejectReason.LENGTH, "length: " + len + " bytes, but " + count + " addresses make " + expected);
        }
        // 3. TTL / hop limit.
        if (!want.unicast()) {
            if (ttl >= 0 && ttl != 255) {
                return reject(RejectReason.TTL, "TTL " + ttl + " from " + src.getHostAddress() + ", multicast needs 255");
            }
        } else if (ttl >= 0) {
            for (ExpectedPeer peer : want.peers()) {
                if (peer.address().equals(src) && (ttl < peer.minTtl() || ttl > peer.maxTtl())) {
                    return reject(RejectReason.TTL, "TTL " + ttl + " from " + src.getHostAddress() + " outside "
                            + peer.minTtl() + ".." + peer.maxTtl());
                }
            }
        }
        // 4. Version.
        if (seenVersion != want.version()) {
            return reject(RejectReason.VERSION, "version " + ((b[off] & 0xff) >> 4) + " from " + src.getHostAddress()
                    + ", configured " + want.version().number());
        }
        int vrid = b[off + 1] & 0xff;
        if (vrid != want.vrid()) {
            return reject(RejectReason.UNKNOWN_VRID, "virtual_router_id " + vrid + ", this instance has " + want.vrid());
        }
        Set<Notice> notices = EnumSet.noneOf(Notice.class);
        int interval;
        // 6. v2: auth type, PASS, interval.
        if (want.version() == VrrpVersion.V2) {
            int at = b[off + 4] & 0xff;
            AuthType seen = AuthType.ofCode(at);
            if (seen == null) {
                return reject(RejectReason.AUTH_TYPE_INVALID, "auth type " + at + " from " + src.getHostAddress());
            }
            if (seen != want.authType()) {
                return reject(RejectReason.AUTH_TYPE_MISMATCH, "auth type " + seen + " from " + src.getHostAddress()
                        + ", configured " + want.authType());
            }
            if (seen == AuthType.PASS) {
                int p = off + Advert.HEADER_LENGTH + count * want.family().addressLength();
                AuthData got = AuthData.of(Arrays.copyOfRange(b, p, p + AuthData.LENGTH));
                if (!got.matches(want.authData())) {
                    return reject(RejectReason.AUTH_FAILURE, "auth_pass from " + src.getHostAddress() + " does not match");
                }
            } else if (seen == AuthType.AH && ah) {
                // keepalived 2.2.7: next header, then the ICV, then the SPI; the sequence number is the caller's
                // (it needs the instance's counter)
                int ihl = off - AH_LENGTH;
                if (IpsecAh.nextHeader(b, ihl) != Ipv4Header.PROTO_VRRP) {
                    return reject(RejectReason.AH_MISMATCH, "IPsec AH next header " + IpsecAh.nextHeader(b, ihl)
                            + " from " + src.getHostAddress() + " is not VRRP (112)");
                }
                if (!IpsecAh.icvValid(b, ihl, datagramLength, want.authData(), want.unicast())) {
                    return reject(RejectReason.AUTH_FAILURE, "IPsec AH HMAC-MD5 from " + src.getHostAddress()
                            + " does not match (bad auth_pass, or fields changed on the way)");
                }
                if (!Arrays.equals(IpsecAh.spi(b, ihl), src.getAddress())) {
                    return reject(RejectReason.AUTH_FAILURE, "IPsec AH SPI " + java.util.HexFormat.of()
                            .formatHex(IpsecAh.spi(b, ihl)) + " is not the source address " + src.getHostAddress());
                }
            }
            interval = (b[off + 5] & 0xff) * 100;
            if (interval != want.intervalCentis()) {
                return reject(RejectReason.INTERVAL_MISMATCH, "advert_int " + interval / 100 + "s from "
                        + src.getHostAddress() + ", configured " + want.intervalCentis() / 100 + "s");
            }
        } else {
            interval = ((b[off + 4] & 0x0f) << 8) | (b[off + 5] & 0xff);
        }
        // 7. Type.
        int type = b[off] & 0x0f;
        if (type != Advert.TYPE_ADVERTISEMENT) {
            return reject(RejectReason.TYPE, "type " + type + " from " + src.getHostAddress() + ", only 1 (ADVERTISEMENT) exists");
        }
        // 8. IPv4 total length against what arrived.
        if (ipTotalLength >= 0 && ipTotalLength != datagramLength
                && !(padded && ipTotalLength == datagramLength - len + expected)) {
            return reject(RejectReason.IP_TOTAL_LENGTH, "IPv4 tot_len " + ipTotalLength + ", received " + datagramLength);
        }
        // 9. v3 interval mismatch is noted only.
        if (want.version() == VrrpVersion.V3 && interval != want.intervalCentis()) {
            notices.add(Notice.INTERVAL_MISMATCH);
        }
        // 10. Checksum.
        if (want.family() == IpFamily.IPV4) {
            if (want.version() == VrrpVersion.V2) {
                if (!AdvertCodec.checksumValid(b, off, expected, ChecksumMode.PLAIN)) {
                    return badChecksum(b, off, src);
                }
            } else if (!want.checksumAsV2()) {
                var pseudo = new ChecksumMode.Ipv4Pseudo((Inet4Address) src, (Inet4Address) dst);
                if (!AdvertCodec.checksumValid(b, off, expected, pseudo)) {
                    var old = new ChecksumMode.Ipv4Pseudo((Inet4Address) src, VRRP_GROUP_V4);
                    if (want.unicast() && AdvertCodec.checksumValid(b, off, expected, old)) {
                        notices.add(Notice.OLD_UNICAST_CHECKSUM);
                    } else {
                        return badChecksum(b, off, src);
                    }
                }
            }
        } else if (dst != null && !AdvertCodec.checksumValid(b, off, expected,
                new ChecksumMode.Ipv6Pseudo((Inet6Address) src, (Inet6Address) dst))) {
            return badChecksum(b, off, src);
        }
        // 11. Unicast instance vs multicast packet and the reverse.
        if (dst != null) {
            if (want.unicast() && dst.isMulticastAddress()) {
                return reject(RejectReason.MODE_MISMATCH, "multicast advert to " + dst.getHostAddress()
                        + " from " + src.getHostAddress() + " on a unicast_peer instance");
            }
            if (!want.unicast() && !dst.isMulticastAddress()) {
                return reject(RejectReason.MODE_MISMATCH, "unicast advert to " + dst.getHostAddress()
                        + " from " + src.getHostAddress() + " on a multicast instance");
            }
        }
        // 12. Owner ignoring adverts.
        if (want.ownerIgnoresAdverts()) {
            return reject(RejectReason.OWNER_IGNORES, "address owner ignores adverts (owner_ignore_adverts)");
        }
        // 13. From here on it counts as received; decode it.
        Advert advert = switch (AdvertCodec.decode(b, off, expected, want.family())) {
            case Decoded.Ok ok -> ok.advert();
            case Decoded.Malformed m -> null;
        };
        if (advert == null) {
            return reject(RejectReason.LENGTH, "advert from " + src.getHostAddress() + " does not decode");
        }
        if (advert.priority() == 0) {
            notices.add(Notice.PRIORITY_ZERO);
        }
        // 14. VIP count and list: noted only.
        if (advert.addresses().size() != want.vips().size()) {
            notices.add(Notice.ADDRESS_LIST_MISMATCH);
        } else if (!(want.skipCheckAdvertAddresses() && src.equals(currentMaster))
                && !advert.addresses().equals(want.vips())) {
            notices.add(Notice.ADDRESS_LIST_MISMATCH);
        }
        // 15. Unicast source.
        if (want.unicast() && want.checksUnicastSource()
                && want.peers().stream().noneMatch(p -> p.address().equals(src))) {
            return reject(RejectReason.UNKNOWN_UNICAST_SOURCE, "advert from " + src.getHostAddress()
                    + ", which is not a unicast_peer");
        }
        return new Reception.Accepted(advert, src, dst, ttl, notices);
    }

    private static Reception badChecksum(byte[] b, int off, InetAddress src) {
        return reject(RejectReason.CHECKSUM, String.format("checksum 0x%04x from %s is wrong",
                AdvertCodec.checksumOf(b, off), src.getHostAddress()));
    }

    private static Reception reject(RejectReason r, String detail) {
        return new Reception.Rejected(r, detail);
    }


}
