package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabProcess;
import io.javalived.net.netns.InNamespace;
import io.javalived.net.socket.Ipv4VrrpSocket;
import io.javalived.vrrp.packet.Advert;
import io.javalived.vrrp.packet.AdvertCodec;
import io.javalived.vrrp.packet.AuthData;
import io.javalived.vrrp.packet.AuthType;
import io.javalived.vrrp.packet.ChecksumMode;
import io.javalived.vrrp.packet.Ipv4Header;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The global_defs VRRP settings in the seed lab, each run by keepalived 2.2.7 and by javalived on lb01 and seen from
 * lb02: vrrp_garp_interval spaces the gratuitous ARPs of a takeover on the wire (keepalived keeps one pending GARP per
 * VIP, so with an interval its garp_master_repeat collapses to the first GARP and one more per VIP: 3 of the 6
 * asked for here; javalived sends all 6, spaced alike), vrrp_startup_delay holds the first
 * advert back, log_unknown_vrids logs adverts for a VRID nobody here has (keepalived a line per advert, javalived
 * one line and then at most one a minute).
 */
@Tag("netns")
@Tag("keepalived")
class VrrpGlobalsNetnsTest extends WithKeepalivedLab {

    private LabProcess start(String router, Path conf) {
        return router.equals("keepalived") ? lab.keepalived("lb01", conf) : lab.javalived("lb01", conf);
    }

    private static void stop(LabProcess p) {
        p.signal("TERM");
        p.waitFor(Duration.ofSeconds(10));
    }

    record Frame(long micros, byte[] bytes) {}

    /** The frames of a classic pcap file with their capture times (microsecond magic, either byte order). */
    static List<Frame> frames(byte[] file) {
        List<Frame> out = new ArrayList<>();
        if (file.length < 24) return out;
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0xa1b2c3d4) b.order(ByteOrder.BIG_ENDIAN);
        int p = 24;
        while (p + 16 <= file.length) {
            long sec = b.getInt(p) & 0xffffffffL;
            long usec = b.getInt(p + 4) & 0xffffffffL;
            int incl = b.getInt(p + 8);
            if (p + 16 + incl > file.length) break;
            out.add(new Frame(sec * 1_000_000 + usec, java.util.Arrays.copyOfRange(file, p + 16, p + 16 + incl)));
            p += 16 + incl;
        }
        return out;
    }

    /** Gratuitous ARP requests (sender address = target address) among the frames, as "time address". */
    static List<Frame> garps(List<Frame> frames) {
        return frames.stream().filter(f -> f.bytes().length >= 42 && f.bytes()[12] == 0x08 && f.bytes()[13] == 0x06
                && f.bytes()[21] == 1 && java.util.Arrays.equals(f.bytes(), 28, 32, f.bytes(), 38, 42)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"keepalived", "javalived"})
    void vrrpGarpIntervalSpacesTheGratuitousArpsOfATakeover(String router) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")), "tcpdump is not installed");
        Path conf = lab.write(router + "-garp.conf", VrrpLab.conf("lb01", 2, "MASTER", 255, "1", null, List.of(), null,
                        "  garp_master_repeat 3\n  garp_master_delay 0\n")
                .replace("  vrrp_version 2\n", "  vrrp_version 2\n  vrrp_garp_interval 0.2\n")
                .replace("    10.0.0.3/24 dev eth0 label eth0:0\n", "    10.0.0.3/24 dev eth0 label eth0:0\n    10.0.0.4/24 dev eth0\n"));
        Path pcap = lab.lab.dir().resolve(router + "-arp.pcap");
        LabProcess dump = lab.host("lb02").start("tcpdump-" + router, List.of("tcpdump", "--immediate-mode", "-U", "-n",
                "-i", "eth0", "-w", pcap.toString(), "arp"));
        Thread.sleep(700);
        LabProcess p = start(router, conf);
        List<Frame> g = List.of();
        try {
            int want = router.equals("keepalived") ? 3 : 6;
            for (long end = System.nanoTime() + 30_000_000_000L; System.nanoTime() < end && g.size() < want; Thread.sleep(100)) {
                g = garps(frames(Files.exists(pcap) ? Files.readAllBytes(pcap) : new byte[0]));
            }
            Thread.sleep(1000); // nothing more should come (garp_master_delay 0: no second batch)
            g = garps(frames(Files.readAllBytes(pcap)));
        } finally {
            stop(p);
            dump.signal("TERM");
            dump.waitFor(Duration.ofSeconds(5));
        }
        List<Frame> seen = g;
        assertThat(seen).as(() -> router + (router.equals("keepalived") ? ": the first GARP and one pending per VIP"
                : ": garp_master_repeat 3 for each of 2 VIPs") + "\n" + p.output())
                .hasSize(router.equals("keepalived") ? 3 : 6);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < seen.size(); i++) gaps.add((seen.get(i).micros() - seen.get(i - 1).micros()) / 1000);
        System.out.println(router + ": gaps between the GARPs on the wire (ms): " + gaps);
        // 0.2 s apart, as measured on lb02 (a few ms of jitter in delivery and capture)
        assertThat(gaps).as(router + " gaps (ms)").allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(190));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"keepalived", "javalived"})
    void vrrpStartupDelayHoldsTheFirstAdvertBack(String router) throws Exception {
        Path conf = lab.write(router + "-delay.conf", VrrpLab.conf("lb01", 3, "BACKUP", 100, "0.1", null, List.of(), null, null)
                .replace("  vrrp_version 3\n", "  vrrp_version 3\n  vrrp_startup_delay 3\n"));
        InetAddress lb01 = InetAddress.getByName("10.0.0.5");
        try (WireAdverts wire = WireAdverts.on(lab.host("lb02"))) {
            long t0 = System.nanoTime();
            LabProcess p = start(router, conf);
            try {
                assertThat(p.awaitOutput("Delaying startup for 3 seconds", Duration.ofSeconds(30))).as(() -> router
                        + " says it\n" + p.output()).isTrue();
                long said = System.nanoTime();
                WireAdverts.Seen first = wire.await(t0, s -> s.source().equals(lb01), Duration.ofSeconds(30));
                assertThat(first).as(() -> router + " advertises in the end\n" + p.output()).isNotNull();
                long fromLine = (first.atNanos() - said) / 1_000_000;
                System.out.printf("%s: first advert %d ms after the process started, %d ms after 'Delaying startup'%n",
                        router, (first.atNanos() - t0) / 1_000_000, fromLine);
                // the delay, then Master_Down_Interval (3 x 0.1 s + skew 0.06 s); the log line comes just before
                assertThat(fromLine).as(router).isGreaterThanOrEqualTo(3_000);
                assertThat(fromLine).as(router).isLessThan(6_000);
            } finally {
                stop(p);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"keepalived", "javalived"})
    void logUnknownVridsNamesTheVridAndTheInterface(String router) throws Exception {
        Path conf = lab.write(router + "-vrids.conf", VrrpLab.conf("lb01", 2, "BACKUP", 100, "1", null, List.of(), null, null)
                .replace("  vrrp_version 2\n", "  vrrp_version 2\n  log_unknown_vrids\n"));
        LabProcess p = start(router, conf);
        try {
            assertThat(p.awaitOutput("Entering BACKUP STATE", Duration.ofSeconds(30))).as(() -> router + "\n" + p.output()).isTrue();
            Inet4Address lb02 = (Inet4Address) InetAddress.getByName("10.0.0.6");
            Inet4Address group = (Inet4Address) InetAddress.getByName("224.0.0.18");
            byte[] vrrp = AdvertCodec.encode(Advert.v2(51, 100, AuthType.NONE, AuthData.ZEROS, 1,
                    List.of(InetAddress.getByName("10.0.0.50"))), ChecksumMode.PLAIN);
            byte[] frame = Ipv4Header.frame(Ipv4Header.forAdvert(lb02, group, 255, 1, vrrp.length), vrrp);
            try (Ipv4VrrpSocket s = InNamespace.call(lab.host("lb02").namespacePath(), () -> Ipv4VrrpSocket.open("eth0", lb02))) {
                for (int i = 0; i < 50; i++) {
                    s.send(group, frame);
                    Thread.sleep(10);
                }
            }
            String line = "Unknown VRID(51) received on interface(eth0). ignoring...";
            assertThat(p.awaitOutput(line, Duration.ofSeconds(5))).as(() -> router + "\n" + p.output()).isTrue();
            Thread.sleep(500);
            long lines = p.output().lines().filter(l -> l.contains(line)).count();
            System.out.println(router + ": " + lines + " log line(s) for 50 adverts of VRID 51");
            if (router.equals("keepalived")) {
                assertThat(lines).as("keepalived: a line per advert").isGreaterThanOrEqualTo(40);
            } else {
                assertThat(lines).as("javalived: rate-limited").isEqualTo(1);
            }
        } finally {
            stop(p);
        }
    }
}
