package io.javalived.vrrp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvertCodecTest {
    static final HexFormat HEX = HexFormat.of();

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // Golden bytes computed independently (a Python one's-complement sum), not by this codec.
    @Test
    void v2PassAdvertMatchesGoldenBytes() {
        Advert a = Advert.v2(62, 100, AuthType.PASS, AuthData.password("1234"), 1, List.of(ip("10.0.0.3")));
        byte[] b = AdvertCodec.encode(a, ChecksumMode.PLAIN);
        assertThat(HEX.formatHex(b)).isEqualTo("213e640101010b560a0000033132333400000000");
        assertThat(b).hasSize(8 + 4 + 8);
        assertThat(AdvertCodec.decode(b, 0, b.length, IpFamily.IPV4)).isEqualTo(new Decoded.Ok(a, 0x0b56));
    }

    @Test
    void v3Ipv4ChecksumCoversPseudoHeaderWithTheRealDestination() {
        Advert a = Advert.v3(IpFamily.IPV4, 62, 100, 100, List.of(ip("10.0.0.3")));
        var mode = new ChecksumMode.Ipv4Pseudo((Inet4Address) ip("10.0.0.5"), (Inet4Address) ip("224.0.0.18"));
        byte[] b = AdvertCodec.encode(a, mode);
        assertThat(HEX.formatHex(b)).isEqualTo("313e6401006475c50a000003");
        assertThat(AdvertCodec.checksumValid(b, 0, b.length, mode)).isTrue();
        var unicast = new ChecksumMode.Ipv4Pseudo((Inet4Address) ip("10.0.0.5"), (Inet4Address) ip("10.0.0.6"));
        assertThat(AdvertCodec.checksumValid(b, 0, b.length, unicast)).isFalse();
        assertThat(AdvertCodec.checksumValid(b, 0, b.length, ChecksumMode.PLAIN)).isFalse();
    }

    @Test
    void v3ChecksumAsV2OmitsThePseudoHeader() {
        Advert a = Advert.v3(IpFamily.IPV4, 62, 100, 100, List.of(ip("10.0.0.3")));
        assertThat(HEX.formatHex(AdvertCodec.encode(a, ChecksumMode.PLAIN))).isEqualTo("313e6401006460590a000003");
    }

    @Test
    void v3Ipv6UsesTheIpv6PseudoHeaderAndHasNoAuthBytes() {
        Advert a = Advert.v3(IpFamily.IPV6, 1, 200, 10, List.of(ip("fe80::1")));
        var mode = new ChecksumMode.Ipv6Pseudo((Inet6Address) ip("fe80::5"), (Inet6Address) ip("ff02::12"));
        byte[] b = AdvertCodec.encode(a, mode);
        assertThat(HEX.formatHex(b)).isEqualTo("3101c801000a0a4efe800000000000000000000000000001");
        assertThat(b).hasSize(8 + 16);
    }

    @Test
    void v3IntervalIsTwelveBitsOfCentiseconds() {
        Advert a = Advert.v3(IpFamily.IPV4, 9, 50, 4095, List.of());
        byte[] b = AdvertCodec.encode(a, ChecksumMode.PLAIN);
        assertThat(b[4]).isEqualTo((byte) 0x0f);
        assertThat(b[5]).isEqualTo((byte) 0xff);
        b[4] |= (byte) 0xf0; // reserved bits set by a sloppy peer are ignored
        assertThat(((Decoded.Ok) AdvertCodec.decode(b, 0, b.length, IpFamily.IPV4)).advert().intervalCentis()).isEqualTo(4095);
    }

    @Test
    void passwordIsTruncatedToEightBytesAndZeroPadded() {
        assertThat(AuthData.password("averylongpassword").bytes()).isEqualTo("averylon".getBytes());
        assertThat(AuthData.password("ab").bytes()).isEqualTo(new byte[] {'a', 'b', 0, 0, 0, 0, 0, 0});
    }

    @Test
    void malformedInputNamesTheField() {
        assertThat(AdvertCodec.decode(new byte[3], 0, 3, IpFamily.IPV4)).isInstanceOf(Decoded.Malformed.class)
                .extracting(d -> ((Decoded.Malformed) d).field()).isEqualTo("length");
        byte[] wrongType = HEX.parseHex("223e640101010b560a0000033132333400000000");
        assertThat(((Decoded.Malformed) AdvertCodec.decode(wrongType, 0, wrongType.length, IpFamily.IPV4)).field()).isEqualTo("type");
        byte[] v1 = HEX.parseHex("113e640101010b560a0000033132333400000000");
        assertThat(((Decoded.Malformed) AdvertCodec.decode(v1, 0, v1.length, IpFamily.IPV4)).field()).isEqualTo("version");
    }

    @Test
    void ipv4HeaderIsWhatKeepalivedSends() {
        var h = Ipv4Header.forAdvert((Inet4Address) ip("10.0.0.5"), (Inet4Address) ip("224.0.0.18"), 255, 7, 20);
        byte[] b = h.encode();
        assertThat(b[0]).isEqualTo((byte) 0x45);
        assertThat(b[1] & 0xff).isEqualTo(0xC0);
        assertThat(b[6] & 0x40).as("no DF").isZero();
        assertThat(b[8] & 0xff).isEqualTo(255);
        assertThat(b[9] & 0xff).isEqualTo(112);
        assertThat(InternetChecksum.checksum(b, 0, 20)).isZero();
        assertThat(Ipv4Header.decode(b, b.length)).isEqualTo(h);
    }
}
