package io.javalived.net.genl;

import io.javalived.net.netlink.NetlinkDecodeException;
import java.nio.ByteBuffer;

/** {@code struct genlmsghdr}: command, version and two reserved bytes. */
public record GenlHeader(int command, int version) {
    public static final int SIZE = 4;

    public GenlHeader {
        if (command < 0 || command > 0xff || version < 0 || version > 0xff) {
            throw new IllegalArgumentException("generic netlink command/version out of range: " + command + "/" + version);
        }
    }

    public void encode(ByteBuffer out) {
        out.put((byte) command).put((byte) version).putShort((short) 0);
    }

    public static GenlHeader decode(ByteBuffer in) {
        if (in.remaining() < SIZE) {
            throw new NetlinkDecodeException("generic netlink header truncated: " + in.remaining() + " bytes");
        }
        GenlHeader h = new GenlHeader(Byte.toUnsignedInt(in.get()), Byte.toUnsignedInt(in.get()));
        in.getShort();
        return h;
    }
}
