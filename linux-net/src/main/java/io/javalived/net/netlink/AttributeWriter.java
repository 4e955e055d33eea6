package io.javalived.net.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Builds a run of netlink attributes: host-order integers, network-order ports, NUL-terminated strings,
 * raw bytes and nested attributes. Each attribute is padded to 4 bytes. The result decodes with
 * {@link AttributeList#decode}.
 */
public final class AttributeWriter {
    private ByteBuffer out = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());

    private void ensure(int more) {
        if (out.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more))
                    .order(ByteOrder.nativeOrder());
            out.flip();
            bigger.put(out);
            out = bigger;
        }
    }

    private static void checkType(int type) {
        if (type < 0 || type > 0xffff) {
            throw new IllegalArgumentException("attribute type out of range: " + type);
        }
    }

    /** An attribute with the raw type field (flags included) and value. */
    public AttributeWriter raw(int rawType, byte[] value) {
        checkType(rawType);
        int len = Attribute.HEADER_SIZE + value.length;
        if (len > 0xffff) {
            throw new IllegalArgumentException("attribute " + rawType + " too long: " + value.length + " bytes");
        }
        ensure(Netlink.align(len));
        out.putShort((short) len).putShort((short) rawType).put(value);
        pad();
        return this;
    }

    private void pad() {
        while ((out.position() & 3) != 0) {
            out.put((byte) 0);
        }
    }

    public AttributeWriter bytes(int type, byte[] value) {
        return raw(type, value);
    }

    public AttributeWriter flag(int type) {
        return raw(type, new byte[0]);
    }

    public AttributeWriter u8(int type, int value) {
        return raw(type, new byte[] {(byte) value});
    }

    public AttributeWriter u16(int type, int value) {
        return raw(type, ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) value).array());
    }

    /** A 16-bit value in network byte order (ports). */
    public AttributeWriter u16be(int type, int value) {
        return raw(type, ByteBuffer.allocate(2).order(ByteOrder.BIG_ENDIAN).putShort((short) value).array());
    }

    public AttributeWriter u32(int type, int value) {
        return raw(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    public AttributeWriter u32be(int type, int value) {
        return raw(type, ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt(value).array());
    }

    public AttributeWriter u64(int type, long value) {
        return raw(type, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(value).array());
    }

    /** A NUL-terminated string. */
    public AttributeWriter string(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        return raw(type, Arrays.copyOf(s, s.length + 1));
    }

    /** A nested attribute whose value the body writes (no NLA_F_NESTED bit, as libnl's nla_nest_start). */
    public AttributeWriter nested(int type, Consumer<AttributeWriter> body) {
        AttributeWriter inner = new AttributeWriter();
        body.accept(inner);
        return raw(type, inner.toByteArray());
    }

    /** A nested attribute with the NLA_F_NESTED bit set (needed by strictly validated families). */
    public AttributeWriter nestedFlagged(int type, Consumer<AttributeWriter> body) {
        AttributeWriter inner = new AttributeWriter();
        body.accept(inner);
        return raw(type | Attribute.F_NESTED, inner.toByteArray());
    }

    public int size() {
        return out.position();
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(out.array(), out.position());
    }
}
