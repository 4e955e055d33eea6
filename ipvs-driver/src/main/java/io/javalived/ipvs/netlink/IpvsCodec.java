package io.javalived.ipvs.netlink;

import static io.javalived.ipvs.netlink.IpvsGenl.*;

import io.javalived.ipvs.AddressFamily;
import io.javalived.ipvs.Addresses;
import io.javalived.ipvs.Destination;
import io.javalived.ipvs.DestinationEntry;
import io.javalived.ipvs.ForwardingMethod;
import io.javalived.ipvs.Protocol;
import io.javalived.ipvs.ServiceEntry;
import io.javalived.ipvs.ServiceFlag;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.Stats;
import io.javalived.ipvs.SyncDaemon;
import io.javalived.ipvs.SyncState;
import io.javalived.ipvs.Tunnel;
import io.javalived.ipvs.TunnelType;
import io.javalived.ipvs.VirtualService;
import io.javalived.net.netlink.Attribute;
import io.javalived.net.netlink.AttributeList;
import io.javalived.net.netlink.AttributeWriter;
import io.javalived.net.netlink.NetlinkDecodeException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Symmetric encode/decode pairs for the IPVS attributes: service identity and settings, destinations,
 * statistics (32- and 64-bit). Ports travel in network byte order, other integers in host order;
 * addresses are padded to 16 bytes and always come with their family; an IPv4 persistence netmask
 * travels as the mask in network order, an IPv6 one as a prefix length; the flags attribute is
 * {flags, mask} with the mask all ones. A sync daemon's port, maximum length and sync id travel in host
 * order and its IPv4 group as the address in network order. The "entry" writers produce what the kernel sends (settings
 * and counters) and exist so every reader has its writer.
 */
public final class IpvsCodec {
    private IpvsCodec() {}

    static byte[] address16(InetAddress address) {
        return Arrays.copyOf(address.getAddress(), 16);
    }

    /** The identifying attributes of a service (inside CMD_ATTR_SERVICE). */
    public static void writeServiceKey(AttributeWriter w, ServiceKey key) {
        w.u16(SVC_ATTR_AF, key.family().value());
        switch (key) {
            case ServiceKey.Fwmark f -> w.u32(SVC_ATTR_FWMARK, f.mark());
            case ServiceKey.Address a -> w.u16(SVC_ATTR_PROTOCOL, a.protocol().number())
                    .bytes(SVC_ATTR_ADDR, address16(a.address()))
                    .u16be(SVC_ATTR_PORT, a.port());
        }
    }

    /** A full service (identity, scheduler, flags, timeout, netmask, persistence engine). */
    public static void writeService(AttributeWriter w, VirtualService s) {
        writeServiceKey(w, s.key());
        w.string(SVC_ATTR_SCHED_NAME, s.scheduler());
        if (s.persistenceEngine() != null) {
            w.string(SVC_ATTR_PE_NAME, s.persistenceEngine());
        }
        w.bytes(SVC_ATTR_FLAGS, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                .putInt(s.flagBits()).putInt(0xffffffff).array());
        w.u32(SVC_ATTR_TIMEOUT, s.timeout());
        if (s.key().family() == AddressFamily.INET) {
            w.u32be(SVC_ATTR_NETMASK, s.netmask());
        } else {
            w.u32(SVC_ATTR_NETMASK, s.netmask());
        }
    }

    /** What the kernel sends for a listed service: the full service plus both statistics variants. */
    public static void writeServiceEntry(AttributeWriter w, ServiceEntry e) {
        writeService(w, e.service());
        w.nested(SVC_ATTR_STATS, st -> writeStats(st, e.stats32(), false));
        w.nested(SVC_ATTR_STATS64, st -> writeStats(st, e.stats(), true));
    }

    public static ServiceKey readServiceKey(AttributeList a) {
        AddressFamily family = AddressFamily.fromValue(a.require(SVC_ATTR_AF, "service address family").u16());
        int fwmark = a.u32(SVC_ATTR_FWMARK, 0);
        if (fwmark != 0) {
            return new ServiceKey.Fwmark(fwmark, family);
        }
        Protocol protocol = Protocol.fromNumber(a.require(SVC_ATTR_PROTOCOL, "service protocol").u16());
        InetAddress address = Addresses.fromBytes(family, a.require(SVC_ATTR_ADDR, "service address").valuePrefix(family.addressLength()));
        return new ServiceKey.Address(protocol, address, a.require(SVC_ATTR_PORT, "service port").u16be());
    }

    /** Reads a listed service (settings and counters; the 64-bit counters fall back to the 32-bit ones). */
    public static ServiceEntry readServiceEntry(AttributeList a) {
        ServiceKey key = readServiceKey(a);
        int flags = a.require(SVC_ATTR_FLAGS, "service flags").u32(); // struct ip_vs_flags: flags first
        Attribute netmaskAttr = a.require(SVC_ATTR_NETMASK, "service netmask");
        int netmask = key.family() == AddressFamily.INET ? netmaskAttr.u32be() : netmaskAttr.u32();
        VirtualService s = new VirtualService(key, a.require(SVC_ATTR_SCHED_NAME, "scheduler").string(),
                ServiceFlag.fromBits(flags), a.u32(SVC_ATTR_TIMEOUT, 0), netmask, a.string(SVC_ATTR_PE_NAME, null));
        if ((flags & ServiceFlag.PERSISTENT.bit()) == 0 && s.timeout() != 0) {
            // not persistent: the kernel keeps the timeout it was given, but it means nothing
            s = s.withPersistence(0, s.netmask());
        }
        Stats stats32 = a.first(SVC_ATTR_STATS).map(x -> readStats(x.nested(), false)).orElse(Stats.ZERO);
        Stats stats64 = a.first(SVC_ATTR_STATS64).map(x -> readStats(x.nested(), true)).orElse(stats32);
        return new ServiceEntry(s, stats64, stats32);
    }

    /** A destination's identity and settings (inside CMD_ATTR_DEST); identity only when {@code full} is false. */
    public static void writeDestination(AttributeWriter w, Destination d, boolean full) {
        w.u16(DEST_ATTR_ADDR_FAMILY, d.family().value());
        w.bytes(DEST_ATTR_ADDR, address16(d.address()));
        w.u16be(DEST_ATTR_PORT, d.port());
        if (!full) {
            return;
        }
        w.u32(DEST_ATTR_FWD_METHOD, d.forwarding().value());
        w.u32(DEST_ATTR_WEIGHT, d.weight());
        if (d.forwarding() == ForwardingMethod.TUNNEL) {
            w.u8(DEST_ATTR_TUN_TYPE, d.tunnel().type().value());
            w.u16be(DEST_ATTR_TUN_PORT, d.tunnel().port());
            w.u16(DEST_ATTR_TUN_FLAGS, d.tunnel().flags());
        }
        w.u32(DEST_ATTR_U_THRESH, d.upperThreshold());
        w.u32(DEST_ATTR_L_THRESH, d.lowerThreshold());
    }

    /** What the kernel sends for a listed destination. */
    public static void writeDestinationEntry(AttributeWriter w, DestinationEntry e) {
        writeDestination(w, e.destination(), true);
        w.u32(DEST_ATTR_ACTIVE_CONNS, e.activeConnections());
        w.u32(DEST_ATTR_INACT_CONNS, e.inactiveConnections());
        w.u32(DEST_ATTR_PERSIST_CONNS, e.persistentConnections());
        w.nested(DEST_ATTR_STATS, st -> writeStats(st, e.stats32(), false));
        w.nested(DEST_ATTR_STATS64, st -> writeStats(st, e.stats(), true));
    }

    /** Reads a listed destination; without an address-family attribute (old kernels) it is the service's. */
    public static DestinationEntry readDestinationEntry(AttributeList a, AddressFamily serviceFamily) {
        AddressFamily family = a.first(DEST_ATTR_ADDR_FAMILY).map(x -> AddressFamily.fromValue(x.u16())).orElse(serviceFamily);
        InetAddress address = Addresses.fromBytes(family, a.require(DEST_ATTR_ADDR, "destination address").valuePrefix(family.addressLength()));
        ForwardingMethod fwd = ForwardingMethod.fromValue(a.require(DEST_ATTR_FWD_METHOD, "forwarding method").u32());
        Tunnel tunnel = fwd == ForwardingMethod.TUNNEL
                ? new Tunnel(TunnelType.fromValue(a.u8(DEST_ATTR_TUN_TYPE, 0)),
                        a.first(DEST_ATTR_TUN_PORT).map(Attribute::u16be).orElse(0), a.u16(DEST_ATTR_TUN_FLAGS, 0))
                : Tunnel.IPIP;
        Destination d = new Destination(address, a.require(DEST_ATTR_PORT, "destination port").u16be(), fwd,
                a.require(DEST_ATTR_WEIGHT, "weight").u32(), a.u32(DEST_ATTR_U_THRESH, 0), a.u32(DEST_ATTR_L_THRESH, 0),
                tunnel);
        Stats stats32 = a.first(DEST_ATTR_STATS).map(x -> readStats(x.nested(), false)).orElse(Stats.ZERO);
        Stats stats64 = a.first(DEST_ATTR_STATS64).map(x -> readStats(x.nested(), true)).orElse(stats32);
        return new DestinationEntry(d, a.u32(DEST_ATTR_ACTIVE_CONNS, 0), a.u32(DEST_ATTR_INACT_CONNS, 0),
                a.u32(DEST_ATTR_PERSIST_CONNS, 0), stats64, stats32);
    }

    /**
     * A sync daemon (inside CMD_ATTR_DAEMON): state, interface and sync id always; maximum length, port,
     * TTL and group only when set (0 or null leaves the kernel's default, as ipvsadm sends it). The
     * kernel's dump has them all, so this also writes what it sends.
     */
    public static void writeDaemon(AttributeWriter w, SyncDaemon d) {
        w.u32(DAEMON_ATTR_STATE, d.state().value());
        w.string(DAEMON_ATTR_MCAST_IFN, d.multicastInterface());
        w.u32(DAEMON_ATTR_SYNC_ID, d.syncId());
        if (d.maxLength() != 0) {
            w.u16(DAEMON_ATTR_SYNC_MAXLEN, d.maxLength());
        }
        if (d.port() != 0) {
            w.u16(DAEMON_ATTR_MCAST_PORT, d.port());
        }
        if (d.ttl() != 0) {
            w.u8(DAEMON_ATTR_MCAST_TTL, d.ttl());
        }
        if (d.group() != null) {
            w.bytes(d.family() == AddressFamily.INET6 ? DAEMON_ATTR_MCAST_GROUP6 : DAEMON_ATTR_MCAST_GROUP,
                    d.group().getAddress());
        }
    }

    /** Reads a listed sync daemon; a missing optional attribute reads as 0 (or no group). */
    public static SyncDaemon readDaemon(AttributeList a) {
        int stateValue = a.require(DAEMON_ATTR_STATE, "sync daemon state").u32();
        SyncState state = SyncState.fromValue(stateValue);
        if (state == null) {
            throw new NetlinkDecodeException("sync daemon state " + stateValue + " is neither master (1) nor backup (2)");
        }
        InetAddress group = a.first(DAEMON_ATTR_MCAST_GROUP)
                .map(x -> Addresses.fromBytes(AddressFamily.INET, x.valuePrefix(4)))
                .or(() -> a.first(DAEMON_ATTR_MCAST_GROUP6).map(x -> Addresses.fromBytes(AddressFamily.INET6, x.valuePrefix(16))))
                .orElse(null);
        return new SyncDaemon(state, a.require(DAEMON_ATTR_MCAST_IFN, "sync daemon interface").string(),
                a.require(DAEMON_ATTR_SYNC_ID, "sync id").u32(), a.u16(DAEMON_ATTR_SYNC_MAXLEN, 0), group,
                a.u16(DAEMON_ATTR_MCAST_PORT, 0), a.u8(DAEMON_ATTR_MCAST_TTL, 0));
    }

    /** Statistics as the kernel nests them: 32-bit counters and rates (bytes always 64-bit), or all 64-bit. */
    public static void writeStats(AttributeWriter w, Stats s, boolean wide) {
        if (wide) {
            w.u64(STATS_ATTR_CONNS, s.connections()).u64(STATS_ATTR_INPKTS, s.inPackets())
                    .u64(STATS_ATTR_OUTPKTS, s.outPackets()).u64(STATS_ATTR_INBYTES, s.inBytes())
                    .u64(STATS_ATTR_OUTBYTES, s.outBytes()).u64(STATS_ATTR_CPS, s.connectionRate())
                    .u64(STATS_ATTR_INPPS, s.inPacketRate()).u64(STATS_ATTR_OUTPPS, s.outPacketRate())
                    .u64(STATS_ATTR_INBPS, s.inByteRate()).u64(STATS_ATTR_OUTBPS, s.outByteRate());
        } else {
            w.u32(STATS_ATTR_CONNS, (int) s.connections()).u32(STATS_ATTR_INPKTS, (int) s.inPackets())
                    .u32(STATS_ATTR_OUTPKTS, (int) s.outPackets()).u64(STATS_ATTR_INBYTES, s.inBytes())
                    .u64(STATS_ATTR_OUTBYTES, s.outBytes()).u32(STATS_ATTR_CPS, (int) s.connectionRate())
                    .u32(STATS_ATTR_INPPS, (int) s.inPacketRate()).u32(STATS_ATTR_OUTPPS, (int) s.outPacketRate())
                    .u32(STATS_ATTR_INBPS, (int) s.inByteRate()).u32(STATS_ATTR_OUTBPS, (int) s.outByteRate());
        }
    }

    public static Stats readStats(AttributeList a, boolean wide) {
        return new Stats(counter(a, STATS_ATTR_CONNS, wide), counter(a, STATS_ATTR_INPKTS, wide),
                counter(a, STATS_ATTR_OUTPKTS, wide), a.u64(STATS_ATTR_INBYTES, 0), a.u64(STATS_ATTR_OUTBYTES, 0),
                counter(a, STATS_ATTR_CPS, wide), counter(a, STATS_ATTR_INPPS, wide), counter(a, STATS_ATTR_OUTPPS, wide),
                counter(a, STATS_ATTR_INBPS, wide), counter(a, STATS_ATTR_OUTBPS, wide));
    }

    private static long counter(AttributeList a, int type, boolean wide) {
        return wide ? a.u64(type, 0) : Integer.toUnsignedLong(a.u32(type, 0));
    }
}
