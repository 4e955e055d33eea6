package io.javalived.net.netlink;

import java.nio.ByteBuffer;

/**
 * {@code struct nlmsghdr}: total length (header included), type, flags, sequence number and port id,
 * all in host byte order.
 */
public record NetlinkHeader(int length, int type, int flags, int sequence, int portId) {
    public static final int SIZE = 16;

    public NetlinkHeader {
        if (type < 0 || type > 0xffff) {
            throw new IllegalArgumentException("netlink message type out of range: " + type);
        }
        if (flags < 0 || flags > 0xffff) {
            throw new IllegalArgumentException("netlink flags out of range: " + flags);
        }
    }

    /** Writes the 16 header bytes at the buffer's position (the buffer must be in native order). */
    public void encode(ByteBuffer out) {
        out.putInt(length).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(portId);
    }

    /** Reads 16 header bytes at the buffer's position. */
    public static NetlinkHeader decode(ByteBuffer in) {
        if (in.remaining() < SIZE) {
            throw new NetlinkDecodeException("netlink header truncated: " + in.remaining() + " of " + SIZE + " bytes");
        }
        return new NetlinkHeader(in.getInt(), Short.toUnsignedInt(in.getShort()), Short.toUnsignedInt(in.getShort()),
                in.getInt(), in.getInt());
    }
}
