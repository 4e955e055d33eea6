package io.javalived.net.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A decoded run of netlink attributes, in wire order. {@link #decode} and {@link #encode} are a
 * symmetric pair (with {@link AttributeWriter} as the builder). The {@code require...} readers throw a
 * {@link NetlinkDecodeException} naming the missing attribute and the context.
 */
public final class AttributeList implements Iterable<Attribute> {
    private final List<Attribute> attributes;

    public AttributeList(List<Attribute> attributes) {
        this.attributes = List.copyOf(attributes);
    }

    public static AttributeList decode(byte[] bytes) {
        return decode(ByteBuffer.wrap(bytes));
    }

    /** Decodes from the buffer's position to its limit. */
    public static AttributeList decode(ByteBuffer buffer) {
        ByteBuffer in = buffer.duplicate().order(ByteOrder.nativeOrder());
        List<Attribute> out = new ArrayList<>();
        while (in.remaining() >= Attribute.HEADER_SIZE) {
            int start = in.position();
            int len = Short.toUnsignedInt(in.getShort());
            int rawType = Short.toUnsignedInt(in.getShort());
            if (len < Attribute.HEADER_SIZE || len - Attribute.HEADER_SIZE > in.remaining()) {
                throw new NetlinkDecodeException("attribute at offset " + start + " claims length " + len + " but "
                        + (in.remaining() + Attribute.HEADER_SIZE) + " bytes remain");
            }
            byte[] value = new byte[len - Attribute.HEADER_SIZE];
            in.get(value);
            out.add(new Attribute(rawType & Attribute.TYPE_MASK, (rawType & Attribute.F_NESTED) != 0,
                    (rawType & Attribute.F_NET_BYTEORDER) != 0, value));
            in.position(Math.min(in.limit(), start + Netlink.align(len)));
        }
        // Fewer than 4 bytes left can only be padding; the kernel tolerates it too.
        return new AttributeList(out);
    }

    /** Encodes the attributes back to bytes (each padded to 4 bytes). */
    public byte[] encode() {
        AttributeWriter w = new AttributeWriter();
        for (Attribute a : attributes) {
            w.raw(a.type() | (a.nestedFlag() ? Attribute.F_NESTED : 0) | (a.netByteOrderFlag() ? Attribute.F_NET_BYTEORDER : 0),
                    a.value());
        }
        return w.toByteArray();
    }

    public List<Attribute> all() {
        return attributes;
    }

    public List<Attribute> all(int type) {
        return attributes.stream().filter(a -> a.type() == type).toList();
    }

    public Optional<Attribute> first(int type) {
        for (Attribute a : attributes) {
            if (a.type() == type) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public boolean has(int type) {
        return first(type).isPresent();
    }

    public int size() {
        return attributes.size();
    }

    public Attribute require(int type, String what) {
        return first(type).orElseThrow(() -> new NetlinkDecodeException("missing attribute " + type + " (" + what + ")"));
    }

    public AttributeList requireNested(int type, String what) {
        return require(type, what).nested();
    }

    /** Optional helpers returning the default when absent. */
    public int u32(int type, int absent) {
        return first(type).map(Attribute::u32).orElse(absent);
    }

    public int u16(int type, int absent) {
        return first(type).map(Attribute::u16).orElse(absent);
    }

    public int u8(int type, int absent) {
        return first(type).map(Attribute::u8).orElse(absent);
    }

    public long u64(int type, long absent) {
        return first(type).map(Attribute::u64).orElse(absent);
    }

    public String string(int type, String absent) {
        return first(type).map(Attribute::string).orElse(absent);
    }

    @Override
    public Iterator<Attribute> iterator() {
        return attributes.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributeList l && l.attributes.equals(attributes);
    }

    @Override
    public int hashCode() {
        return attributes.hashCode();
    }

    @Override
    public String toString() {
        return attributes.toString();
    }
}
