package io.javalived.net.genl;

import io.javalived.net.netlink.AttributeList;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The payload of a generic netlink message: the genl header and the attributes. {@link #encode()} and
 * {@link #decode} are a symmetric pair (families with a user header beyond genlmsghdr are not supported;
 * none that javalived uses has one).
 */
public record GenlMessage(int command, int version, AttributeList attributes) {

    public byte[] encode() {
        return encode(command, version, attributes.encode());
    }

    /** Encodes a header and already-encoded attributes (the fast path for requests). */
    public static byte[] encode(int command, int version, byte[] attrs) {
        ByteBuffer out = ByteBuffer.allocate(GenlHeader.SIZE + attrs.length).order(ByteOrder.nativeOrder());
        new GenlHeader(command, version).encode(out);
        out.put(attrs);
        return out.array();
    }

    public static GenlMessage decode(byte[] payload) {
        return decode(ByteBuffer.wrap(payload));
    }

    /** Decodes from the buffer's position to its limit. */
    public static GenlMessage decode(ByteBuffer payload) {
        ByteBuffer in = payload.duplicate().order(ByteOrder.nativeOrder());
        GenlHeader h = GenlHeader.decode(in);
        return new GenlMessage(h.command(), h.version(), AttributeList.decode(in.slice()));
    }
}
