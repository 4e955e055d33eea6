package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.Vip;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.packet.AdvertCodec;
import io.javalived.vrrp.packet.AuthData;
import io.javalived.vrrp.packet.AuthType;
import io.javalived.vrrp.packet.ChecksumMode;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.packet.Ipv4Header;
import io.javalived.vrrp.packet.VrrpVersion;
import io.javalived.vrrp.receive.AdvertValidator;
import io.javalived.vrrp.receive.Expectations;
import io.javalived.vrrp.receive.ExpectedPeer;
import io.javalived.vrrp.state.InstanceSettings;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdvertBuilderTest {
    static Inet4Address v4(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static InstanceConfig unicastV3(List<Inet4Address> peers) {
        var s = InstanceSettings.of("VI", VrrpVersion.V3, 9, 100, true, 10, v4("10.0.0.5"));
        var e = new Expectations(VrrpVersion.V3, IpFamily.IPV4, 9, AuthType.NONE, AuthData.ZEROS, 10, false,
                AdvertValidator.VRRP_GROUP_V4, peers.stream().map(ExpectedPeer::of).toList(), false, false, List.of(v4("10.0.0.3")), false);
        return new InstanceConfig(s, e, "eth0", v4("10.0.0.5"), List.copyOf(peers), 64,
                List.of(Vip.of(v4("10.0.0.3"), 24, "eth0")), List.of(Vip.of(v4("10.0.0.200"), 32, "eth0")),
                AuthType.NONE, AuthData.ZEROS, false, Notifies.NONE, List.of(), List.of(), Optional.empty());
    }

    @Test
    void oneDatagramPerPeerWithThePeersOwnChecksumAndTtl() {
        var b = new AdvertBuilder(unicastV3(List.of(v4("10.0.0.6"), v4("10.0.0.7"))), 0xfffe);
        var out = b.build(100);
        assertThat(out).extracting(AdvertBuilder.Outgoing::destination).containsExactly(v4("10.0.0.6"), v4("10.0.0.7"));
        for (var o : out) {
            Ipv4Header h = Ipv4Header.decode(o.bytes(), o.bytes().length);
            assertThat(h.ttl()).isEqualTo(64);
            assertThat(h.destination()).isEqualTo(o.destination());
            assertThat(h.identification()).isNotZero();
            byte[] vrrp = Arrays.copyOfRange(o.bytes(), 20, o.bytes().length);
            assertThat(vrrp).as("excluded VIPs are not advertised").hasSize(8 + 4);
            assertThat(AdvertCodec.checksumValid(vrrp, 0, vrrp.length,
                    new ChecksumMode.Ipv4Pseudo(v4("10.0.0.5"), (Inet4Address) o.destination()))).isTrue();
        }
        // identification wrapped from 0xffff to 1, skipping 0
        assertThat(Ipv4Header.decode(out.get(1).bytes(), 40).identification()).isEqualTo(1);
    }

    @Test
    void afterAnOldStylePeerTheChecksumUsesTheMulticastGroup() {
        var b = new AdvertBuilder(unicastV3(List.of(v4("10.0.0.6"))), 1);
        b.useOldUnicastChecksum();
        byte[] d = b.build(100).getFirst().bytes();
        byte[] vrrp = Arrays.copyOfRange(d, 20, d.length);
        assertThat(AdvertCodec.checksumValid(vrrp, 0, vrrp.length,
                new ChecksumMode.Ipv4Pseudo(v4("10.0.0.5"), AdvertValidator.VRRP_GROUP_V4))).isTrue();
    }
}
