package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import io.javalived.net.netns.InNamespace;
import io.javalived.net.socket.Ipv4VrrpSocket;
import io.javalived.vrrp.packet.Advert;
import io.javalived.vrrp.packet.AdvertCodec;
import io.javalived.vrrp.packet.AuthData;
import io.javalived.vrrp.packet.AuthType;
import io.javalived.vrrp.packet.ChecksumMode;
import io.javalived.vrrp.packet.Ipv4Header;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A flood of valid, lower-priority adverts (PASS authentication is plain text, so anyone on the LAN can forge
 * them) at the master, and during it the backup's priority is raised above the master's (SIGHUP with the new
 * config). The protocol then wants one master: the flooded old master must step down within about one advert
 * interval of the new master's first advert, whatever backlog the flood left. Also: the flooded daemon's log does
 * not grow with the flood and its memory stays flat. Run with javalived on both routers and, the same test, with
 * keepalived 2.2.7 on both.
 */
@Tag("netns")
class AdvertFloodTest {
    static final int VRID = 62;
    static final String PASS = "s3cret";
    /** Packets per second the flooder aims at (it reports what it reached). */
    static final int RATE = 50_000;
    static final Duration FLOOD = Duration.ofSeconds(20);

    VrrpLab lab;

    @AfterEach
    void tearDown() {
        if (lab != null) lab.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"javalived", "keepalived"})
    void aFloodOfLowerPriorityAdvertsNeitherDelaysTheHandOverNorGrowsTheLog(String daemon) throws Exception {
        lab = VrrpLab.withKeepalived();
        boolean java = daemon.equals("javalived");
        Path a = lab.write("lb01.conf", VrrpLab.conf("lb01", 2, "MASTER", 100, "1", PASS, List.of(), null, null));
        Path bConf = lab.write("lb02.conf", VrrpLab.conf("lb02", 2, "BACKUP", 50, "1", PASS, List.of(), null, null));
        LabProcess lb01 = java ? lab.javalived("lb01", a) : lab.keepalived("lb01", a);
        LabProcess lb02 = java ? lab.javalived("lb02", bConf) : lab.keepalived("lb02", bConf);
        assertThat(lab.awaitVip("lb01", true, KeepalivedInteropTest.FIRST_MASTER)).as(lb01::output).isTrue();
        assertThat(lb02.awaitOutput("Entering BACKUP STATE", KeepalivedInteropTest.FIRST_MASTER)).as(lb02::output).isTrue();
        Thread.sleep(1500);
        int linesBefore = lines(lb01);
        List<Long> rss = new java.util.ArrayList<>();

        VrrpLab.VipWatch onLb01 = lab.watch("lb01");
        VrrpLab.VipWatch onLb02 = lab.watch("lb02");
        try (Flooder flood = Flooder.start(lab.host("client"), Inet4Address.class.cast(InetAddress.getByName("10.0.0.100")))) {
            Thread.sleep(5000);
            // Raise lb02 above lb01 while lb01 is flooded: lb02 takes over after its down timer, and lb01 must hear
            // lb02's first advert at 150 through the flood.
            Files.writeString(bConf, VrrpLab.conf("lb02", 2, "BACKUP", 150, "1", PASS, List.of(), null, null));
            lb02.signal("HUP");
            long raised = System.nanoTime();
            long added = onLb02.awaitAdded(raised, Duration.ofSeconds(10));
            if (java) {
                assertThat(added).as(() -> "lb02 (now 150) takes the VIP during the flood\n" + tail(lb02)).isPositive();
            } else {
                // keepalived's backup may already have taken the VIP before the raise: the flood can hide the master's
                // adverts from it (its log then says "Receive advertisement timeout" at priority 50). The baseline is
                // measured either way, never held to javalived's bound.
                assertThat(onLb02.addedAt.get()).as(() -> "keepalived's lb02 took the VIP\n" + tail(lb02)).isNotZero();
                if (added < 0) System.out.printf("keepalived: lb02 took the VIP %.3f s before the raise%n", -added / 1e9);
            }
            long dualStart = onLb02.addedAt.get();
            long end = System.nanoTime() + Duration.ofSeconds(12).toNanos();
            while (onLb01.removedAt.get() == 0 && System.nanoTime() < end) Thread.sleep(5);
            long removed = onLb01.removedAt.get();
            double both = removed == 0 ? Double.POSITIVE_INFINITY : (removed - dualStart) / 1e9;
            System.out.printf("%s: flood at %d packets/s; both held the VIP for %.3f s%n", daemon, flood.rate(), both);
            // lb02's first advert leaves as it adds the VIP; one advert interval (1 s) plus scheduling slack.
            // keepalived 2.2.7 is measured, not held to it: it reads the socket one advert at a time and answers
            // each forged one with an advert and five gratuitous ARPs, so the kernel drops most of what arrives,
            // lb02's adverts included (here: 6.5 s with both masters at a 42,000 packets/s flood).
            if (java) {
                assertThat(both).as(() -> daemon + ": the flooded master steps down within about one advert interval"
                        + " of the new master's first advert\n" + tail(lb01)).isLessThan(2.0);
            }
            // Memory: the daemon's resident size each second to the flood's end (before: +5 MB/s, a queue of every advert).
            while (System.nanoTime() - flood.startedAt() < FLOOD.toNanos() - 500_000_000L) {
                rss.add(rssKb(lb01));
                Thread.sleep(1000);
            }
            long sent = flood.sent();
            assertThat(sent).as("the flooder sent packets").isGreaterThan(100_000);
        }
        assertThat(lb01.isAlive()).as(() -> daemon + " lb01 survives the flood\n" + tail(lb01)).isTrue();
        assertThat(lb02.isAlive()).isTrue();
        int logged = lines(lb01) - linesBefore;
        // The heap grows to the flood's allocation rate at first; after that the size must hold: compare the last
        // sample with the one half-way between the hand-over and the end.
        long rssGrowth = rss.isEmpty() ? 0 : rss.getLast() - rss.get(rss.size() / 2);
        System.out.printf("%s: lb01 logged %d lines during the flood; RSS each second after the hand-over (kB): %s%n",
                daemon, logged, rss);
        if (java) {
            assertThat(logged).as(() -> "repeated log lines are rate-limited\n" + tail(lb01)).isLessThan(500);
            assertThat(rss).as("RSS sampled through the flood").hasSizeGreaterThanOrEqualTo(6);
            assertThat(rssGrowth).as("memory stays flat under the flood (second half of the samples)").isLessThan(4 * 1024);
            // After the flood: one master (lb02), and lb01 settles as BACKUP at once rather than after a backlog.
            assertThat(lab.awaitVip("lb01", false, Duration.ofSeconds(2))).isTrue();
            assertThat(lab.hasVip("lb02")).isTrue();
        }
    }

    static int lines(LabProcess p) {
        return (int) p.output().lines().count();
    }

    static String tail(LabProcess p) {
        List<String> l = p.output().lines().toList();
        return String.join("\n", l.subList(Math.max(0, l.size() - 40), l.size()));
    }

    /** Resident memory of the process and its descendants (keepalived forks its VRRP child), in kB. */
    static long rssKb(LabProcess p) {
        return ProcessHandle.of(p.pid()).map(h -> rss(h.pid()) + h.descendants().mapToLong(d -> rss(d.pid())).sum()).orElse(0L);
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    /** Sends forged VRRPv2 adverts (VRID 62, priority 20, PASS auth) from a lab host at {@link #RATE}, paced per 10 ms. */
    static final class Flooder implements AutoCloseable {
        private final Ipv4VrrpSocket socket;
        private final Thread thread;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong sent = new AtomicLong();
        private final long started = System.nanoTime();

        private Flooder(Ipv4VrrpSocket socket, byte[] frame, Inet4Address group) {
            this.socket = socket;
            this.thread = new Thread(() -> run(frame, group), "advert-flooder");
            thread.setDaemon(true);
            thread.start();
        }

        static Flooder start(LabHost host, Inet4Address source) throws Exception {
            Inet4Address group = (Inet4Address) InetAddress.getByName("224.0.0.18");
            Advert advert = Advert.v2(VRID, 20, AuthType.PASS, AuthData.password(PASS), 1,
                    List.of(InetAddress.getByName(VrrpLab.VIP)));
            byte[] vrrp = AdvertCodec.encode(advert, ChecksumMode.PLAIN);
            byte[] frame = Ipv4Header.frame(Ipv4Header.forAdvert(source, group, 255, 1, vrrp.length), vrrp);
            Ipv4VrrpSocket s = InNamespace.call(host.namespacePath(), () -> Ipv4VrrpSocket.open("eth0", source));
            return new Flooder(s, frame, group);
        }

        private void run(byte[] frame, Inet4Address group) {
            long perTick = RATE / 100;
            long next = System.nanoTime();
            long stopAt = started + FLOOD.toNanos();
            while (running.get() && System.nanoTime() < stopAt) {
                for (int i = 0; i < perTick; i++) {
                    try {
                        socket.send(group, frame);
                        sent.incrementAndGet();
                    } catch (RuntimeException e) {
                        // ENOBUFS under load: the flood goes on
                    }
                }
                next += 10_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        long sent() {
            return sent.get();
        }

        long startedAt() {
            return started;
        }

        long rate() {
            double s = (System.nanoTime() - started) / 1e9;
            return Math.round(sent.get() / Math.max(s, 1e-3));
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(2000);
            socket.close();
        }
    }
}
