package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabProcess;
import io.javalived.vrrp.packet.Advert;
import io.javalived.vrrp.packet.AdvertCodec;
import io.javalived.vrrp.packet.ChecksumMode;
import io.javalived.vrrp.packet.Decoded;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.packet.Ipv4Header;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same config run by keepalived 2.2.7 and by javalived, adverts captured on the wire (tcpdump on the sender,
 * lb01): every VRRP byte and the IP header fields keepalived sets (TOS, TTL, protocol, addresses, no DF, length)
 * are the same, for the first advert and for the priority-0 advert of a graceful stop, to the multicast group or to
 * each unicast peer; only the IP identification differs.
 */
@Tag("netns")
@Tag("keepalived")
class CapturedAdvertsTest {
    VrrpLab lab;
    /** Each router's log by tag, for failure messages. */
    final Map<String, String> logs = new LinkedHashMap<>();

    @BeforeEach
    void setUp() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")), "tcpdump is not installed (apt-get install tcpdump)");
        lab = VrrpLab.withKeepalived();
    }

    @AfterEach
    void tearDown() {
        if (lab != null) lab.close();
    }

    record Captured(Ipv4Header ip, byte[] vrrp, Advert advert) {}

    /** The first advert and the priority-0 advert (graceful stop) sent to one destination. */
    record ToOne(Captured first, Captured leaving) {}

    /**
     * One config as address owner (MASTER at once), run by keepalived and then by javalived, each stopped with
     * SIGTERM; tcpdump on lb01 itself sees every advert it sends. For each destination (the group, or each unicast
     * peer) the first advert and the priority-0 advert must be the same bytes, checksum included (for v3 unicast:
     * a pseudo-header per peer), with the same IP header fields.
     */
    @ParameterizedTest(name = "v{0} advert_int {1} auth {2} peers {3}")
    @CsvSource({"2, 1, s3cret, -", "3, 0.1, -, -", "3, 0.1, -, 10.0.0.6 10.0.0.7"})
    void keepalivedAndJavalivedSendTheSameAdvertsAndTheSamePriorityZeroAdverts(int version, String advertInt, String pass,
                                                                              String peers) throws Exception {
        List<String> unicastPeers = peers.equals("-") ? List.of() : List.of(peers.split(" "));
        Path conf = lab.write("owner.conf", VrrpLab.conf("lb01", version, "MASTER", 255, advertInt,
                pass.equals("-") ? null : pass, unicastPeers, unicastPeers.isEmpty() ? null : "10.0.0.5",
                "  virtual_ipaddress_excluded {\n    10.0.0.200/32\n  }\n").replace(
                "    10.0.0.3/24 dev eth0 label eth0:0\n", "    10.0.0.3/24 dev eth0 label eth0:0\n    10.0.0.4/24 dev eth0\n"));
        List<Inet4Address> destinations = unicastPeers.isEmpty() ? List.of(v4("224.0.0.18"))
                : unicastPeers.stream().map(CapturedAdvertsTest::v4).toList();
        Map<Inet4Address, ToOne> fromKeepalived = capture(() -> lab.keepalived("lb01", conf), "ka", destinations.size());
        Map<Inet4Address, ToOne> fromJavalived = capture(() -> lab.javalived("lb01", conf), "jl", destinations.size());
        assertThat(fromKeepalived.keySet()).as("keepalived's destinations").containsExactlyInAnyOrderElementsOf(destinations);
        assertThat(fromJavalived.keySet()).as("javalived's destinations").containsExactlyInAnyOrderElementsOf(destinations);
        for (Inet4Address dst : destinations) {
            ToOne k = fromKeepalived.get(dst);
            ToOne j = fromJavalived.get(dst);
            assertThat(k.leaving()).as("keepalived's priority-0 advert to " + dst.getHostAddress()).isNotNull();
            assertThat(j.leaving()).as(() -> "javalived's priority-0 advert to " + dst.getHostAddress() + "\n" + logs.get("jl"))
                    .isNotNull();
            assertSame(dst + " advert", k.first(), j.first());
            assertSame(dst + " priority-0 advert", k.leaving(), j.leaving());
            assertThat(k.first().advert().priority()).isEqualTo(255);
            assertThat(k.leaving().advert().priority()).isZero();
            assertThat(k.first().advert().addresses()).hasSize(2); // excluded VIPs are not advertised
            if (version == 3) {
                for (Captured c : List.of(j.first(), j.leaving())) {
                    assertThat(AdvertCodec.checksumValid(c.vrrp(), 0, c.vrrp().length,
                            new ChecksumMode.Ipv4Pseudo(c.ip().source(), dst))).as("pseudo-header with " + dst).isTrue();
                }
            }
        }
        if (destinations.size() == 2) {
            assertThat(fromJavalived.get(destinations.get(0)).first().vrrp())
                    .as("a checksum per peer: the two unicast adverts differ").isNotEqualTo(fromJavalived.get(destinations.get(1)).first().vrrp());
        }
    }

    private static void assertSame(String what, Captured k, Captured j) {
        assertThat(j.advert()).as(what).isEqualTo(k.advert());
        assertThat(j.vrrp()).as(what + ": identical VRRP bytes, checksum included").isEqualTo(k.vrrp());
        assertThat(j.ip().tos()).as(what).isEqualTo(k.ip().tos()).isEqualTo(0xC0);
        assertThat(j.ip().ttl()).as(what).isEqualTo(k.ip().ttl()).isEqualTo(255);
        assertThat(j.ip().protocol()).as(what).isEqualTo(k.ip().protocol()).isEqualTo(112);
        assertThat(j.ip().source()).as(what).isEqualTo(k.ip().source());
        assertThat(j.ip().destination()).as(what).isEqualTo(k.ip().destination());
        assertThat(j.ip().totalLength()).as(what).isEqualTo(k.ip().totalLength());
        assertThat(j.ip().flagsFragment()).as(what).isEqualTo(k.ip().flagsFragment()).isZero();
        assertThat(j.ip().identification()).as(what).isNotZero();
    }

    static Inet4Address v4(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    interface Starter {
        LabProcess start() throws Exception;
    }

    /**
     * Starts the router, lets it advertise, stops it with SIGTERM; its adverts by destination. tcpdump runs in
     * immediate mode and is stopped only once the file holds a priority-0 advert for every destination (or after
     * 5 s): a buffered capture stopped right away can lose the last packets it had already received.
     */
    private Map<Inet4Address, ToOne> capture(Starter starter, String tag, int destinations) throws Exception {
        Path pcap = lab.lab.dir().resolve(tag + ".pcap");
        LabProcess dump = lab.host("lb01").start("tcpdump-" + tag, List.of("tcpdump", "--immediate-mode", "-U", "-n",
                "-i", "eth0", "-w", pcap.toString(), "ip proto 112"));
        Thread.sleep(700);
        LabProcess router = starter.start();
        assertThat(router.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(30))).as(tag + ": " + router.output()).isTrue();
        Thread.sleep(1500); // a few adverts
        router.signal("TERM");
        assertThat(router.waitFor(Duration.ofSeconds(10))).as(tag + " stops").isPresent();
        logs.put(tag, router.output());
        Map<Inet4Address, ToOne> out = Map.of();
        for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end; Thread.sleep(100)) {
            out = adverts(pcap);
            if (out.size() == destinations && out.values().stream().allMatch(t -> t.leaving() != null)) break;
        }
        dump.signal("TERM");
        dump.waitFor(Duration.ofSeconds(5));
        return adverts(pcap);
    }

    private static Map<Inet4Address, ToOne> adverts(Path pcap) throws java.io.IOException {
        Map<Inet4Address, Captured> first = new LinkedHashMap<>();
        Map<Inet4Address, Captured> leaving = new LinkedHashMap<>();
        for (byte[] frame : pcapFrames(Files.exists(pcap) ? Files.readAllBytes(pcap) : new byte[0])) {
            byte[] ipBytes = Arrays.copyOfRange(frame, 14, frame.length);
            Ipv4Header ip = Ipv4Header.decode(ipBytes, ipBytes.length);
            byte[] vrrp = Arrays.copyOfRange(ipBytes, ip.headerLength(), ip.totalLength());
            Advert a = ((Decoded.Ok) AdvertCodec.decode(vrrp, 0, vrrp.length, IpFamily.IPV4)).advert();
            Captured c = new Captured(ip, vrrp, a);
            (a.priority() == 0 ? leaving : first).putIfAbsent(ip.destination(), c);
        }
        Map<Inet4Address, ToOne> out = new LinkedHashMap<>();
        first.forEach((dst, c) -> out.put(dst, new ToOne(c, leaving.get(dst))));
        return out;
    }

    /** The frames of a classic pcap file (either byte order, microsecond or nanosecond magic). */
    static List<byte[]> pcapFrames(byte[] file) {
        if (file.length < 24) return List.of(); // not even the file header yet
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) b.order(ByteOrder.BIG_ENDIAN);
        List<byte[]> out = new ArrayList<>();
        int p = 24;
        while (p + 16 <= file.length) {
            int incl = b.getInt(p + 8);
            if (p + 16 + incl > file.length) break; // a frame still being written
            out.add(Arrays.copyOfRange(file, p + 16, p + 16 + incl));
            p += 16 + incl;
        }
        return out;
    }
}
