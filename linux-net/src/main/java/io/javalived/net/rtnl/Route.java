package io.javalived.net.rtnl;

import io.javalived.net.netlink.AttributeList;
import io.javalived.net.netlink.AttributeWriter;
import io.javalived.net.netlink.NetlinkDecodeException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A route: struct rtmsg + RTA_* attributes, as {@code ip route add [TYPE] DST/LEN [from SRC/LEN] [via GW] [dev IF]
 * [src PREFSRC] [table T] [metric M] [proto P] [scope S] [tos T] [onlink]} sends it. The table is always sent as
 * RTA_TABLE too (tables above 255 need it). {@link #encode()} and {@link #decode} are a symmetric pair.
 *
 * @param family    2 (IPv4) or 10 (IPv6)
 * @param type      RTN_* (unicast 1, blackhole 6, unreachable 7, prohibit 8, throw 9...)
 * @param flags     RTNH_F_* (RTNH_F_ONLINK 4)
 * @param oif       the output interface's index
 * @param metric    RTA_PRIORITY
 * @param multipath RTA_MULTIPATH: the paths of a multipath route (empty for one path: gateway and oif)
 */
public record Route(int family, Optional<InetAddress> destination, int destinationLength, Optional<InetAddress> source,
                    int sourceLength, Optional<InetAddress> gateway, Optional<InetAddress> preferredSource,
                    OptionalInt oif, int table, int protocol, int scope, int type, int tos, int flags,
                    OptionalInt metric, List<NextHop> multipath) {

    /** One path of a multipath route: struct rtnexthop + RTA_GATEWAY; weight 1..256. */
    public record NextHop(Optional<InetAddress> gateway, int oif, int weight) {}

    public Route {
        destination = destination == null ? Optional.empty() : destination;
        source = source == null ? Optional.empty() : source;
        gateway = gateway == null ? Optional.empty() : gateway;
        preferredSource = preferredSource == null ? Optional.empty() : preferredSource;
        oif = oif == null ? OptionalInt.empty() : oif;
        metric = metric == null ? OptionalInt.empty() : metric;
        multipath = multipath == null ? List.of() : List.copyOf(multipath);
    }

    public static final int RTMSG_SIZE = 12;

    public byte[] encode() {
        ByteBuffer h = ByteBuffer.allocate(RTMSG_SIZE).order(ByteOrder.nativeOrder());
        h.put((byte) family).put((byte) destinationLength).put((byte) sourceLength).put((byte) tos)
                .put((byte) (table < 256 ? table : 0)).put((byte) protocol).put((byte) scope).put((byte) type)
                .putInt(flags);
        AttributeWriter w = new AttributeWriter();
        w.u32(Rtnl.RTA_TABLE, table);
        destination.ifPresent(d -> w.bytes(Rtnl.RTA_DST, d.getAddress()));
        source.ifPresent(s -> w.bytes(Rtnl.RTA_SRC, s.getAddress()));
        preferredSource.ifPresent(s -> w.bytes(Rtnl.RTA_PREFSRC, s.getAddress()));
        gateway.ifPresent(g -> w.bytes(Rtnl.RTA_GATEWAY, g.getAddress()));
        oif.ifPresent(i -> w.u32(Rtnl.RTA_OIF, i));
        metric.ifPresent(m -> w.u32(Rtnl.RTA_PRIORITY, m));
        if (!multipath.isEmpty()) w.bytes(Rtnl.RTA_MULTIPATH, encodeNextHops());
        return Rtnl.concat(h.array(), w.toByteArray());
    }

    private byte[] encodeNextHops() {
        ByteBuffer b = ByteBuffer.allocate(multipath.size() * 32).order(ByteOrder.nativeOrder());
        for (NextHop h : multipath) {
            byte[] attrs = h.gateway().map(g -> new AttributeWriter().bytes(Rtnl.RTA_GATEWAY, g.getAddress()).toByteArray())
                    .orElse(new byte[0]);
            b.putShort((short) (RTNEXTHOP_SIZE + attrs.length)).put((byte) 0).put((byte) (h.weight() - 1)).putInt(h.oif());
            b.put(attrs);
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static List<NextHop> decodeNextHops(byte[] raw) {
        List<NextHop> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
        while (b.remaining() >= RTNEXTHOP_SIZE) {
            int start = b.position();
            int len = b.getShort() & 0xffff;
            b.get();
            int weight = (b.get() & 0xff) + 1;
            int oif = b.getInt();
            if (len < RTNEXTHOP_SIZE || start + len > raw.length) throw new NetlinkDecodeException("rtnexthop of " + len + " bytes");
            byte[] attrs = new byte[len - RTNEXTHOP_SIZE];
            b.get(attrs);
            Optional<InetAddress> gw = AttributeList.decode(attrs).first(Rtnl.RTA_GATEWAY).map(x -> addr(x.value()));
            out.add(new NextHop(gw, oif, weight));
            b.position(start + ((len + 3) & ~3));
        }
        return out;
    }

    private static final int RTNEXTHOP_SIZE = 8;

    /** The payload of an RTM_NEWROUTE / RTM_DELROUTE message. */
    public static Route decode(byte[] payload) {
        if (payload.length < RTMSG_SIZE) {
            throw new NetlinkDecodeException("rtmsg: " + payload.length + " bytes, need " + RTMSG_SIZE);
        }
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
        int family = b.get() & 0xff;
        int dstLen = b.get() & 0xff;
        int srcLen = b.get() & 0xff;
        int tos = b.get() & 0xff;
        int table = b.get() & 0xff;
        int protocol = b.get() & 0xff;
        int scope = b.get() & 0xff;
        int type = b.get() & 0xff;
        int flags = b.getInt();
        AttributeList a = AttributeList.decode(b.slice());
        return new Route(family, a.first(Rtnl.RTA_DST).map(x -> addr(x.value())), dstLen,
                a.first(Rtnl.RTA_SRC).map(x -> addr(x.value())), srcLen,
                a.first(Rtnl.RTA_GATEWAY).map(x -> addr(x.value())),
                a.first(Rtnl.RTA_PREFSRC).map(x -> addr(x.value())),
                a.has(Rtnl.RTA_OIF) ? OptionalInt.of(a.u32(Rtnl.RTA_OIF, 0)) : OptionalInt.empty(),
                a.u32(Rtnl.RTA_TABLE, table), protocol, scope, type, tos, flags,
                a.has(Rtnl.RTA_PRIORITY) ? OptionalInt.of(a.u32(Rtnl.RTA_PRIORITY, 0)) : OptionalInt.empty(),
                a.first(Rtnl.RTA_MULTIPATH).map(x -> decodeNextHops(x.value())).orElse(List.of()));
    }

    static InetAddress addr(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new NetlinkDecodeException("address of " + raw.length + " bytes");
        }
    }

    /** As {@code ip route} writes it, for logs and messages. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (type != Rtnl.RTN_UNICAST) s.append(Rtnl.routeTypeName(type)).append(' ');
        s.append(destination.map(d -> d.getHostAddress() + "/" + destinationLength)
                .orElse(family == 2 ? "0.0.0.0/0" : "::/0"));
        source.ifPresent(x -> s.append(" from ").append(x.getHostAddress()).append('/').append(sourceLength));
        gateway.ifPresent(x -> s.append(" via ").append(x.getHostAddress()));
        oif.ifPresent(x -> s.append(" oif ").append(x));
        preferredSource.ifPresent(x -> s.append(" src ").append(x.getHostAddress()));
        if (table != Rtnl.RT_TABLE_MAIN) s.append(" table ").append(table);
        metric.ifPresent(x -> s.append(" metric ").append(x));
        for (NextHop h : multipath) {
            s.append(" nexthop");
            h.gateway().ifPresent(g -> s.append(" via ").append(g.getHostAddress()));
            if (h.oif() != 0) s.append(" oif ").append(h.oif());
            s.append(" weight ").append(h.weight());
        }
        return s.toString();
    }

    public static int familyOf(InetAddress a) {
        return a instanceof Inet4Address ? 2 : 10;
    }
}
