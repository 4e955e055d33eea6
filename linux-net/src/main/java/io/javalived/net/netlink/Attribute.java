package io.javalived.net.netlink;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One netlink attribute ({@code struct nlattr} + value) as decoded: its type (without the NESTED and
 * NET_BYTEORDER flag bits, which {@link #nestedFlag()} and {@link #netByteOrderFlag()} keep) and its
 * value bytes without padding. The typed readers check the length and name the attribute when it is wrong.
 * The value array given to the constructor is kept as it is (decoding makes a fresh one for each
 * attribute, and big dumps decode tens of thousands); {@link #value()} hands out a copy.
 */
public record Attribute(int type, boolean nestedFlag, boolean netByteOrderFlag, byte[] value) {
    public static final int HEADER_SIZE = 4;
    public static final int F_NESTED = 0x8000;
    public static final int F_NET_BYTEORDER = 0x4000;
    public static final int TYPE_MASK = ~(F_NESTED | F_NET_BYTEORDER) & 0xffff;

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

    /** Copies up to {@code n} value bytes into a new array of length {@code n} (zero-padded). */
    public byte[] valuePrefix(int n) {
        return java.util.Arrays.copyOf(value, n);
    }

    private static final java.lang.invoke.VarHandle SHORT =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());
    private static final java.lang.invoke.VarHandle SHORT_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle INT =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final java.lang.invoke.VarHandle INT_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private void need(int expected) {
        if (value.length < expected) {
            throw new NetlinkDecodeException("attribute " + type + " has " + value.length + " bytes, expected " + expected);
        }
    }

    public int u8() {
        need(1);
        return Byte.toUnsignedInt(value[0]);
    }

    public int u16() {
        need(2);
        return Short.toUnsignedInt((short) SHORT.get(value, 0));
    }

    /** A 16-bit value in network byte order (ports). */
    public int u16be() {
        need(2);
        return Short.toUnsignedInt((short) SHORT_BE.get(value, 0));
    }

    /** A 32-bit value; unsigned values above 2^31 come back negative (use Integer.toUnsignedLong). */
    public int u32() {
        need(4);
        return (int) INT.get(value, 0);
    }

    public int u32be() {
        need(4);
        return (int) INT_BE.get(value, 0);
    }

    public long u64() {
        need(8);
        return (long) LONG.get(value, 0);
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
