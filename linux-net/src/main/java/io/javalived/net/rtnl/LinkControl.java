package io.javalived.net.rtnl;

import io.javalived.net.ffm.Errno;
import io.javalived.net.ffm.SocketConstants;
import io.javalived.net.netlink.Attribute;
import io.javalived.net.netlink.AttributeList;
import io.javalived.net.netlink.AttributeWriter;
import io.javalived.net.netlink.Netlink;
import io.javalived.net.netlink.NetlinkException;
import io.javalived.net.netlink.NetlinkMessage;
import io.javalived.net.netlink.NetlinkSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Optional;

/**
 * rtnetlink requests that make and change links (RTM_NEWLINK / RTM_DELLINK): macvlan interfaces (a VRRP virtual
 * MAC), bringing a link up, a link's IPv4 devconf settings (IFLA_AF_SPEC / AF_INET / IFLA_INET_CONF, what
 * {@code sysctl net.ipv4.conf.IF.*} shows), its IPv6 address generation mode, and what kind of link one is
 * ({@link #details}). Errors are {@link NetlinkException}s naming the request. Thread-safe.
 */
public final class LinkControl implements AutoCloseable {
    static final int IFLA_LINK = 5;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_AF_SPEC = 26;
    static final int IFLA_INFO_KIND = 1;
    static final int IFLA_INFO_DATA = 2;
    static final int IFLA_MACVLAN_MODE = 1;
    static final int IFLA_INET_CONF = 1;
    static final int IFLA_INET6_ADDR_GEN_MODE = 8;
    static final int IN6_ADDR_GEN_MODE_NONE = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    /** {@code MACVLAN_MODE_PRIVATE}: the macvlan hears no other macvlan on the same lower device. */
    public static final int MACVLAN_MODE_PRIVATE = 1;

    /** {@code IPV4_DEVCONF_*} numbers (linux/ip.h): the index of a setting in IFLA_INET_CONF, from 1. */
    public static final int IPV4_DEVCONF_RP_FILTER = 8;
    public static final int IPV4_DEVCONF_ARPFILTER = 13;
    public static final int IPV4_DEVCONF_ARP_IGNORE = 19;
    public static final int IPV4_DEVCONF_PROMOTE_SECONDARIES = 20;
    public static final int IPV4_DEVCONF_ACCEPT_LOCAL = 23;

    /**
     * What a link is, beyond {@link Link}: its kind ({@code macvlan}, {@code veth}...; empty for a plain device),
     * the macvlan mode (0 when not a macvlan) and the index of the link it sits on (0 when none).
     */
    public record Details(Link link, Optional<String> kind, int macvlanMode, int lowerIndex) {
        public boolean privateMacvlan() {
            return kind.filter("macvlan"::equals).isPresent() && macvlanMode == MACVLAN_MODE_PRIVATE;
        }
    }

    private final NetlinkSocket socket;

    private LinkControl(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static LinkControl open() {
        return new LinkControl(NetlinkSocket.open(SocketConstants.NETLINK_ROUTE));
    }

    /** The link with this name and what it is, or empty when there is none. */
    public Optional<Details> details(String name) {
        try {
            for (NetlinkMessage m : socket.request(Rtnl.RTM_GETLINK, 0, Link.request(Optional.of(name)), "get link " + name)) {
                if (m.type() == Rtnl.RTM_NEWLINK) return Optional.of(decodeDetails(m.payload()));
            }
            return Optional.empty();
        } catch (NetlinkException e) {
            if (e.is(Errno.ENODEV) || e.is(Errno.ENOENT)) return Optional.empty();
            throw e;
        }
    }

    static Details decodeDetails(byte[] payload) {
        Link link = Link.decode(payload);
        AttributeList a = AttributeList.decode(ByteBuffer.wrap(payload, Rtnl.IFINFOMSG_SIZE,
                payload.length - Rtnl.IFINFOMSG_SIZE).slice().order(ByteOrder.nativeOrder()));
        Optional<String> kind = Optional.empty();
        int mode = 0;
        Optional<Attribute> info = a.first(IFLA_LINKINFO);
        if (info.isPresent()) {
            AttributeList li = AttributeList.decode(info.get().value());
            kind = li.first(IFLA_INFO_KIND).map(x -> cString(x.value()));
            Optional<Attribute> data = li.first(IFLA_INFO_DATA);
            if (kind.filter("macvlan"::equals).isPresent() && data.isPresent()) {
                mode = AttributeList.decode(data.get().value()).u32(IFLA_MACVLAN_MODE, 0);
            }
        }
        return new Details(link, kind, mode, a.u32(IFLA_LINK, 0));
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Creates a macvlan {@code name} on the link {@code lowerIndex} with this MAC and mode (NLM_F_CREATE |
     * NLM_F_EXCL: EEXIST when a link has the name). It is created down.
     */
    public void addMacvlan(String name, int lowerIndex, byte[] mac, int mode) {
        byte[] attrs = new AttributeWriter()
                .nested(IFLA_LINKINFO, li -> li.string(IFLA_INFO_KIND, "macvlan")
                        .nested(IFLA_INFO_DATA, d -> d.u32(IFLA_MACVLAN_MODE, mode)))
                .u32(IFLA_LINK, lowerIndex)
                .string(Rtnl.IFLA_IFNAME, name)
                .bytes(Rtnl.IFLA_ADDRESS, mac)
                .toByteArray();
        socket.request(Rtnl.RTM_NEWLINK, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, ifinfo(0, 0, 0, attrs),
                "create macvlan " + name + " on link " + lowerIndex);
    }

    /** Sets an existing macvlan's MAC and mode. */
    public void changeMacvlan(int index, String name, byte[] mac, int mode) {
        byte[] attrs = new AttributeWriter()
                .nested(IFLA_LINKINFO, li -> li.string(IFLA_INFO_KIND, "macvlan")
                        .nested(IFLA_INFO_DATA, d -> d.u32(IFLA_MACVLAN_MODE, mode)))
                .bytes(Rtnl.IFLA_ADDRESS, mac)
                .toByteArray();
        socket.request(Rtnl.RTM_NEWLINK, 0, ifinfo(index, 0, 0, attrs), "change macvlan " + name);
    }

    /**
     * Deletes a link.
     *
     * @return false when it was already gone (ENODEV)
     */
    public boolean deleteLink(int index, String name) {
        try {
            socket.request(Rtnl.RTM_DELLINK, 0, ifinfo(index, 0, 0, new byte[0]), "delete link " + name);
            return true;
        } catch (NetlinkException e) {
            if (e.is(Errno.ENODEV) || e.is(Errno.ENOENT)) return false;
            throw e;
        }
    }

    /** Sets IFF_UP (as {@code ip link set NAME up}). */
    public void setUp(int index, String name) {
        socket.request(Rtnl.RTM_NEWLINK, 0, ifinfo(index, Rtnl.IFF_UP, Rtnl.IFF_UP, new byte[0]), "set " + name + " up");
    }

    /**
     * Sets IPv4 devconf values of a link by {@code IPV4_DEVCONF_*} number (as {@code sysctl
     * net.ipv4.conf.NAME.arp_ignore=1} would, in one request).
     */
    public void setIpv4Conf(int index, String name, Map<Integer, Integer> values) {
        byte[] attrs = new AttributeWriter().nested(IFLA_AF_SPEC, spec -> spec.nested(AF_INET,
                inet -> inet.nested(IFLA_INET_CONF, conf -> values.forEach(conf::u32)))).toByteArray();
        socket.request(Rtnl.RTM_NEWLINK, 0, ifinfo(index, 0, 0, attrs), "set IPv4 settings " + values + " on " + name);
    }

    /** A link's IPv4 devconf values, indexed by {@code IPV4_DEVCONF_*} number (index 0 unused); empty without IPv4. */
    public Optional<int[]> ipv4Conf(String name) {
        for (NetlinkMessage m : socket.request(Rtnl.RTM_GETLINK, 0, Link.request(Optional.of(name)), "get link " + name)) {
            if (m.type() != Rtnl.RTM_NEWLINK) continue;
            byte[] p = m.payload();
            AttributeList a = AttributeList.decode(ByteBuffer.wrap(p, Rtnl.IFINFOMSG_SIZE, p.length - Rtnl.IFINFOMSG_SIZE)
                    .slice().order(ByteOrder.nativeOrder()));
            return a.first(IFLA_AF_SPEC).flatMap(s -> AttributeList.decode(s.value()).first(AF_INET))
                    .flatMap(inet -> AttributeList.decode(inet.value()).first(IFLA_INET_CONF))
                    .map(conf -> {
                        ByteBuffer b = ByteBuffer.wrap(conf.value()).order(ByteOrder.nativeOrder());
                        int[] out = new int[b.remaining() / 4 + 1];
                        for (int i = 1; i < out.length; i++) out[i] = b.getInt();
                        return out;
                    });
        }
        return Optional.empty();
    }

    /**
     * Sets the link's IPv6 address generation mode to none: no link-local address is made from its MAC when it
     * comes up (RFC 5798 7.4 for a virtual MAC). Set it before bringing the link up.
     */
    public void setIpv6AddrGenModeNone(int index, String name) {
        byte[] attrs = new AttributeWriter().nested(IFLA_AF_SPEC, spec -> spec.nested(AF_INET6,
                inet6 -> inet6.u8(IFLA_INET6_ADDR_GEN_MODE, IN6_ADDR_GEN_MODE_NONE))).toByteArray();
        socket.request(Rtnl.RTM_NEWLINK, 0, ifinfo(index, 0, 0, attrs), "set IPv6 address generation none on " + name);
    }

    /** struct ifinfomsg {family AF_UNSPEC, type, index, flags, change} followed by the attributes. */
    static byte[] ifinfo(int index, int flags, int change, byte[] attrs) {
        ByteBuffer b = ByteBuffer.allocate(Rtnl.IFINFOMSG_SIZE + attrs.length).order(ByteOrder.nativeOrder());
        b.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change).put(attrs);
        return b.array();
    }

    @Override
    public void close() {
        socket.close();
    }
}
