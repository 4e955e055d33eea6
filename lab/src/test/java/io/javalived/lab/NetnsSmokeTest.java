package io.javalived.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The seed topology on the host kernel: hosts reach each other through the bridge and nothing else; teardown is total. */
@Tag("netns")
class NetnsSmokeTest {

    @BeforeAll
    static void needNamespaces() {
        var a = Netns.availability();
        assumeTrue(a.available(), a.reason());
        assumeTrue(Commands.onPath("busybox"), "busybox is not installed (apt-get install busybox-static); it provides ping");
    }

    @Test
    void seedHostsPingThroughTheBridgeAndTeardownLeavesNothing() {
        Netns lab = Netns.seed();
        List<String> namespaces = lab.namespaces();
        LabProcess sleeper;
        long escapedPid;
        try {
            assertThat(namespaces).hasSize(6).allMatch(n -> n.startsWith("jl-" + ProcessHandle.current().pid() + "-"));
            LabHost lb01 = lab.host("lb01");
            assertThat(lb01.exec("ip", "-o", "addr", "show", "dev", "eth0").orThrow().stdout())
                    .contains("10.0.0.5/24").contains("fd00::5/64");

            for (String target : List.of("10.0.0.6", "10.0.0.7", "10.0.0.8", "10.0.0.100")) {
                assertThat(lb01.exec("busybox", "ping", "-c", "1", "-W", "2", target).describe())
                        .contains("exited with 0");
            }
            assertThat(lab.host("client").exec("busybox", "ping", "-6", "-c", "1", "-W", "2", "fd00::8").describe())
                    .contains("exited with 0");

            // no way out: no default route anywhere, and an address outside the lab is unreachable
            for (LabHost h : lab.hosts()) {
                assertThat(h.exec("ip", "route", "show", "default").orThrow().stdout()).isBlank();
            }
            var out = lab.host("web01").exec("busybox", "ping", "-c", "1", "-W", "1", "10.0.1.1");
            assertThat(out.exitCode()).isNotZero();

            // a tracked background process, and a grandchild that leaves its session
            sleeper = lab.host("web02").start("sleeper", List.of("sh", "-c", "echo ready; exec sleep 600"));
            assertThat(sleeper.awaitOutput("ready", Duration.ofSeconds(10))).isTrue();
            lab.host("web02").execOrThrow("sh", "-c", "setsid sleep 601 >/dev/null 2>&1 < /dev/null &");
            assertThat(lab.host("web02").pids()).contains(sleeper.pid()).hasSizeGreaterThanOrEqualTo(2);
            escapedPid = lab.host("web02").pids().stream().filter(p -> p != sleeper.pid()).findFirst().orElseThrow();
        } finally {
            lab.close();
        }
        assertThat(sleeper.isAlive()).isFalse();
        assertThat(ProcessHandle.of(escapedPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        for (String ns : namespaces) {
            assertThat(Path.of("/run/netns", ns)).doesNotExist();
        }
        var list = Commands.run(List.of("ip", "netns", "list"), Duration.ofSeconds(10)).stdout();
        assertThat(namespaces).noneMatch(list::contains);
        assertThat(lab.dir()).doesNotExist();
    }

    @Test
    void lansMayBeNamedLikeIpKeywords() {
        // "link set up up" made ip read the second "up" as the device's state, not its name
        var t = Topology.builder().lan("up").lan("a")
                .host("h1", h -> h.nic("eth0", "up", "10.0.9.1/24").nic("eth1", "a", "10.0.10.1/24"))
                .host("h2", h -> h.nic("eth0", "up", "10.0.9.2/24").nic("eth1", "a", "10.0.10.2/24"))
                .build();
        try (Netns lab = Netns.create(t)) {
            LabHost h1 = lab.host("h1");
            assertThat(h1.exec("busybox", "ping", "-c", "1", "-W", "2", "10.0.9.2").exitCode()).isZero();
            assertThat(h1.exec("busybox", "ping", "-c", "1", "-W", "2", "10.0.10.2").exitCode()).isZero();
        }
    }

    @Test
    void unpluggingACableCutsTheHostOffAndShowsNoCarrier() {
        try (Netns lab = Netns.seed()) {
            LabHost lb02 = lab.host("lb02");
            LabHost lb01 = lab.host("lb01");
            assertThat(lb01.exec("busybox", "ping", "-c", "1", "-W", "2", "10.0.0.6").exitCode()).isZero();
            lb02.unplug("eth0");
            assertThat(lb02.exec("ip", "link", "show", "eth0").orThrow().stdout()).contains("NO-CARRIER");
            assertThat(lb01.exec("busybox", "ping", "-c", "1", "-W", "1", "10.0.0.6").exitCode()).isNotZero();
            lb02.plug("eth0");
            assertThat(lb02.exec("ip", "link", "show", "eth0").orThrow().stdout()).doesNotContain("NO-CARRIER");
            assertThat(lb01.exec("busybox", "ping", "-c", "1", "-W", "2", "10.0.0.6").exitCode()).isZero();
        }
    }

    @Test
    void directRoutingRealServerTakesTheVipOnLoopbackWithoutArp() {
        try (Netns lab = Netns.seed()) {
            LabHost web01 = lab.host("web01");
            web01.directRoutingRealServer(Topology.SEED_VIP);
            assertThat(web01.exec("ip", "-o", "addr", "show", "dev", "lo").orThrow().stdout()).contains("10.0.0.3/32");
            assertThat(web01.exec("sysctl", "-n", "net.ipv4.conf.eth0.arp_ignore").orThrow().stdout().strip()).isEqualTo("1");
            assertThat(web01.exec("sysctl", "-n", "net.ipv4.conf.all.arp_announce").orThrow().stdout().strip()).isEqualTo("2");
            // nobody answers ARP for the VIP, so the client cannot reach it directly
            assertThat(lab.host("client").exec("busybox", "ping", "-c", "1", "-W", "1", Topology.SEED_VIP).exitCode())
                    .isNotZero();
        }
    }

    @Test
    void namespacesOfADeadLabAreReapedButLiveOnesAreNot() throws Exception {
        // a JVM that died without its shutdown hook: a finished process's pid in the name
        var dead = new ProcessBuilder("true").start();
        dead.waitFor();
        long deadPid = dead.pid();
        assumeTrue(ProcessHandle.of(deadPid).isEmpty(), "pid " + deadPid + " was reused at once");
        String orphan = "jl-" + deadPid + "-0bad-lb01";
        Commands.run(List.of("ip", "netns", "add", orphan), Duration.ofSeconds(10)).orThrow();
        var sleeper = new ProcessBuilder("ip", "netns", "exec", orphan, "sleep", "600").start();
        try (Netns live = Netns.seed()) {
            // creating a lab reaped the orphan (and killed what ran inside it), not the live lab
            assertThat(Path.of("/run/netns", orphan)).doesNotExist();
            assertThat(sleeper.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(Netns.reapOrphans()).isEmpty();
            assertThat(live.namespaces()).allMatch(ns -> Files.exists(Path.of("/run/netns", ns)));
        } finally {
            sleeper.destroyForcibly();
            if (Files.exists(Path.of("/run/netns", orphan))) {
                Commands.run(List.of("ip", "netns", "delete", orphan), Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void natLabRealServersUseTheDirectorAsGateway() {
        try (Netns lab = Netns.create(Topology.natLab())) {
            LabHost web01 = lab.host("web01");
            assertThat(web01.exec("ip", "route", "show", "default").orThrow().stdout())
                    .contains("via " + Topology.NAT_DIP + " dev eth0");
            assertThat(lab.host("lb01").exec("sysctl", "-n", "net.ipv4.ip_forward").orThrow().stdout().strip())
                    .isEqualTo("1");
            // the director's front address is reachable from the real server only through its gateway route
            assertThat(web01.exec("busybox", "ping", "-c", "1", "-W", "2", "172.20.10.11").describe())
                    .contains("exited with 0");
            assertThat(lab.host("client").exec("busybox", "ping", "-c", "1", "-W", "2", "172.20.10.11").describe())
                    .contains("exited with 0");
            // the client has no route to the real servers' LAN
            assertThat(lab.host("client").exec("busybox", "ping", "-c", "1", "-W", "1", "192.168.56.12").exitCode())
                    .isNotZero();
            assertThat(Files.exists(lab.host("web02").namespacePath())).isTrue();
        }
    }
}
