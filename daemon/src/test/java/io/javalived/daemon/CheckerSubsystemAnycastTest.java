package io.javalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.daemon.anycast.InMemoryRouteAnnouncer;
import io.javalived.ipvs.memory.InMemoryIpvsDriver;
import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.model.KeepalivedConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * javalived_announce wired as the daemon wires it: real TCP checks against a server on loopback, the in-memory kernel and
 * the in-memory announcer. The address is announced once the checks give the virtual server quorum, withdrawn when its
 * real server dies, and withdrawn at stop.
 */
class CheckerSubsystemAnycastTest {
    @TempDir
    Path dir;

    DaemonOptions options() {
        return new DaemonOptions(dir.resolve("keepalived.conf"), true, true, false, false, false,
                dir.resolve("p.pid"), dir.resolve("v.pid"), dir.resolve("c.pid"), Optional.empty());
    }

    KeepalivedConfig config(int port, String announce) throws Exception {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, """
                virtual_server 127.0.0.1 %d {
                    delay_loop 1
                    lvs_sched mh
                    lvs_method NAT
                    protocol TCP
                    alpha
                    %s
                    real_server 127.0.0.2 %d {
                        TCP_CHECK {
                            connect_timeout 1
                            retry 0
                        }
                    }
                }
                """.formatted(port, announce, port));
        return KeepalivedParser.parse(file).config();
    }

    static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    @Test
    void announcedWithQuorumWithdrawnWhenTheRealServerDiesAndAtStop() throws Exception {
        InMemoryRouteAnnouncer routes = new InMemoryRouteAnnouncer();
        InetAddress vip = InetAddress.getByName("127.0.0.1");
        ServerSocket web = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"));
        int port = web.getLocalPort();
        CheckerSubsystem s = (CheckerSubsystem) CheckerSubsystem.create(config(port, "javalived_announce"), options(), null,
                InMemoryIpvsDriver::new).orElseThrow();
        s.announceThrough(() -> routes);
        try {
            s.start();
            assertThat(routes.announced()).as("alpha: no quorum before the first check").isEmpty();
            assertThat(await(() -> routes.announced().equals(Set.of(vip)), Duration.ofSeconds(10)))
                    .as("announced once the check passes").isTrue();
            web.close();
            assertThat(await(() -> routes.announced().isEmpty(), Duration.ofSeconds(10)))
                    .as("withdrawn when the only real server fails").isTrue();
            web = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.2"));
            assertThat(await(() -> routes.announced().equals(Set.of(vip)), Duration.ofSeconds(10)))
                    .as("announced again when it is back").isTrue();
        } finally {
            s.stop();
            web.close();
        }
        assertThat(routes.announced()).as("withdrawn at stop").isEmpty();
    }

    @Test
    void aReloadThatAddsTheKeywordAnnouncesAndOneThatDropsItWithdraws() throws Exception {
        InMemoryRouteAnnouncer routes = new InMemoryRouteAnnouncer();
        InetAddress vip = InetAddress.getByName("127.0.0.1");
        try (ServerSocket web = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"))) {
            int port = web.getLocalPort();
            KeepalivedConfig plain = config(port, "");
            CheckerSubsystem s = (CheckerSubsystem) CheckerSubsystem.create(plain, options(), null, InMemoryIpvsDriver::new)
                    .orElseThrow();
            s.announceThrough(() -> routes);
            try {
                s.start();
                KeepalivedConfig announcing = config(port, "javalived_announce");
                var plan = io.javalived.daemon.reload.ReloadPlanner.plan(plain, announcing);
                assertThat(plan.changes()).as("the keyword is a change of the virtual server's settings").isNotEmpty();
                assertThat(s.handles(plan.changes().getFirst())).isTrue();
                s.apply(announcing, plan);
                assertThat(await(() -> routes.announced().equals(Set.of(vip)), Duration.ofSeconds(10)))
                        .as("announced after the reload that asks for it").isTrue();
                s.apply(plain, io.javalived.daemon.reload.ReloadPlanner.plan(announcing, plain));
                assertThat(await(() -> routes.announced().isEmpty(), Duration.ofSeconds(5)))
                        .as("withdrawn after the reload that drops it").isTrue();
            } finally {
                s.stop();
            }
        }
    }

    @Test
    void withoutTheKeywordNothingIsAnnounced() throws Exception {
        InMemoryRouteAnnouncer routes = new InMemoryRouteAnnouncer();
        try (ServerSocket web = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"))) {
            CheckerSubsystem s = (CheckerSubsystem) CheckerSubsystem.create(config(web.getLocalPort(), ""), options(), null,
                    InMemoryIpvsDriver::new).orElseThrow();
            s.announceThrough(() -> routes);
            s.start();
            Thread.sleep(1500);
            assertThat(routes.announced()).isEmpty();
            s.stop();
        }
    }

    @Test
    void anAnnouncerTheKernelRefusesLeavesTheCheckersRunning() throws Exception {
        try (ServerSocket web = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"))) {
            CheckerSubsystem s = (CheckerSubsystem) CheckerSubsystem.create(config(web.getLocalPort(), "javalived_announce"),
                    options(), null, InMemoryIpvsDriver::new).orElseThrow();
            s.announceThrough(() -> {
                throw new IllegalStateException("tun device jl-announce is held by another process");
            });
            s.start();
            assertThat(s.checks()).hasValueSatisfying(c -> assertThat(c.runningChecks()).isEqualTo(1));
            s.stop();
        }
    }
}
