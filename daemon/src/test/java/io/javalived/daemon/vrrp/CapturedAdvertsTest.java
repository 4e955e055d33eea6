package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import io.javalived.vrrp.packet.Advert;
import io.javalived.vrrp.packet.AdvertCodec;
import io.javalived.vrrp.packet.ChecksumMode;
import io.javalived.vrrp.packet.Decoded;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.packet.Ipv4Header;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same config run by keepalived 2.2.7 and by javalived, adverts captured on the wire (tcpdump on lb02):
 * every VRRP field and the IP header fields keepalived sets (TOS, TTL, protocol, addresses, no DF, length)
 * decode the same; only the IP identification differs.
 */
@Tag("netns")
@Tag("keepalived")
class CapturedAdvertsTest {
    VrrpLab lab;

    @BeforeEach
    void setUp() {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "keepalived is not installed");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")), "tcpdump is not installed (apt-get install tcpdump)");
        lab = new VrrpLab();
    }

    @AfterEach
    void tearDown() {
        if (lab != null) lab.close();
    }

    record Captured(Ipv4Header ip, byte[] vrrp, Advert advert) {}

    @ParameterizedTest
    @CsvSource({"2, 1, s3cret", "3, 0.1, -"})
    void keepalivedAndJavalivedAdvertsDecodeToTheSameFields(int version, String advertInt, String pass) throws Exception {
        Path conf = lab.write("owner.conf", VrrpLab.conf("lb01", version, "MASTER", 255, advertInt,
                pass.equals("-") ? null : pass, List.of(), null,
                "  virtual_ipaddress_excluded {\n    10.0.0.200/32\n  }\n").replace(
                "    10.0.0.3/24 dev eth0 label eth0:0\n", "    10.0.0.3/24 dev eth0 label eth0:0\n    10.0.0.4/24 dev eth0\n"));
        Captured fromKeepalived = capture(() -> lab.keepalived("lb01", conf), "ka");
        Captured fromJavalived = capture(() -> lab.javalived("lb01", conf), "jl");

        assertThat(fromJavalived.advert()).isEqualTo(fromKeepalived.advert());
        assertThat(fromJavalived.vrrp()).as("identical VRRP bytes, checksum included").isEqualTo(fromKeepalived.vrrp());
        Ipv4Header k = fromKeepalived.ip();
        Ipv4Header j = fromJavalived.ip();
        assertThat(j.tos()).isEqualTo(k.tos()).isEqualTo(0xC0);
        assertThat(j.ttl()).isEqualTo(k.ttl()).isEqualTo(255);
        assertThat(j.protocol()).isEqualTo(k.protocol()).isEqualTo(112);
        assertThat(j.source()).isEqualTo(k.source());
        assertThat(j.destination()).isEqualTo(k.destination());
        assertThat(j.totalLength()).isEqualTo(k.totalLength());
        assertThat(j.flagsFragment()).isEqualTo(k.flagsFragment()).isZero();
        assertThat(j.identification()).isNotZero();
        assertThat(fromKeepalived.advert().addresses()).hasSize(2); // excluded VIPs are not advertised
        if (version == 3) {
            assertThat(AdvertCodec.checksumValid(fromJavalived.vrrp(), 0, fromJavalived.vrrp().length,
                    new ChecksumMode.Ipv4Pseudo(j.source(), j.destination()))).isTrue();
        }
    }

    interface Starter {
        LabProcess start() throws Exception;
    }

    private Captured capture(Starter starter, String tag) throws Exception {
        Path pcap = lab.lab.dir().resolve(tag + ".pcap");
        LabProcess dump = lab.host("lb02").start("tcpdump-" + tag, List.of("tcpdump", "-U", "-n", "-i", "eth0", "-c", "3",
                "-w", pcap.toString(), "ip proto 112"));
        Thread.sleep(700);
        LabProcess router = starter.start();
        assertThat(dump.waitFor(Duration.ofSeconds(30))).as(tag + " sent adverts; " + router.output()).isPresent();
        router.signal("TERM");
        router.waitFor(Duration.ofSeconds(10));
        List<byte[]> frames = pcapFrames(Files.readAllBytes(pcap));
        assertThat(frames).isNotEmpty();
        byte[] frame = frames.getFirst();
        byte[] ipBytes = Arrays.copyOfRange(frame, 14, frame.length);
        Ipv4Header ip = Ipv4Header.decode(ipBytes, ipBytes.length);
        byte[] vrrp = Arrays.copyOfRange(ipBytes, ip.headerLength(), ip.totalLength());
        Advert a = ((Decoded.Ok) AdvertCodec.decode(vrrp, 0, vrrp.length, IpFamily.IPV4)).advert();
        return new Captured(ip, vrrp, a);
    }

    /** The frames of a classic pcap file (either byte order, microsecond or nanosecond magic). */
    static List<byte[]> pcapFrames(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) b.order(ByteOrder.BIG_ENDIAN);
        List<byte[]> out = new ArrayList<>();
        int p = 24;
        while (p + 16 <= file.length) {
            int incl = b.getInt(p + 8);
            if (p + 16 + incl > file.length) break;
            out.add(Arrays.copyOfRange(file, p + 16, p + 16 + incl));
            p += 16 + incl;
        }
        return out;
    }
}
