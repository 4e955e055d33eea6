package io.javalived.vrrp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class AdvertCodecPropertiesTest {

    @Property
    void decodeInvertsEncode(@ForAll("adverts") Advert a) {
        byte[] b = AdvertCodec.encode(a, ChecksumMode.PLAIN);
        assertThat(b).hasSize(a.length());
        assertThat(AdvertCodec.decode(b, 0, b.length, a.family())).isInstanceOfSatisfying(Decoded.Ok.class,
                ok -> assertThat(ok.advert()).isEqualTo(a));
        assertThat(AdvertCodec.checksumValid(b, 0, b.length, ChecksumMode.PLAIN)).isTrue();
    }

    @Property
    void pseudoHeaderChecksumsVerify(@ForAll("adverts") Advert a, @ForAll("v4") Inet4Address src, @ForAll("v4") Inet4Address dst) {
        if (a.family() != IpFamily.IPV4) return;
        var mode = new ChecksumMode.Ipv4Pseudo(src, dst);
        byte[] b = AdvertCodec.encode(a, mode);
        assertThat(AdvertCodec.checksumValid(b, 0, b.length, mode)).isTrue();
    }

    /** Fact 4: updating the checksum incrementally on a priority change equals a full recompute. */
    @Property
    void incrementalPriorityUpdateEqualsFullRecompute(@ForAll("adverts") Advert a, @ForAll @IntRange(min = 0, max = 255) int newPriority) {
        byte[] before = AdvertCodec.encode(a, ChecksumMode.PLAIN);
        byte[] after = AdvertCodec.encode(a.withPriority(newPriority), ChecksumMode.PLAIN);
        int oldWord = ((before[2] & 0xff) << 8) | (before[3] & 0xff);
        int newWord = ((after[2] & 0xff) << 8) | (after[3] & 0xff);
        int updated = InternetChecksum.update(AdvertCodec.checksumOf(before, 0), oldWord, newWord);
        assertThat(updated).isEqualTo(AdvertCodec.checksumOf(after, 0));
    }

    @Provide
    Arbitrary<Inet4Address> v4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4).map(b -> (Inet4Address) addr(b));
    }

    @Provide
    Arbitrary<Advert> adverts() {
        Arbitrary<Advert> v2 = Combinators.combine(
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255),
                Arbitraries.of(AuthType.values()), Arbitraries.bytes().array(byte[].class).ofSize(8),
                Arbitraries.integers().between(0, 255), addresses(4))
                .as((vrid, prio, auth, ad, secs, vips) -> Advert.v2(vrid, prio, auth, AuthData.of(ad), secs, vips));
        Arbitrary<Advert> v3 = Combinators.combine(
                Arbitraries.of(IpFamily.values()), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 4095),
                addresses(4), addresses(16))
                .as((fam, vrid, prio, cs, v4s, v6s) -> Advert.v3(fam, vrid, prio, cs, fam == IpFamily.IPV4 ? v4s : v6s));
        return Arbitraries.oneOf(v2, v3);
    }

    private Arbitrary<List<InetAddress>> addresses(int len) {
        return Arbitraries.bytes().array(byte[].class).ofSize(len).list().ofMaxSize(20)
                .map(l -> {
                    List<InetAddress> out = new ArrayList<>();
                    for (byte[] b : l) out.add(addr(b));
                    return out;
                });
    }

    private static InetAddress addr(byte[] b) {
        try {
            InetAddress a = InetAddress.getByAddress(b);
            return b.length == 16 && a instanceof Inet4Address ? Inet6Address.getByAddress(null, b, null) : a;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
