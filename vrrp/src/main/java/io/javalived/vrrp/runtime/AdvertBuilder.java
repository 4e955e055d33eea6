package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.Vip;

import io.javalived.vrrp.packet.Advert;
import io.javalived.vrrp.packet.AdvertCodec;
import io.javalived.vrrp.packet.AuthData;
import io.javalived.vrrp.packet.ChecksumMode;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.packet.IpsecAh;
import io.javalived.vrrp.packet.Ipv4Header;
import io.javalived.vrrp.packet.VrrpVersion;
import io.javalived.vrrp.receive.AdvertValidator;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import io.javalived.vrrp.packet.AuthType;

/**
 * Builds the packets of one advert, one per destination, as keepalived does: for IPv4 an IP header (TOS 0xC0,
 * identification growing per advert and never 0, TTL 255 or unicast_ttl) and, for v3, a checksum over the
 * pseudo-header with the real destination (or 224.0.0.18 after a peer showed it uses the old unicast checksum).
 */
public final class AdvertBuilder {
    public record Outgoing(InetAddress destination, byte[] bytes) {}

    private final InstanceConfig config;
    private int identification;
    private volatile boolean oldUnicastChecksum;
    private AhSequence ahSequence = new AhSequence();
    /**
     * The encoded VRRP messages by priority, one per destination, made on first use: only the IP header around them
     * (its identification) changes from one advert to the next, so an advert allocates little more than its frame.
     * Built with {@link #messagesOldChecksum}; a peer's old unicast checksum empties it.
     */
    private final byte[][][] messages = new byte[256][][];
    private boolean messagesOldChecksum;

    public AdvertBuilder(InstanceConfig config, int firstIdentification) {
        this.config = config;
        this.identification = firstIdentification & 0xffff;
    }

    /**
     * The builder for the same instance after a reload changed its configuration: the IP identification goes on
     * from where it is, and the old-unicast-checksum compatibility learnt from a peer stays.
     */
    public AdvertBuilder reconfigured(InstanceConfig next) {
        AdvertBuilder b = new AdvertBuilder(next, identification);
        b.oldUnicastChecksum = oldUnicastChecksum;
        b.ahSequence = ahSequence;
        return b;
    }

    /** The IPsec AH sequence number (auth_type AH), shared with the receive path's anti-replay check. */
    public AhSequence ahSequence() {
        return ahSequence;
    }

    /** A peer sent the pre-1.3.6 unicast checksum: answer in kind (keepalived's auto-compat). */
    public void useOldUnicastChecksum() {
        oldUnicastChecksum = true;
    }

    public Advert advert(int priority) {
        var s = config.settings();
        List<InetAddress> addrs = config.vips().stream().map(Vip::address).toList();
        if (s.version() == VrrpVersion.V2) {
            return new Advert(VrrpVersion.V2, IpFamily.IPV4, s.vrid(), priority, config.authType(),
                    s.intervalCentis(), addrs, config.authType() == AuthType.PASS
                    ? config.authData() : AuthData.ZEROS);
        }
        return Advert.v3(config.family(), s.vrid(), priority, s.intervalCentis(), addrs);
    }

    /** The VRRP messages (no IP header) of an advert at {@code priority}, one per destination, in order. */
    private byte[][] messages(int priority) {
        boolean old = oldUnicastChecksum;
        if (old != messagesOldChecksum) {
            java.util.Arrays.fill(messages, null);
            messagesOldChecksum = old;
        }
        byte[][] ms = messages[priority];
        if (ms == null) {
            ms = encode(priority, old);
            messages[priority] = ms;
        }
        return ms;
    }

    private byte[][] encode(int priority, boolean oldChecksum) {
        Advert a = advert(priority);
        byte[][] ms = new byte[config.destinations().size()][];
        int k = 0;
        for (InetAddress dst : config.destinations()) {
            if (config.family() == IpFamily.IPV6) {
                byte[] m = AdvertCodec.encode(a, ChecksumMode.PLAIN);
                m[AdvertCodec.CHECKSUM_OFFSET] = 0; // the kernel computes it (IPV6_CHECKSUM)
                m[AdvertCodec.CHECKSUM_OFFSET + 1] = 0;
                ms[k++] = m;
                continue;
            }
            Inet4Address src = (Inet4Address) config.sourceAddress();
            ChecksumMode mode;
            if (a.version() == VrrpVersion.V2 || config.checksumAsV2()) {
                mode = ChecksumMode.PLAIN;
            } else {
                Inet4Address sumDst = oldChecksum && config.unicast() ? AdvertValidator.VRRP_GROUP_V4 : (Inet4Address) dst;
                mode = new ChecksumMode.Ipv4Pseudo(src, sumDst);
            }
            ms[k++] = AdvertCodec.encode(a, mode);
        }
        return ms;
    }

    public List<Outgoing> build(int priority) {
        byte[][] ms = messages(priority);
        List<Outgoing> out = new ArrayList<>(ms.length);
        boolean ah = config.authType() == AuthType.AH && config.family() == IpFamily.IPV4;
        long sequence = ah ? ahSequence.next() : 0;   // one number per advert, whatever the number of peers
        int k = 0;
        for (InetAddress dst : config.destinations()) {
            byte[] m = ms[k++];
            if (config.family() == IpFamily.IPV6) {
                out.add(new Outgoing(dst, m.clone()));
                continue;
            }
            Inet4Address src = (Inet4Address) config.sourceAddress();
            identification = (identification + 1) & 0xffff;
            if (identification == 0) identification = 1;
            if (ah) {
                byte[] body = new byte[IpsecAh.LENGTH + m.length];
                System.arraycopy(IpsecAh.header(src.getAddress(), sequence), 0, body, 0, IpsecAh.LENGTH);
                System.arraycopy(m, 0, body, IpsecAh.LENGTH, m.length);
                var header = new Ipv4Header(Ipv4Header.LENGTH, Ipv4Header.TOS_NETWORK_CONTROL,
                        Ipv4Header.LENGTH + body.length, identification, 0, config.ttl(), Ipv4Header.PROTO_AH,
                        src, (Inet4Address) dst);
                out.add(new Outgoing(dst, IpsecAh.seal(Ipv4Header.frame(header, body), Ipv4Header.LENGTH,
                        config.authData(), config.unicast())));
                continue;
            }
            var header = Ipv4Header.forAdvert(src, (Inet4Address) dst, config.ttl(), identification, m.length);
            out.add(new Outgoing(dst, Ipv4Header.frame(header, m)));
        }
        return out;
    }
}
