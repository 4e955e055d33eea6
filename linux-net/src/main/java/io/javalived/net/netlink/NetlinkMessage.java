package io.javalived.net.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One netlink message: the header fields and the payload that follows the header (family header and
 * attributes, without the trailing alignment padding). {@link #encode()} and {@link #decodeAll} are a
 * symmetric pair. The payload array given to the constructor is kept as it is (decoding makes a fresh
 * one per message); {@link #payload()} hands out a copy and {@link #payloadBuffer()} a read-only view.
 */
public record NetlinkMessage(int type, int flags, int sequence, int portId, byte[] payload) {

    public NetlinkHeader header() {
        return new NetlinkHeader(NetlinkHeader.SIZE + payload.length, type, flags, sequence, portId);
    }

    /** The payload as a read-only native-order buffer positioned at its start (no copy). */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Size on the wire, including alignment padding. */
    public int encodedSize() {
        return Netlink.align(NetlinkHeader.SIZE + payload.length);
    }

    /** The message's bytes, padded to netlink alignment. */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(encodedSize()).order(ByteOrder.nativeOrder());
        encodeTo(out);
        return out.array();
    }

    /** Writes the message (with padding) at the buffer's position. */
    public void encodeTo(ByteBuffer out) {
        int start = out.position();
        header().encode(out);
        out.put(payload);
        while (out.position() - start < encodedSize()) {
            out.put((byte) 0);
        }
    }

    /** Decodes every message in one datagram. */
    public static List<NetlinkMessage> decodeAll(ByteBuffer datagram) {
        ByteBuffer in = datagram.duplicate().order(ByteOrder.nativeOrder());
        List<NetlinkMessage> messages = new ArrayList<>();
        while (in.remaining() >= NetlinkHeader.SIZE) {
            int start = in.position();
            NetlinkHeader h = NetlinkHeader.decode(in);
            if (h.length() < NetlinkHeader.SIZE || h.length() > in.remaining() + NetlinkHeader.SIZE) {
                throw new NetlinkDecodeException("netlink message at offset " + start + " claims length " + h.length()
                        + " but " + (in.remaining() + NetlinkHeader.SIZE) + " bytes remain");
            }
            byte[] payload = new byte[h.length() - NetlinkHeader.SIZE];
            in.get(payload);
            messages.add(new NetlinkMessage(h.type(), h.flags(), h.sequence(), h.portId(), payload));
            in.position(Math.min(in.limit(), start + Netlink.align(h.length())));
        }
        if (in.hasRemaining()) {
            throw new NetlinkDecodeException("netlink datagram has " + in.remaining() + " trailing bytes, less than a header");
        }
        return messages;
    }

    /** Decodes every message in a byte array (one datagram). */
    public static List<NetlinkMessage> decodeAll(byte[] datagram) {
        return decodeAll(ByteBuffer.wrap(datagram));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetlinkMessage m && m.type == type && m.flags == flags && m.sequence == sequence
                && m.portId == portId && Arrays.equals(m.payload, payload);
    }

    @Override
    public int hashCode() {
        return ((type * 31 + flags) * 31 + sequence) * 31 + portId + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "NetlinkMessage[type=" + type + ", flags=0x" + Integer.toHexString(flags) + ", seq=" + sequence
                + ", port=" + portId + ", payload=" + HexFormat.of().formatHex(payload) + "]";
    }
}
