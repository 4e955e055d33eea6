package io.javalived.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class IcmpEchoCodecTest {
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void echoRequestHasTheRfc1071Checksum() {
        // type 8, code 0, id 1, seq 1: words 0x0800 + 0x0001 + 0x0001 = 0x0802, checksum ~0x0802 = 0xf7fd
        assertThat(IcmpEchoCodec.encode(new IcmpEcho(false, IcmpEcho.Kind.REQUEST, 1, 1, new byte[0])))
                .isEqualTo(hex("0800f7fd00010001"));
    }

    @Test
    void oddLengthDataIsPaddedForTheChecksumOnly() {
        byte[] m = IcmpEchoCodec.encode(new IcmpEcho(false, IcmpEcho.Kind.REPLY, 0x1234, 0xfffe, new byte[] {(byte) 0xab}));
        assertThat(m).hasSize(9);
        assertThat(IcmpEchoCodec.checksum(m)).isZero();
        assertThat(IcmpEchoCodec.decode(m, false)).contains(new IcmpEcho(false, IcmpEcho.Kind.REPLY, 0x1234, 0xfffe, new byte[] {(byte) 0xab}));
    }

    @Test
    void icmpv6LeavesTheChecksumToTheKernel() {
        assertThat(IcmpEchoCodec.encode(new IcmpEcho(true, IcmpEcho.Kind.REQUEST, 0xbeef, 7, hex("aa"))))
                .isEqualTo(hex("80000000beef0007aa"));
        assertThat(IcmpEchoCodec.decode(hex("81001234beef0007aa"), true))
                .contains(new IcmpEcho(true, IcmpEcho.Kind.REPLY, 0xbeef, 7, hex("aa")));
    }

    @Test
    void whatIsNotAnEchoIsNotDecoded() {
        assertThat(IcmpEchoCodec.decode(hex("0800f7fd000100"), false)).as("short").isEmpty();
        assertThat(IcmpEchoCodec.decode(hex("0800f7fc00010001"), false)).as("bad checksum").isEmpty();
        assertThat(IcmpEchoCodec.decode(hex("0303fcfc00000000"), false)).as("port unreachable").isEmpty();
        assertThat(IcmpEchoCodec.decode(hex("0800f7fd00010001"), true)).as("ICMP type 8 read as ICMPv6").isEmpty();
        assertThat(IcmpEchoCodec.decode(hex("0801f6fd00010001"), false)).as("code 1").isEmpty();
    }

    @Property
    void decodeUndoesEncode(@ForAll boolean ipv6, @ForAll boolean reply, @ForAll @IntRange(max = 0xffff) int id,
                            @ForAll @IntRange(max = 0xffff) int seq, @ForAll @Size(max = 64) byte[] data) {
        var echo = new IcmpEcho(ipv6, reply ? IcmpEcho.Kind.REPLY : IcmpEcho.Kind.REQUEST, id, seq, data);
        assertThat(IcmpEchoCodec.decode(IcmpEchoCodec.encode(echo), ipv6)).contains(echo);
    }

    @Property
    void aFlippedBitNeverDecodesToTheSameIcmpEcho(@ForAll @IntRange(max = 0xffff) int id, @ForAll @IntRange(max = 0xffff) int seq,
                                                   @ForAll @Size(max = 16) byte[] data, @ForAll @IntRange(max = 1000) int bit) {
        var echo = new IcmpEcho(false, IcmpEcho.Kind.REPLY, id, seq, data);
        byte[] m = IcmpEchoCodec.encode(echo);
        int b = bit % (m.length * 8);
        m[b / 8] ^= (byte) (1 << (b % 8));
        assertThat(IcmpEchoCodec.decode(m, false).filter(echo::equals)).isEmpty();
    }
}
