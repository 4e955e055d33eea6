package io.javalived.vrrp.receive;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.packet.Advert;
import io.javalived.vrrp.packet.AdvertCodec;
import io.javalived.vrrp.packet.AuthData;
import io.javalived.vrrp.packet.AuthType;
import io.javalived.vrrp.packet.ChecksumMode;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.packet.Ipv4Header;
import io.javalived.vrrp.packet.VrrpVersion;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvertValidatorTest {
    static final Inet4Address SRC = v4("10.0.0.5");
    static final Inet4Address PEER = v4("10.0.0.6");
    static final Inet4Address VIP = v4("10.0.0.3");
    static final Inet4Address GROUP = AdvertValidator.VRRP_GROUP_V4;

    static Inet4Address v4(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Expectations v2Pass() {
        return new Expectations(VrrpVersion.V2, IpFamily.IPV4, 62, AuthType.PASS, AuthData.password("1234"), 100,
                false, GROUP, List.of(), false, false, List.of(VIP), false);
    }

    static Expectations v3(List<ExpectedPeer> peers, boolean checkSrc) {
        return new Expectations(VrrpVersion.V3, IpFamily.IPV4, 62, AuthType.NONE, AuthData.ZEROS, 100,
                false, GROUP, peers, checkSrc, false, List.of(VIP), false);
    }

    static byte[] datagram(Advert a, ChecksumMode mode, Inet4Address src, Inet4Address dst, int ttl) {
        byte[] vrrp = AdvertCodec.encode(a, mode);
        return Ipv4Header.frame(Ipv4Header.forAdvert(src, dst, ttl, 1, vrrp.length), vrrp);
    }

    static byte[] v2Datagram(int prio, String pass, int secs, int ttl) {
        Advert a = Advert.v2(62, prio, AuthType.PASS, AuthData.password(pass), secs, List.of(VIP));
        return datagram(a, ChecksumMode.PLAIN, SRC, GROUP, ttl);
    }

    static Reception check(byte[] d, Expectations e) {
        return AdvertValidator.check(new ReceivedPacket.Ipv4Datagram(d), e);
    }

    static RejectReason reason(Reception r) {
        return r instanceof Reception.Rejected x ? x.reason() : null;
    }

    @Test
    void acceptsAGoodV2PassAdvert() {
        Reception r = check(v2Datagram(100, "1234", 1, 255), v2Pass());
        assertThat(r).isInstanceOfSatisfying(Reception.Accepted.class, a -> {
            assertThat(a.advert().priority()).isEqualTo(100);
            assertThat(a.source()).isEqualTo(SRC);
            assertThat(a.notices()).isEmpty();
        });
    }

    @Test
    void dropsEachV2ProblemWithItsReason() {
        assertThat(reason(check(v2Datagram(100, "1234", 1, 254), v2Pass()))).isEqualTo(RejectReason.TTL);
        assertThat(reason(check(v2Datagram(100, "12345", 1, 255), v2Pass()))).isEqualTo(RejectReason.AUTH_FAILURE);
        assertThat(reason(check(v2Datagram(100, "1234", 2, 255), v2Pass()))).isEqualTo(RejectReason.INTERVAL_MISMATCH);
        Advert none = Advert.v2(62, 100, AuthType.NONE, AuthData.ZEROS, 1, List.of(VIP));
        assertThat(reason(check(datagram(none, ChecksumMode.PLAIN, SRC, GROUP, 255), v2Pass())))
                .isEqualTo(RejectReason.AUTH_TYPE_MISMATCH);
        byte[] badAuthType = v2Datagram(100, "1234", 1, 255);
        badAuthType[20 + 4] = 7;
        assertThat(reason(check(badAuthType, v2Pass()))).isEqualTo(RejectReason.AUTH_TYPE_INVALID);
        byte[] badSum = v2Datagram(100, "1234", 1, 255);
        badSum[20 + 7] ^= 1;
        assertThat(reason(check(badSum, v2Pass()))).isEqualTo(RejectReason.CHECKSUM);
        byte[] badType = v2Datagram(100, "1234", 1, 255);
        badType[20] = 0x22;
        assertThat(reason(check(badType, v2Pass()))).isEqualTo(RejectReason.TYPE);
        byte[] v3 = datagram(Advert.v3(IpFamily.IPV4, 62, 100, 100, List.of(VIP)), ChecksumMode.PLAIN, SRC, GROUP, 255);
        assertThat(reason(check(v3, v2Pass()))).isEqualTo(RejectReason.VERSION);
        byte[] shortOne = Arrays.copyOf(v2Datagram(100, "1234", 1, 255), 30);
        assertThat(reason(check(shortOne, v2Pass()))).isEqualTo(RejectReason.LENGTH);
        byte[] ah = v2Datagram(100, "1234", 1, 255);
        ah[9] = 51;
        assertThat(reason(check(ah, v2Pass()))).isEqualTo(RejectReason.AH_MISMATCH);
        byte[] totLen = v2Datagram(100, "1234", 1, 255);
        totLen[3] += 4;
        assertThat(reason(check(totLen, v2Pass()))).isEqualTo(RejectReason.IP_TOTAL_LENGTH);
    }

    @Test
    void checksInKeepalivedsOrderTtlBeforeAuthBeforeInterval() {
        // Wrong TTL, wrong password and wrong interval at once: TTL is reported, as keepalived checks it first.
        assertThat(reason(check(v2Datagram(100, "nope", 5, 64), v2Pass()))).isEqualTo(RejectReason.TTL);
        assertThat(reason(check(v2Datagram(100, "nope", 5, 255), v2Pass()))).isEqualTo(RejectReason.AUTH_FAILURE);
    }

    @Test
    void toleratesEthernetPaddingOnShortFrames() {
        byte[] d = v2Datagram(100, "1234", 1, 255); // 40 bytes: a 54-byte frame gets 6 bytes of padding
        byte[] padded = Arrays.copyOf(d, d.length + 6);
        assertThat(check(padded, v2Pass())).isInstanceOf(Reception.Accepted.class);
        byte[] tooLong = Arrays.copyOf(d, d.length + 40);
        assertThat(reason(check(tooLong, v2Pass()))).isEqualTo(RejectReason.LENGTH);
    }

    @Test
    void v3IntervalAndVipMismatchAreNotedNotDropped() {
        Advert a = Advert.v3(IpFamily.IPV4, 62, 100, 50, List.of(v4("10.9.9.9"), VIP));
        byte[] d = datagram(a, new ChecksumMode.Ipv4Pseudo(SRC, GROUP), SRC, GROUP, 255);
        assertThat(check(d, v3(List.of(), false))).isInstanceOfSatisfying(Reception.Accepted.class, r ->
                assertThat(r.notices()).containsExactlyInAnyOrder(Notice.INTERVAL_MISMATCH, Notice.ADDRESS_LIST_MISMATCH));
    }

    @Test
    void v3ChecksumUsesTheRealDestinationAndAcceptsOldUnicastStyle() {
        Advert a = Advert.v3(IpFamily.IPV4, 62, 100, 100, List.of(VIP));
        var unicast = v3(List.of(ExpectedPeer.of(PEER)), false);
        byte[] modern = datagram(a, new ChecksumMode.Ipv4Pseudo(PEER, SRC), PEER, SRC, 255);
        assertThat(check(modern, unicast)).isInstanceOfSatisfying(Reception.Accepted.class,
                r -> assertThat(r.notices()).isEmpty());
        byte[] old = datagram(a, new ChecksumMode.Ipv4Pseudo(PEER, GROUP), PEER, SRC, 255);
        assertThat(check(old, unicast)).isInstanceOfSatisfying(Reception.Accepted.class,
                r -> assertThat(r.notices()).containsExactly(Notice.OLD_UNICAST_CHECKSUM));
        byte[] plain = datagram(a, ChecksumMode.PLAIN, PEER, SRC, 255);
        assertThat(reason(check(plain, unicast))).isEqualTo(RejectReason.CHECKSUM);
        var asV2 = new Expectations(VrrpVersion.V3, IpFamily.IPV4, 62, AuthType.NONE, AuthData.ZEROS, 100, true,
                GROUP, List.of(ExpectedPeer.of(PEER)), false, false, List.of(VIP), false);
        byte[] garbageSum = datagram(a, ChecksumMode.PLAIN, PEER, SRC, 255);
        garbageSum[27] ^= 0x55;
        assertThat(check(garbageSum, asV2)).as("v3_checksum_as_v2 does not reject on checksum").isInstanceOf(Reception.Accepted.class);
    }

    @Test
    void unicastChecksModeTtlRangeAndSource() {
        Advert a = Advert.v3(IpFamily.IPV4, 62, 100, 100, List.of(VIP));
        var ranged = v3(List.of(new ExpectedPeer(PEER, 250, 255)), false);
        assertThat(reason(check(datagram(a, new ChecksumMode.Ipv4Pseudo(PEER, SRC), PEER, SRC, 64), ranged)))
                .isEqualTo(RejectReason.TTL);
        assertThat(check(datagram(a, new ChecksumMode.Ipv4Pseudo(PEER, SRC), PEER, SRC, 64), v3(List.of(ExpectedPeer.of(PEER)), false)))
                .as("unicast without a range does not check TTL").isInstanceOf(Reception.Accepted.class);
        assertThat(reason(check(datagram(a, new ChecksumMode.Ipv4Pseudo(PEER, GROUP), PEER, GROUP, 255), ranged)))
                .isEqualTo(RejectReason.MODE_MISMATCH);
        assertThat(reason(check(datagram(a, new ChecksumMode.Ipv4Pseudo(PEER, SRC), PEER, SRC, 255), v3(List.of(), false))))
                .isEqualTo(RejectReason.MODE_MISMATCH);
        Inet4Address stranger = v4("10.0.0.99");
        assertThat(reason(check(datagram(a, new ChecksumMode.Ipv4Pseudo(stranger, SRC), stranger, SRC, 255),
                v3(List.of(ExpectedPeer.of(PEER)), true)))).isEqualTo(RejectReason.UNKNOWN_UNICAST_SOURCE);
        assertThat(check(datagram(a, new ChecksumMode.Ipv4Pseudo(stranger, SRC), stranger, SRC, 255),
                v3(List.of(ExpectedPeer.of(PEER)), false))).isInstanceOf(Reception.Accepted.class);
    }

    @Test
    void ipv6IsCheckedWithHopLimitAndPseudoHeader() throws Exception {
        Inet6Address src = (Inet6Address) InetAddress.getByName("fe80::5");
        Inet6Address vip = (Inet6Address) InetAddress.getByName("fe80::1");
        var want = new Expectations(VrrpVersion.V3, IpFamily.IPV6, 1, AuthType.NONE, AuthData.ZEROS, 10, false,
                AdvertValidator.VRRP_GROUP_V6, List.of(), false, false, List.of(vip), false);
        byte[] m = AdvertCodec.encode(Advert.v3(IpFamily.IPV6, 1, 200, 10, List.of(vip)),
                new ChecksumMode.Ipv6Pseudo(src, AdvertValidator.VRRP_GROUP_V6));
        assertThat(AdvertValidator.check(new ReceivedPacket.Ipv6Payload(m, src, AdvertValidator.VRRP_GROUP_V6, 255), want))
                .isInstanceOf(Reception.Accepted.class);
        assertThat(reason(AdvertValidator.check(new ReceivedPacket.Ipv6Payload(m, src, AdvertValidator.VRRP_GROUP_V6, 1), want)))
                .isEqualTo(RejectReason.TTL);
    }

    @Test
    void statisticsCountEachReason() {
        var stats = new ReceiveStatistics();
        stats.record(check(v2Datagram(100, "1234", 1, 255), v2Pass()));
        stats.record(check(v2Datagram(0, "1234", 1, 255), v2Pass()));
        stats.record(check(v2Datagram(100, "1234", 1, 1), v2Pass()));
        stats.record(check(v2Datagram(100, "1234", 3, 255), v2Pass()));
        stats.record(check(v2Datagram(100, "1234", 3, 255), v2Pass()));
        assertThat(stats.received()).isEqualTo(2);
        assertThat(stats.noticed(Notice.PRIORITY_ZERO)).isEqualTo(1);
        assertThat(stats.rejected(RejectReason.TTL)).isEqualTo(1);
        assertThat(stats.rejected(RejectReason.INTERVAL_MISMATCH)).isEqualTo(2);
        assertThat(stats.rejectedTotal()).isEqualTo(3);
    }
}
