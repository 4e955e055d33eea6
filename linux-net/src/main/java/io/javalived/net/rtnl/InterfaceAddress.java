package io.javalived.net.rtnl;

import io.javalived.net.netlink.AttributeList;
import io.javalived.net.netlink.AttributeWriter;
import io.javalived.net.netlink.NetlinkDecodeException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * An address on an interface: struct ifaddrmsg + IFA_* attributes, as {@code ip addr add ADDRESS/PREFIX [brd B]
 * [peer P] dev IF [label L] scope S} sends it. {@link #encode()} and {@link #decode} are a symmetric pair.
 *
 * @param peer   the other end of a point-to-point address (IFA_ADDRESS when it differs from IFA_LOCAL)
 * @param flags  IFA_F_* (IFA_F_NODAD, IFA_F_SECONDARY...), sent as IFA_FLAGS
 */
public record InterfaceAddress(int index, InetAddress address, int prefixLength, int scope, Optional<String> label,
                               Optional<InetAddress> broadcast, Optional<InetAddress> peer, int flags) {

    public InterfaceAddress {
        label = label == null ? Optional.empty() : label;
        broadcast = broadcast == null ? Optional.empty() : broadcast;
        peer = peer == null ? Optional.empty() : peer;
    }

    public static InterfaceAddress of(int index, InetAddress address, int prefix) {
        return new InterfaceAddress(index, address, prefix, 0, Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    public int family() {
        return address instanceof Inet4Address ? 2 : 10;
    }

    public byte[] encode() {
        ByteBuffer h = ByteBuffer.allocate(Rtnl.IFADDRMSG_SIZE).order(ByteOrder.nativeOrder());
        h.put((byte) family()).put((byte) prefixLength).put((byte) (flags & 0xff)).put((byte) scope).putInt(index);
        AttributeWriter w = new AttributeWriter();
        w.bytes(Rtnl.IFA_LOCAL, address.getAddress());
        w.bytes(Rtnl.IFA_ADDRESS, peer.orElse(address).getAddress());
        broadcast.ifPresent(b -> w.bytes(Rtnl.IFA_BROADCAST, b.getAddress()));
        label.ifPresent(l -> w.string(Rtnl.IFA_LABEL, l));
        if (flags != 0) w.u32(Rtnl.IFA_FLAGS, flags);
        byte[] attrs = w.toByteArray();
        byte[] out = new byte[Rtnl.IFADDRMSG_SIZE + attrs.length];
        System.arraycopy(h.array(), 0, out, 0, Rtnl.IFADDRMSG_SIZE);
        System.arraycopy(attrs, 0, out, Rtnl.IFADDRMSG_SIZE, attrs.length);
        return out;
    }

    /** The payload of an RTM_NEWADDR / RTM_DELADDR message. */
    public static InterfaceAddress decode(byte[] payload) {
        if (payload.length < Rtnl.IFADDRMSG_SIZE) {
            throw new NetlinkDecodeException("ifaddrmsg: " + payload.length + " bytes, need " + Rtnl.IFADDRMSG_SIZE);
        }
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
        int family = b.get() & 0xff;
        int prefix = b.get() & 0xff;
        int smallFlags = b.get() & 0xff;
        int scope = b.get() & 0xff;
        int index = b.getInt();
        AttributeList a = AttributeList.decode(b.slice());
        Optional<InetAddress> local = a.first(Rtnl.IFA_LOCAL).map(x -> addr(x.value()));
        Optional<InetAddress> address = a.first(Rtnl.IFA_ADDRESS).map(x -> addr(x.value()));
        InetAddress main = local.or(() -> address).orElseThrow(() ->
                new NetlinkDecodeException("ifaddrmsg of family " + family + " without IFA_LOCAL or IFA_ADDRESS"));
        Optional<InetAddress> peer = local.isPresent() && address.isPresent() && !address.get().equals(local.get())
                ? address : Optional.empty();
        return new InterfaceAddress(index, main, prefix, scope, a.first(Rtnl.IFA_LABEL).map(x -> x.string()),
                a.first(Rtnl.IFA_BROADCAST).map(x -> addr(x.value())), peer, a.u32(Rtnl.IFA_FLAGS, smallFlags));
    }

    private static InetAddress addr(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new NetlinkDecodeException("address of " + raw.length + " bytes");
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + " if " + index + label.map(l -> " label " + l).orElse("")
                + " scope " + scope;
    }
}
