package io.javalived.net.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One netlink attribute ({@code struct nlattr} + value) as decoded: its type (without the NESTED and
 * NET_BYTEORDER flag bits, which {@link #nestedFlag()} and {@link #netByteOrderFlag()} keep) and its
 * value bytes without padding. The typed readers check the length and name the attribute when it is wrong.
 */
public record Attribute(int type, boolean nestedFlag, boolean netByteOrderFlag, byte[] value) {
    public static final int HEADER_SIZE = 4;
    public static final int F_NESTED = 0x8000;
    public static final int F_NET_BYTEORDER = 0x4000;
    public static final int TYPE_MASK = ~(F_NESTED | F_NET_BYTEORDER) & 0xffff;

    public Attribute {
        value = value.clone();
    }

    public Attribute(int type, byte[] value) {
        this(type, false, false, value);
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    private ByteBuffer buffer(int expected) {
        if (value.length < expected) {
            throw new NetlinkDecodeException("attribute " + type + " has " + value.length + " bytes, expected " + expected);
        }
        return ByteBuffer.wrap(value).order(ByteOrder.nativeOrder());
    }

    public int u8() {
        return Byte.toUnsignedInt(buffer(1).get());
    }

    public int u16() {
        return Short.toUnsignedInt(buffer(2).getShort());
    }

    /** A 16-bit value in network byte order (ports). */
    public int u16be() {
        return Short.toUnsignedInt(buffer(2).order(ByteOrder.BIG_ENDIAN).getShort());
    }

    /** A 32-bit value; unsigned values above 2^31 come back negative (use Integer.toUnsignedLong). */
    public int u32() {
        return buffer(4).getInt();
    }

    public int u32be() {
        return buffer(4).order(ByteOrder.BIG_ENDIAN).getInt();
    }

    public long u64() {
        return buffer(8).getLong();
    }

    /** A NUL-terminated (or unterminated) string. */
    public String string() {
        int end = 0;
        while (end < value.length && value[end] != 0) {
            end++;
        }
        return new String(value, 0, end, StandardCharsets.UTF_8);
    }

    /** The value parsed as nested attributes. */
    public AttributeList nested() {
        return AttributeList.decode(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attribute a && a.type == type && a.nestedFlag == nestedFlag
                && a.netByteOrderFlag == netByteOrderFlag && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Attribute[" + type + (nestedFlag ? ",nested" : "") + "=" + HexFormat.of().formatHex(value) + "]";
    }
}
