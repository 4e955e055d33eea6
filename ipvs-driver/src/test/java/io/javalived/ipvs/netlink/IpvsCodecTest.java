package io.javalived.ipvs.netlink;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.javalived.net.netlink.AttributeList;
import io.javalived.net.netlink.AttributeWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class IpvsCodecTest {

    @Test
    void serviceGoldenBytes() {
        Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "little-endian host");
        VirtualService s = VirtualService.of(ServiceKey.tcp(Addresses.parseNumeric("10.0.0.3"), 80), "wlc")
                .withPersistence(300, 0xffffff00);
        AttributeWriter w = new AttributeWriter();
        IpvsCodec.writeService(w, s);
        assertThat(HexFormat.of().formatHex(w.toByteArray())).isEqualTo(
                "0600" + "0100" + "0200" + "0000"                                   // AF_INET
                        + "0600" + "0200" + "0600" + "0000"                         // TCP
                        + "1400" + "0300" + "0a000003" + "000000000000000000000000" // address, 16 bytes
                        + "0600" + "0400" + "0050" + "0000"                         // port 80, network order
                        + "0800" + "0600" + "776c6300"                              // "wlc"
                        + "0c00" + "0700" + "01000000" + "ffffffff"                 // flags PERSISTENT, mask
                        + "0800" + "0800" + "2c010000"                              // timeout 300
                        + "0800" + "0900" + "ffffff00");                            // netmask, network order
    }

    @Test
    void ipv6NetmaskIsAPrefixLengthInHostOrder() {
        VirtualService s = VirtualService.of(ServiceKey.tcp(Addresses.parseNumeric("2001:db8::1"), 443), "rr")
                .withPersistence(60, 64);
        AttributeWriter w = new AttributeWriter();
        IpvsCodec.writeService(w, s);
        AttributeList a = AttributeList.decode(w.toByteArray());
        assertThat(a.require(IpvsGenl.SVC_ATTR_NETMASK, "").u32()).isEqualTo(64);
        assertThat(a.require(IpvsGenl.SVC_ATTR_AF, "").u16()).isEqualTo(10);
    }

    @Test
    void tunnelAttributesOnlyForTunnelledDestinations() {
        AttributeWriter dr = new AttributeWriter();
        IpvsCodec.writeDestination(dr, Destination.of(Addresses.parseNumeric("10.0.0.7"), 80, ForwardingMethod.ROUTE, 1), true);
        assertThat(AttributeList.decode(dr.toByteArray()).has(IpvsGenl.DEST_ATTR_TUN_TYPE)).isFalse();
        AttributeWriter tun = new AttributeWriter();
        IpvsCodec.writeDestination(tun, Destination.of(Addresses.parseNumeric("10.0.0.7"), 80, ForwardingMethod.TUNNEL, 1)
                .withTunnel(new Tunnel(TunnelType.GUE, 6080, Tunnel.CSUM)), true);
        AttributeList a = AttributeList.decode(tun.toByteArray());
        assertThat(a.require(IpvsGenl.DEST_ATTR_TUN_TYPE, "").u8()).isEqualTo(1);
        assertThat(a.require(IpvsGenl.DEST_ATTR_TUN_PORT, "").u16be()).isEqualTo(6080);
        assertThat(a.require(IpvsGenl.DEST_ATTR_TUN_FLAGS, "").u16()).isEqualTo(1);
    }

    @Test
    void anOldKernelsDestinationWithoutFamilyTakesTheServicesFamily() {
        AttributeWriter w = new AttributeWriter()
                .bytes(IpvsGenl.DEST_ATTR_ADDR, IpvsCodec.address16(Addresses.parseNumeric("10.0.0.7")))
                .u16be(IpvsGenl.DEST_ATTR_PORT, 80).u32(IpvsGenl.DEST_ATTR_FWD_METHOD, 3).u32(IpvsGenl.DEST_ATTR_WEIGHT, 2)
                .u32(IpvsGenl.DEST_ATTR_U_THRESH, 0).u32(IpvsGenl.DEST_ATTR_L_THRESH, 0)
                .nested(IpvsGenl.DEST_ATTR_STATS, st -> st.u32(IpvsGenl.STATS_ATTR_CONNS, -1));
        DestinationEntry e = IpvsCodec.readDestinationEntry(AttributeList.decode(w.toByteArray()), AddressFamily.INET);
        assertThat(e.destination()).isEqualTo(Destination.of(Addresses.parseNumeric("10.0.0.7"), 80, ForwardingMethod.ROUTE, 2));
        // only 32-bit stats: the unsigned value, used for both variants
        assertThat(e.stats().connections()).isEqualTo(0xffffffffL);
        assertThat(e.stats32()).isEqualTo(e.stats());
    }

    @Property
    void serviceEntriesRoundTrip(@ForAll("services") VirtualService s, @ForAll("stats") Stats stats) {
        ServiceEntry e = new ServiceEntry(s, stats, truncated(stats));
        AttributeWriter w = new AttributeWriter();
        IpvsCodec.writeServiceEntry(w, e);
        assertThat(IpvsCodec.readServiceEntry(AttributeList.decode(w.toByteArray()))).isEqualTo(e);
    }

    @Property
    void destinationEntriesRoundTrip(@ForAll("destinations") Destination d, @ForAll("stats") Stats stats,
                                     @ForAll int active, @ForAll int inactive, @ForAll int persistent) {
        DestinationEntry e = new DestinationEntry(d, active, inactive, persistent, stats, truncated(stats));
        AttributeWriter w = new AttributeWriter();
        IpvsCodec.writeDestinationEntry(w, e);
        assertThat(IpvsCodec.readDestinationEntry(AttributeList.decode(w.toByteArray()), AddressFamily.INET)).isEqualTo(e);
    }

    @Property
    void serviceKeysRoundTrip(@ForAll("keys") ServiceKey key) {
        AttributeWriter w = new AttributeWriter();
        IpvsCodec.writeServiceKey(w, key);
        assertThat(IpvsCodec.readServiceKey(AttributeList.decode(w.toByteArray()))).isEqualTo(key);
    }

    private static Stats truncated(Stats s) {
        long m = 0xffffffffL;
        return new Stats(s.connections() & m, s.inPackets() & m, s.outPackets() & m, s.inBytes(), s.outBytes(),
                s.connectionRate() & m, s.inPacketRate() & m, s.outPacketRate() & m, s.inByteRate() & m, s.outByteRate() & m);
    }

    @Provide
    Arbitrary<InetAddress> addresses() {
        Arbitrary<InetAddress> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4).map(IpvsCodecTest::addr);
        Arbitrary<InetAddress> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16)
                .filter(b -> !(b[10] == -1 && b[11] == -1 && allZero(b, 10))) // not IPv4-mapped
                .map(IpvsCodecTest::addr);
        return Arbitraries.oneOf(v4, v6);
    }

    private static boolean allZero(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress addr(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<ServiceKey> keys() {
        Arbitrary<ServiceKey> address = Combinators.combine(Arbitraries.of(Protocol.class), addresses(),
                Arbitraries.integers().between(0, 65535)).as(ServiceKey.Address::new);
        Arbitrary<ServiceKey> mark = Combinators.combine(Arbitraries.integers().filter(i -> i != 0),
                Arbitraries.of(AddressFamily.class)).as(ServiceKey.Fwmark::new);
        return Arbitraries.oneOf(address, mark);
    }

    @Provide
    Arbitrary<VirtualService> services() {
        return Combinators.combine(keys(), Arbitraries.of("rr", "wlc", "sh", "mh", "none"),
                Arbitraries.subsetOf(ServiceFlag.ONE_PACKET, ServiceFlag.SCHED1, ServiceFlag.SCHED2, ServiceFlag.SCHED3),
                Arbitraries.integers().between(0, 2678400), Arbitraries.integers(),
                Arbitraries.of("sip", "")).as((k, sched, flags, timeout, mask, pe) ->
                new VirtualService(k, sched, Set.copyOf(flags), timeout, mask, pe));
    }

    @Provide
    Arbitrary<Destination> destinations() {
        Arbitrary<Tunnel> tunnels = Combinators.combine(Arbitraries.of(TunnelType.class),
                Arbitraries.integers().between(0, 65535), Arbitraries.integers().between(0, 3)).as(Tunnel::new);
        return Combinators.combine(addresses(), Arbitraries.integers().between(0, 65535),
                Arbitraries.of(ForwardingMethod.class), Arbitraries.integers(), Arbitraries.integers(),
                Arbitraries.integers(), tunnels).as((a, port, fwd, weight, u, l, t) ->
                new Destination(a, port, fwd, weight, u, l, fwd == ForwardingMethod.TUNNEL ? t : Tunnel.IPIP));
    }

    @Provide
    Arbitrary<Stats> stats() {
        Arbitrary<Long> n = Arbitraries.longs();
        return Combinators.combine(n, n, n, n, n, n, n, n).as((a, b, c, d, e, f, g, h) ->
                new Stats(a, b, c, d, e, f, g, h, a ^ h, b ^ g));
    }

    @Test
    void syncDaemonGoldenBytes() {
        Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "little-endian host");
        SyncDaemon d = new SyncDaemon(SyncState.BACKUP, "eth0", 7, 1400, Addresses.parseNumeric("239.1.2.3"), 9000, 5);
        AttributeWriter w = new AttributeWriter();
        IpvsCodec.writeDaemon(w, d);
        assertThat(HexFormat.of().formatHex(w.toByteArray())).isEqualTo(
                "0800" + "0100" + "02000000"                 // state BACKUP
                        + "0900" + "0200" + "6574683000" + "000000" // "eth0" NUL, padded
                        + "0800" + "0300" + "07000000"       // sync id
                        + "0600" + "0400" + "7805" + "0000"  // max length 1400, host order
                        + "0600" + "0700" + "2823" + "0000"  // port 9000, host order
                        + "0500" + "0800" + "05" + "000000"  // ttl
                        + "0800" + "0500" + "ef010203");     // group, network order
        assertThat(IpvsCodec.readDaemon(AttributeList.decode(w.toByteArray()))).isEqualTo(d);
    }

    @Test
    void aSyncDaemonWithDefaultsSendsOnlyStateInterfaceAndId() {
        AttributeWriter w = new AttributeWriter();
        IpvsCodec.writeDaemon(w, SyncDaemon.of(SyncState.MASTER, "lo", 0));
        AttributeList a = AttributeList.decode(w.toByteArray());
        assertThat(a.all()).extracting(x -> x.type()).containsExactly(IpvsGenl.DAEMON_ATTR_STATE,
                IpvsGenl.DAEMON_ATTR_MCAST_IFN, IpvsGenl.DAEMON_ATTR_SYNC_ID);
        assertThat(IpvsCodec.readDaemon(a)).isEqualTo(SyncDaemon.of(SyncState.MASTER, "lo", 0));
    }

    @Property
    void syncDaemonsRoundTrip(@ForAll("daemons") SyncDaemon d) {
        AttributeWriter w = new AttributeWriter();
        IpvsCodec.writeDaemon(w, d);
        assertThat(IpvsCodec.readDaemon(AttributeList.decode(w.toByteArray()))).isEqualTo(d);
    }

    @Provide
    Arbitrary<SyncDaemon> daemons() {
        Arbitrary<InetAddress> groups = Arbitraries.oneOf(Arbitraries.just(null),
                Arbitraries.bytes().list().ofSize(3).map(b -> group(new byte[] {(byte) 0xe0, b.get(0), b.get(1), b.get(2)})),
                Arbitraries.bytes().list().ofSize(15).map(b -> {
                    byte[] a = new byte[16];
                    a[0] = (byte) 0xff;
                    for (int i = 0; i < 15; i++) {
                        a[i + 1] = b.get(i);
                    }
                    return group(a);
                }));
        return Combinators.combine(Arbitraries.of(SyncState.class), Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(15),
                        Arbitraries.integers(), Arbitraries.integers().between(0, 65535), groups,
                        Arbitraries.integers().between(0, 65535), Arbitraries.integers().between(0, 255))
                .as(SyncDaemon::new);
    }

    private static InetAddress group(byte[] a) {
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
