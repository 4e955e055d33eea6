package io.javalived.daemon.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import io.javalived.net.netns.InNamespace;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ha_suspend on the host kernel's own addresses: this build (checkers only, {@code --ipvs memory}: this kernel has no
 * IPVS) in lb01 of the seed topology follows lb01's addresses over rtnetlink, and web01's listener (a socket opened in
 * web01's namespace) counts the TCP_CHECK connections that arrive. No VIP on lb01: no probe; {@code ip addr add} of the
 * VIP: probes arrive; {@code ip addr del}: they stop.
 *
 * <p>Timing: delay_loop 1 and warmup 1 (its default), so a running check connects at least once a second; 3 s without
 * a connection means it does not run. Once the VIP is added the first probe comes within warmup plus the daemon's
 * reaction to the event: 10 s allowed (2 shared cores, the daemon's JVM at C1 only).
 */
@Tag("netns")
class HaSuspendNetnsTest {

    static final Duration SILENCE = Duration.ofSeconds(3);

    Netns lab;
    ServerSocketChannel listener;
    final AtomicInteger accepted = new AtomicInteger();
    Thread acceptor;

    @BeforeEach
    void setUp() {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        lab = Netns.seed();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (listener != null) {
            listener.close();
            acceptor.join(1000);
        }
        if (lab != null) {
            lab.close();
        }
    }

    void listenOnWeb01() throws Exception {
        LabHost web01 = lab.host("web01");
        listener = InNamespace.call(web01.namespacePath(), () -> {
            ServerSocketChannel c = ServerSocketChannel.open();
            c.bind(new InetSocketAddress(web01.ipv4(), 80), 64);
            return c;
        });
        acceptor = Thread.ofPlatform().daemon().name("web01-accept").start(() -> {
            while (listener.isOpen()) {
                try (SocketChannel probe = listener.accept()) {
                    accepted.incrementAndGet();
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
    }

    LabProcess daemon(Path conf) {
        Path dir = lab.dir();
        return lab.host("lb01").start("javalived", List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.javalived.daemon.Main",
                "-C", "-n", "-l", "-G", "--ipvs", "memory", "--status-listen", "off", "-f", conf.toString(),
                "-p", dir.resolve("lb01.pid").toString(), "-r", dir.resolve("lb01_vrrp.pid").toString(),
                "-c", dir.resolve("lb01_checkers.pid").toString()));
    }

    /** The count once it has not moved for {@link #SILENCE}. */
    int quietCount() throws InterruptedException {
        int before;
        do {
            before = accepted.get();
            Thread.sleep(SILENCE.toMillis());
        } while (accepted.get() != before);
        return before;
    }

    boolean awaitProbe(int after, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (accepted.get() > after) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void theVipArrivingOnTheHostStartsTheVirtualServersChecksAndLeavingStopsThem() throws Exception {
        listenOnWeb01();
        Path conf = Files.writeString(lab.dir().resolve("lb01.conf"), """
                virtual_server 10.0.0.3 80 {
                    delay_loop 1
                    lvs_sched wrr
                    lvs_method DR
                    protocol TCP
                    ha_suspend
                    real_server 10.0.0.7 80 {
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                }
                """);
        LabHost lb01 = lab.host("lb01");
        LabProcess daemon = daemon(conf);
        assertThat(daemon.awaitOutput("Deactivating healthchecker TCP_CHECK for service [10.0.0.7]:tcp:80",
                Duration.ofSeconds(60))).as(daemon.output()).isTrue();
        Thread.sleep(SILENCE.toMillis());
        assertThat(accepted.get()).as("no probe while 10.0.0.3 is not on lb01\n" + daemon.output()).isZero();

        lb01.execOrThrow("ip", "addr", "add", "10.0.0.3/24", "dev", "eth0", "label", "eth0:0");
        assertThat(awaitProbe(0, Duration.ofSeconds(10))).as("a probe reaches web01 once the VIP is on lb01\n" + daemon.output())
                .isTrue();
        assertThat(daemon.output()).contains("Activating healthchecker TCP_CHECK for service [10.0.0.7]:tcp:80");
        assertThat(awaitProbe(accepted.get(), Duration.ofSeconds(5))).as("and they go on (delay_loop 1)").isTrue();

        lb01.execOrThrow("ip", "addr", "del", "10.0.0.3/24", "dev", "eth0");
        assertThat(daemon.awaitOutput("Suspending healthchecker TCP_CHECK for service [10.0.0.7]:tcp:80",
                Duration.ofSeconds(10))).as(daemon.output()).isTrue();
        int stopped = quietCount();
        Thread.sleep(SILENCE.toMillis());
        assertThat(accepted.get()).as("no probe after the VIP left lb01").isEqualTo(stopped);

        lb01.execOrThrow("ip", "addr", "add", "10.0.0.3/24", "dev", "eth0");
        assertThat(awaitProbe(stopped, Duration.ofSeconds(10))).as("back again with the VIP\n" + daemon.output()).isTrue();

        daemon.signal("TERM");
        assertThat(daemon.waitFor(Duration.ofSeconds(20))).as(daemon.output()).isPresent();
    }
}
