package io.javalived.net.rtnl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Optional;
import io.javalived.net.netlink.AttributeList;
import io.javalived.net.netlink.AttributeWriter;
import io.javalived.net.netlink.NetlinkDecodeException;

/**
 * A network interface as rtnetlink describes it (struct ifinfomsg + IFLA_* attributes).
 * {@link #encode()} and {@link #decode} are a symmetric pair over the fields kept here.
 *
 * @param hardwareAddress the MAC (empty for interfaces without one)
 */
public record Link(int index, String name, int type, int flags, int mtu, byte[] hardwareAddress) {

    public Link {
        hardwareAddress = hardwareAddress == null ? new byte[0] : hardwareAddress.clone();
    }

    @Override
    public byte[] hardwareAddress() {
        return hardwareAddress.clone();
    }

    /** Administratively up and with carrier: what VRRP calls an interface that is up. */
    public boolean up() {
        return (flags & Rtnl.IFF_UP) != 0 && (flags & Rtnl.IFF_RUNNING) != 0;
    }

    public boolean multicast() {
        return (flags & Rtnl.IFF_MULTICAST) != 0;
    }

    public boolean loopback() {
        return (flags & Rtnl.IFF_LOOPBACK) != 0;
    }

    public String mac() {
        return HexFormat.ofDelimiter(":").formatHex(hardwareAddress);
    }

    /** struct ifinfomsg followed by IFLA_IFNAME, IFLA_MTU and IFLA_ADDRESS. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(Rtnl.IFINFOMSG_SIZE).order(ByteOrder.nativeOrder());
        b.put((byte) 0).put((byte) 0).putShort((short) type).putInt(index).putInt(flags).putInt(0);
        AttributeWriter w = new AttributeWriter().string(Rtnl.IFLA_IFNAME, name).u32(Rtnl.IFLA_MTU, mtu);
        if (hardwareAddress.length > 0) w.bytes(Rtnl.IFLA_ADDRESS, hardwareAddress);
        byte[] attrs = w.toByteArray();
        byte[] out = new byte[Rtnl.IFINFOMSG_SIZE + attrs.length];
        System.arraycopy(b.array(), 0, out, 0, Rtnl.IFINFOMSG_SIZE);
        System.arraycopy(attrs, 0, out, Rtnl.IFINFOMSG_SIZE, attrs.length);
        return out;
    }

    /** The payload of an RTM_NEWLINK / RTM_DELLINK message. */
    public static Link decode(byte[] payload) {
        if (payload.length < Rtnl.IFINFOMSG_SIZE) {
            throw new NetlinkDecodeException("ifinfomsg: " + payload.length + " bytes, need " + Rtnl.IFINFOMSG_SIZE);
        }
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
        b.get();
        b.get();
        int type = b.getShort() & 0xffff;
        int index = b.getInt();
        int flags = b.getInt();
        b.position(Rtnl.IFINFOMSG_SIZE);
        AttributeList a = AttributeList.decode(b.slice());
        byte[] mac = a.first(Rtnl.IFLA_ADDRESS).map(x -> x.value()).orElse(new byte[0]);
        return new Link(index, a.string(Rtnl.IFLA_IFNAME, "if" + index), type, flags, a.u32(Rtnl.IFLA_MTU, 0), mac);
    }

    /** A GETLINK request payload: an empty ifinfomsg, optionally with IFLA_IFNAME to ask for one link. */
    public static byte[] request(Optional<String> name) {
        byte[] head = new byte[Rtnl.IFINFOMSG_SIZE];
        if (name.isEmpty()) return head;
        byte[] attrs = new AttributeWriter().string(Rtnl.IFLA_IFNAME, name.get()).toByteArray();
        byte[] out = new byte[head.length + attrs.length];
        System.arraycopy(attrs, 0, out, head.length, attrs.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Link l && l.index == index && l.name.equals(name) && l.type == type && l.flags == flags
                && l.mtu == mtu && java.util.Arrays.equals(l.hardwareAddress, hardwareAddress);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(index, name, type, flags, mtu, java.util.Arrays.hashCode(hardwareAddress));
    }

    @Override
    public String toString() {
        return "Link[" + index + " " + name + " flags=0x" + Integer.toHexString(flags) + " mtu=" + mtu + " " + mac() + "]";
    }
}
