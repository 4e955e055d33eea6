package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * static_ipaddress/static_routes/static_rules and virtual_routes/virtual_rules against the kernel, javalived and
 * keepalived 2.2.7 each run through the same steps on lb01 (the seed's namespaces), `ip` as the observer: statics at
 * start, the instance's routes and rules on MASTER, gone again when a higher-priority keepalived on lb02 takes over
 * (statics stay), everything gone at stop. The kernel's tables must read the same for both at every step. Then
 * {@code -s NAME} / {@code net_namespace}: javalived started outside the lab moves into lb01's namespace before it
 * opens a socket, and a missing namespace is an error that names it.
 */
@Tag("netns")
@Tag("keepalived")
class RoutesNetnsTest extends WithKeepalivedLab {
    static final String CONF = """
            global_defs {
                router_id lb01
            }
            static_ipaddress {
                10.0.9.1/32 dev eth0
            }
            static_routes {
                10.50.0.0/16 via 10.0.0.254 dev eth0
                blackhole 10.51.0.0/16
            }
            static_rules {
                from 10.52.0.0/16 table 52 priority 5200
            }
            vrrp_instance VI_1 {
                state BACKUP
                interface eth0
                virtual_router_id 61
                priority 100
                advert_int 1
                virtual_ipaddress {
                    10.0.0.3/24
                }
                virtual_routes {
                    10.60.0.0/16 via 10.0.0.254 dev eth0 table 60
                    src 10.0.0.3 10.61.0.0/16 dev eth0 metric 7
                }
                virtual_rules {
                    from 10.0.0.3 table 60 priority 6000
                    to 10.62.0.0/16 fwmark 7 table 60 priority 6001
                }
            }
            """;
    static final String PEER = """
            vrrp_instance VI_1 {
                state BACKUP
                interface eth0
                virtual_router_id 61
                priority 200
                advert_int 1
                virtual_ipaddress {
                    10.0.0.3/24
                }
            }
            """;


    /** What the kernel has of this test's entries in lb01: addresses, routes (every table) and rules. */
    static List<String> kernel(LabHost h) {
        List<String> out = new ArrayList<>();
        h.exec("ip", "-o", "-4", "addr", "show", "dev", "eth0").stdout().lines()
                .filter(l -> l.contains(" 10.0.9.1/") || l.contains(" 10.0.0.3/"))
                .map(l -> "addr " + l.trim().split("\\s+")[3]).forEach(out::add);
        h.exec("ip", "-4", "route", "show", "table", "all").stdout().lines()
                .filter(l -> l.matches("^((blackhole|unreachable|prohibit) )?10\\.(5[01]|6[01])\\..*")).map(l -> "route " + l.trim()).sorted()
                .forEach(out::add);
        h.exec("ip", "-4", "rule", "show").stdout().lines().filter(l -> l.contains("lookup 52") || l.contains("lookup 60"))
                .map(l -> "rule " + l.trim().replace('\t', ' ')).forEach(out::add);
        return out;
    }

    static final List<String> STATICS = List.of("addr 10.0.9.1/32",
            "route 10.50.0.0/16 via 10.0.0.254 dev eth0 proto keepalived",
            "route blackhole 10.51.0.0/16 proto keepalived",
            "rule 5200: from 10.52.0.0/16 lookup 52 proto keepalived");

    static boolean awaitKernel(LabHost h, Predicate<List<String>> ok, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (ok.test(kernel(h))) return true;
            Thread.sleep(50);
        }
        return ok.test(kernel(h));
    }

    /** Runs one router on lb01 through the steps; the kernel's tables at each. */
    Map<String, List<String>> steps(String who, BiFunction<String, Path, LabProcess> start) throws Exception {
        LabHost lb01 = lab.host("lb01");
        Map<String, List<String>> seen = new LinkedHashMap<>();
        Path conf = lab.write(who + ".conf", CONF);
        LabProcess router = start.apply("lb01", conf);
        LabProcess peer = null;
        try {
            assertThat(awaitKernel(lb01, k -> k.containsAll(STATICS), Duration.ofSeconds(90)))
                    .as(who + " installs the static entries at start: " + kernel(lb01) + "\n" + router.output()).isTrue();
            seen.put("start", kernel(lb01).stream().filter(STATICS::contains).toList());
            List<String> atStart = kernel(lb01);
            // Only meaningful while it is still BACKUP: under load the snapshot may come after Master_Down_Interval
            // (both daemons log the transition before they add the VIP and the routes).
            if (!router.output().contains("Entering MASTER STATE")) {
                assertThat(atStart).as(who + ": BACKUP at start, no virtual route or rule yet")
                        .noneMatch(l -> l.contains("10.6") || l.contains("lookup 60") || l.contains("10.0.0.3/"));
            }

            assertThat(awaitKernel(lb01, k -> k.stream().anyMatch(l -> l.startsWith("rule 6001")), Duration.ofSeconds(30)))
                    .as(who + " becomes MASTER and adds its virtual routes and rules: " + kernel(lb01) + "\n" + router.output())
                    .isTrue();
            seen.put("master", kernel(lb01));

            peer = lab.keepalived("lb02", lab.write(who + "-peer.conf", PEER));
            assertThat(awaitKernel(lb01, k -> k.stream().noneMatch(l -> l.contains("10.0.0.3/")), Duration.ofSeconds(30)))
                    .as(who + " gives way to the priority-200 peer: " + kernel(lb01)).isTrue();
            assertThat(awaitKernel(lb01, k -> k.equals(STATICS), Duration.ofSeconds(10)))
                    .as(who + " removed its virtual routes and rules on leaving MASTER, statics stay: " + kernel(lb01))
                    .isTrue();
            seen.put("backup", kernel(lb01));

            router.stop(Duration.ofSeconds(20));
            seen.put("stopped", kernel(lb01));
        } finally {
            router.stop(Duration.ofSeconds(5));
            if (peer != null) peer.stop(Duration.ofSeconds(5));
        }
        return seen;
    }

    @Test
    void staticEntriesAtStartVirtualRoutesAndRulesOnMasterOnlyAsKeepalivedDoes() throws Exception {
        Map<String, List<String>> ours = steps("javalived", (h, c) -> lab.javalived(h, c));
        assertThat(ours.get("master")).containsAll(STATICS).contains(
                "addr 10.0.0.3/24",
                "route 10.60.0.0/16 via 10.0.0.254 dev eth0 table 60 proto keepalived",
                "rule 6000: from 10.0.0.3 lookup 60 proto keepalived",
                "rule 6001: from all to 10.62.0.0/16 fwmark 0x7 lookup 60 proto keepalived");
        assertThat(ours.get("master")).anySatisfy(l -> assertThat(l)
                .startsWith("route 10.61.0.0/16 dev eth0 proto keepalived").contains("src 10.0.0.3").contains("metric 7"));
        assertThat(ours.get("stopped")).as("javalived removes the static entries at stop, as keepalived does").isEmpty();

        Map<String, List<String>> theirs = steps("keepalived", (h, c) -> lab.keepalived(h, c));
        assertThat(ours).as("the kernel's tables at each step, javalived beside keepalived 2.2.7").isEqualTo(theirs);
    }

    /** Static entries alone (no vrrp_instance): VRRP still runs to keep them, as keepalived's VRRP process does. */
    @Test
    void staticEntriesWithoutAnyInstanceAreKeptWhileTheDaemonRuns() throws Exception {
        LabHost lb01 = lab.host("lb01");
        String statics = CONF.substring(0, CONF.indexOf("vrrp_instance"));
        LabProcess router = lab.javalived("lb01", lab.write("statics.conf", statics));
        try {
            assertThat(awaitKernel(lb01, k -> k.equals(STATICS), Duration.ofSeconds(90)))
                    .as(kernel(lb01) + "\n" + router.output()).isTrue();
        } finally {
            router.stop(Duration.ofSeconds(20));
        }
        assertThat(kernel(lb01)).as(router.output()).isEmpty();
    }

    private List<String> javaMain(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.javalived.daemon.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Started on the host itself (outside the lab): -s / net_namespace must move it into lb01 before any socket. */
    private Process onHost(List<String> cmd, Path log) throws Exception {
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void stop(Process p) throws InterruptedException {
        if (p.isAlive()) {
            p.destroy(); // SIGTERM to this PID
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
        }
        p.waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void minusSAndNetNamespaceMoveTheDaemonIntoTheNamespaceBeforeItOpensASocket() throws Exception {
        LabHost lb01 = lab.host("lb01");
        Path dir = lab.lab.dir();
        String hostRoutesBefore = hostRoutes();
        for (String how : List.of("-s", "net_namespace")) {
            String conf = how.equals("-s") ? CONF : CONF.replace("global_defs {", "global_defs {\n    net_namespace "
                    + lb01.namespace());
            Path file = lab.write("ns-" + how + ".conf", conf);
            List<String> args = new ArrayList<>(List.of("-n", "-l", "-D", "-f", file.toString(),
                    "-p", dir.resolve(how + ".pid").toString(), "-r", dir.resolve(how + "_vrrp.pid").toString(),
                    "-c", dir.resolve(how + "_checkers.pid").toString()));
            if (how.equals("-s")) args.addAll(List.of("-s", lb01.namespace()));
            Path log = dir.resolve("ns-" + how + ".log");
            Process p = onHost(javaMain(args.toArray(String[]::new)), log);
            try {
                assertThat(awaitKernel(lb01, k -> k.stream().anyMatch(l -> l.startsWith("rule 6001")),
                        Duration.ofSeconds(90))).as(how + ": MASTER in lb01 with its routes: " + kernel(lb01) + "\n"
                        + java.nio.file.Files.readString(log, StandardCharsets.UTF_8)).isTrue();
                assertThat(kernel(lb01)).containsAll(STATICS).contains("addr 10.0.0.3/24");
                assertThat(java.nio.file.Files.readString(log, StandardCharsets.UTF_8))
                        .contains("Running in network namespace " + lb01.namespace());
                assertThat(hostRoutes()).as(how + ": nothing reached the host's own tables").isEqualTo(hostRoutesBefore);
            } finally {
                stop(p);
            }
            assertThat(kernel(lb01)).as(how + ": all removed at stop").isEmpty();
        }
    }

    /**
     * A reload (SIGHUP) of a MASTER: the static and virtual entries the new file drops are removed, the new ones
     * added, the unchanged ones not touched (their kernel objects are the same ones), VRRP state kept.
     */
    @Test
    void aReloadRemovesTheEntriesGoneAddsTheNewOnesAndLeavesTheOthers() throws Exception {
        LabHost lb01 = lab.host("lb01");
        Path conf = lab.write("reload.conf", CONF);
        LabProcess router = lab.javalived("lb01", conf);
        try {
            assertThat(awaitKernel(lb01, k -> k.stream().anyMatch(l -> l.startsWith("rule 6001")), Duration.ofSeconds(90)))
                    .as(kernel(lb01) + "\n" + router.output()).isTrue();
            assertThat(router.awaitOutput("SIGHUP reloads the configuration", Duration.ofSeconds(30))).isTrue();
            java.nio.file.Files.writeString(conf, CONF
                    .replace("blackhole 10.51.0.0/16", "unreachable 10.51.0.0/16")
                    .replace("from 10.52.0.0/16 table 52 priority 5200", "from 10.52.0.0/16 table 52 priority 5201")
                    .replace("src 10.0.0.3 10.61.0.0/16 dev eth0 metric 7", "src 10.0.0.3 10.61.0.0/16 dev eth0 metric 8")
                    .replace("        to 10.62.0.0/16 fwmark 7 table 60 priority 6001\n", ""));
            router.signal("HUP");
            assertThat(router.awaitOutput("Reload applied", Duration.ofSeconds(60))).as(router.output()).isTrue();
            List<String> after = kernel(lb01);
            assertThat(after).as(router.output()).containsExactlyInAnyOrder(
                    "addr 10.0.9.1/32", "addr 10.0.0.3/24",
                    "route 10.50.0.0/16 via 10.0.0.254 dev eth0 proto keepalived",
                    "route 10.60.0.0/16 via 10.0.0.254 dev eth0 table 60 proto keepalived",
                    "route 10.61.0.0/16 dev eth0 proto keepalived scope link src 10.0.0.3 metric 8".replace(" scope link", ""),
                    "route unreachable 10.51.0.0/16 proto keepalived",
                    "rule 5201: from 10.52.0.0/16 lookup 52 proto keepalived",
                    "rule 6000: from 10.0.0.3 lookup 60 proto keepalived");
            assertThat(router.output()).contains("(VI_1) configuration reloaded; staying MASTER")
                    .contains("virtual_routes: [10.60.0.0/16 via 10.0.0.254 dev eth0 table 60, src 10.0.0.3 10.61.0.0/16 dev eth0 "
                            + "metric 7] -> [10.60.0.0/16 via 10.0.0.254 dev eth0 table 60, src 10.0.0.3 10.61.0.0/16 dev eth0 metric 8]")
                    .contains("(VI_1) rule removed: to 10.62.0.0/16 fwmark 7 table 60 priority 6001")
                    .contains("static route 'blackhole 10.51.0.0/16' removed")
                    .doesNotContain("static route '10.50.0.0/16 via 10.0.0.254 dev eth0' removed");
        } finally {
            router.stop(Duration.ofSeconds(20));
        }
        assertThat(kernel(lb01)).isEmpty();
    }

    private static String hostRoutes() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "ip -4 route show table all | grep -E '10\\.(5[01]|6[01])\\.'; "
                + "ip -4 addr show | grep -E '10\\.0\\.(9\\.1|0\\.3)/'; ip rule show | grep -E 'lookup (52|60)'")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    @Test
    void aMissingNamespaceIsAnErrorThatNamesItAsKeepalivedSaysIt() throws Exception {
        Path dir = lab.lab.dir();
        String name = "javalived-no-such-ns-" + ProcessHandle.current().pid();
        Path file = lab.write("missing.conf", CONF);
        Path log = dir.resolve("missing.log");
        Process p = onHost(javaMain("-n", "-l", "-f", file.toString(), "-s", name,
                "-p", dir.resolve("m.pid").toString(), "-r", dir.resolve("m_vrrp.pid").toString(),
                "-c", dir.resolve("m_checkers.pid").toString()), log);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("javalived exits non-zero (keepalived 2.2.7 exits 0): " + out).isEqualTo(1);
        assertThat(out).contains("Unable to set network namespace " + name + " - exiting: /run/netns/" + name
                + " does not exist (create it with 'ip netns add " + name + "')");
        assertThat(out).doesNotContain("Exception").doesNotContain("\tat ");

        Process k = new ProcessBuilder("keepalived", "-n", "-l", "-f", file.toString(), "-s", name,
                "-p", dir.resolve("k.pid").toString(), "-r", dir.resolve("k_vrrp.pid").toString(),
                "-c", dir.resolve("k_checkers.pid").toString()).redirectErrorStream(true).start();
        String theirs = new String(k.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(k.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(theirs).contains("Failed to open /run/netns/" + name)
                .contains("Unable to set network namespace " + name + " - exiting");
        assertThat(k.exitValue()).as("keepalived 2.2.7's exit status, for the record").isZero();
    }
}
