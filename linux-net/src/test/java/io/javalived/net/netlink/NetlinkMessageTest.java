package io.javalived.net.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class NetlinkMessageTest {

    @Test
    void headerGoldenBytesLittleEndian() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "little-endian host");
        NetlinkMessage m = new NetlinkMessage(0x12, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, 7, 0, new byte[] {1, 2, 3});
        assertThat(HexFormat.of().formatHex(m.encode()))
                // length 19, type 0x12, flags 0x301, seq 7, pid 0, payload + 1 byte padding
                .isEqualTo("13000000" + "1200" + "0103" + "07000000" + "00000000" + "010203" + "00");
    }

    @Test
    void decodesSeveralMessagesInOneDatagram() {
        NetlinkMessage a = new NetlinkMessage(16, Netlink.NLM_F_MULTI, 1, 99, new byte[] {9});
        NetlinkMessage b = new NetlinkMessage(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, 1, 99, new byte[4]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a.encode());
        out.writeBytes(b.encode());
        assertThat(NetlinkMessage.decodeAll(out.toByteArray())).containsExactly(a, b);
    }

    @Test
    void lengthBeyondTheDatagramIsRejectedWithItsOffset() {
        byte[] bytes = new NetlinkMessage(16, 0, 1, 0, new byte[8]).encode();
        bytes[0] = 100;
        assertThatThrownBy(() -> NetlinkMessage.decodeAll(bytes))
                .isInstanceOf(NetlinkDecodeException.class)
                .hasMessageContaining("offset 0 claims length 100");
    }

    @Test
    void lengthBelowTheHeaderIsRejected() {
        byte[] bytes = new NetlinkMessage(16, 0, 1, 0, new byte[0]).encode();
        bytes[0] = 3;
        assertThatThrownBy(() -> NetlinkMessage.decodeAll(bytes)).isInstanceOf(NetlinkDecodeException.class);
    }

    @Property
    void messagesRoundTrip(@ForAll("messages") @Size(max = 6) List<NetlinkMessage> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        messages.forEach(m -> out.writeBytes(m.encode()));
        assertThat(NetlinkMessage.decodeAll(out.toByteArray())).isEqualTo(messages);
    }

    @Property
    void headerRoundTrips(@ForAll("headers") NetlinkHeader header) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        header.encode(buf);
        buf.flip();
        assertThat(NetlinkHeader.decode(buf)).isEqualTo(header);
    }

    @Provide
    Arbitrary<List<NetlinkMessage>> messages() {
        Arbitrary<NetlinkMessage> one = Combinators.combine(
                Arbitraries.integers().between(0, 0xffff), Arbitraries.integers().between(0, 0xffff),
                Arbitraries.integers(), Arbitraries.integers(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64)).as(NetlinkMessage::new);
        return one.list();
    }

    @Provide
    Arbitrary<NetlinkHeader> headers() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 0xffff),
                Arbitraries.integers().between(0, 0xffff), Arbitraries.integers(), Arbitraries.integers())
                .as(NetlinkHeader::new);
    }
}
