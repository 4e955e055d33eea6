package io.javalived.net.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class AttributeTest {

    @Test
    void goldenBytesForPortStringAndNest() {
        Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "little-endian host");
        byte[] bytes = new AttributeWriter()
                .u16be(4, 80)
                .string(6, "wlc")
                .nested(1, n -> n.u32(8, 300))
                .toByteArray();
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(
                "0600" + "0400" + "0050" + "0000"              // port 80 big-endian, padded
                        + "0800" + "0600" + "776c6300"          // "wlc\0"
                        + "0c00" + "0100" + "0800" + "0800" + "2c010000"); // nest { u32 300 }
    }

    @Test
    void typedReadersReadWhatTheWriterWrote() {
        AttributeList a = AttributeList.decode(new AttributeWriter()
                .u8(1, 0xfe).u16(2, 0xfffe).u16be(3, 443).u32(4, -2).u64(5, Long.MIN_VALUE + 5)
                .string(6, "IPVS").flag(7).u32be(8, 0x0a000003)
                .nested(9, n -> n.string(1, "inner").nested(2, m -> m.u32(3, 42)))
                .toByteArray());
        assertThat(a.require(1, "u8").u8()).isEqualTo(0xfe);
        assertThat(a.require(2, "u16").u16()).isEqualTo(0xfffe);
        assertThat(a.require(3, "port").u16be()).isEqualTo(443);
        assertThat(a.require(4, "u32").u32()).isEqualTo(-2);
        assertThat(a.require(5, "u64").u64()).isEqualTo(Long.MIN_VALUE + 5);
        assertThat(a.require(6, "str").string()).isEqualTo("IPVS");
        assertThat(a.require(7, "flag").length()).isZero();
        assertThat(a.require(8, "be32").u32be()).isEqualTo(0x0a000003);
        AttributeList inner = a.requireNested(9, "nest");
        assertThat(inner.string(1, null)).isEqualTo("inner");
        assertThat(inner.requireNested(2, "deeper").u32(3, 0)).isEqualTo(42);
        assertThat(a.u32(99, -7)).isEqualTo(-7);
    }

    @Test
    void missingAndShortAttributesAreNamed() {
        AttributeList a = AttributeList.decode(new AttributeWriter().u8(1, 1).toByteArray());
        assertThatThrownBy(() -> a.require(2, "service address")).isInstanceOf(NetlinkDecodeException.class)
                .hasMessage("missing attribute 2 (service address)");
        assertThatThrownBy(() -> a.require(1, "x").u32()).isInstanceOf(NetlinkDecodeException.class)
                .hasMessage("attribute 1 has 1 bytes, expected 4");
    }

    @Test
    void overlongAttributeLengthIsRejected() {
        byte[] bytes = new AttributeWriter().u32(1, 5).toByteArray();
        bytes[0] = 40;
        assertThatThrownBy(() -> AttributeList.decode(bytes)).isInstanceOf(NetlinkDecodeException.class)
                .hasMessageContaining("claims length 40");
    }

    @Test
    void nestedFlagIsKeptApartFromTheType() {
        AttributeList a = AttributeList.decode(new AttributeWriter().nestedFlagged(3, n -> n.u8(1, 7)).toByteArray());
        assertThat(a.require(3, "nest").nestedFlag()).isTrue();
        assertThat(a.require(3, "nest").nested().u8(1, 0)).isEqualTo(7);
    }

    /** A random attribute tree: leaves with random bytes, nests holding more attributes. */
    sealed interface Node permits Leaf, Nest {}

    record Leaf(int type, byte[] value) implements Node {}

    record Nest(int type, List<Node> children) implements Node {}

    static void write(AttributeWriter w, List<Node> nodes) {
        for (Node n : nodes) {
            switch (n) {
                case Leaf l -> w.bytes(l.type(), l.value());
                case Nest s -> w.nested(s.type(), inner -> write(inner, s.children()));
            }
        }
    }

    static void check(AttributeList decoded, List<Node> nodes) {
        assertThat(decoded.size()).isEqualTo(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Attribute a = decoded.all().get(i);
            switch (nodes.get(i)) {
                case Leaf l -> {
                    assertThat(a.type()).isEqualTo(l.type());
                    assertThat(a.value()).isEqualTo(l.value());
                }
                case Nest s -> {
                    assertThat(a.type()).isEqualTo(s.type());
                    check(a.nested(), s.children());
                }
            }
        }
    }

    @Property
    void nestedTreesRoundTrip(@ForAll("trees") List<Node> tree) {
        AttributeWriter w = new AttributeWriter();
        write(w, tree);
        byte[] bytes = w.toByteArray();
        assertThat(bytes.length % 4).isZero();
        AttributeList decoded = AttributeList.decode(bytes);
        check(decoded, tree);
        // and decode/encode is symmetric on the bytes themselves
        assertThat(decoded.encode()).isEqualTo(bytes);
    }

    @Property
    void scalarsRoundTrip(@ForAll int u32, @ForAll long u64, @ForAll("ports") int port, @ForAll("text") String s) {
        AttributeList a = AttributeList.decode(new AttributeWriter().u32(1, u32).u64(2, u64).u16be(3, port)
                .u16(4, port).string(5, s).toByteArray());
        assertThat(a.require(1, "").u32()).isEqualTo(u32);
        assertThat(a.require(2, "").u64()).isEqualTo(u64);
        assertThat(a.require(3, "").u16be()).isEqualTo(port);
        assertThat(a.require(4, "").u16()).isEqualTo(port);
        assertThat(a.require(5, "").string()).isEqualTo(s);
    }

    @Provide
    Arbitrary<Integer> ports() {
        return Arbitraries.integers().between(0, 0xffff);
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().alpha().numeric().ofMaxLength(40);
    }

    @Provide
    Arbitrary<List<Node>> trees() {
        return nodes(3);
    }

    private Arbitrary<List<Node>> nodes(int depth) {
        Arbitrary<Integer> types = Arbitraries.integers().between(0, Attribute.TYPE_MASK);
        Arbitrary<Node> leaf = Combinators.combine(types, Arbitraries.bytes().array(byte[].class).ofMaxSize(20)).as(Leaf::new);
        if (depth == 0) {
            return leaf.list().ofMaxSize(4);
        }
        Arbitrary<Node> nest = Combinators.combine(types, Arbitraries.lazy(() -> nodes(depth - 1))).as(Nest::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(1, nest)).list().ofMaxSize(5);
    }
}
