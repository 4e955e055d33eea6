package io.javalived.daemon.anycast;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.Frr;
import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import io.javalived.lab.Topology;
import io.javalived.net.netns.InNamespace;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Anycast through FRR, end to end in namespaces: an upstream router "r" runs FRR bgpd with ECMP (maximum-paths,
 * {@code bgp bestpath as-path multipath-relax}, fib_multipath_hash_policy=1) and BFD; three directors lb01..lb03 each run
 * FRR (zebra, bgpd, bfdd: {@code redistribute kernel route-map JAVALIVED}, the route-map matching interface
 * jl-announce) and javalived ({@code -C --ipvs memory}: this kernel has no IPVS) with {@code javalived_announce} on
 * 10.0.0.3:80, whose TCP checks reach web01/web02 on a back LAN. The assertions read the router's kernel FIB
 * ({@code ip route show 10.0.0.3}): 3 next hops once every director has quorum; 2 when lb03's real servers fail (its
 * back cable pulled: its checks fail, quorum is lost, it withdraws) and 3 again when they are back; 2 after SIGTERM of
 * a director's javalived; 2 after kill -9 of its javalived alone (FRR alive: the lifeline device goes with the process,
 * and the route with it); 2 after kill -9 of every process of a director (javalived and FRR: a crashed machine);
 * and 1 when a director goes silent without a word (its uplink cable pulled: only BFD can tell, the BGP hold time is
 * 9 s). Withdrawal times are printed in the words; the bound asserted is 3 s, a third of the hold time, so a
 * pass proves the route left by the lifeline, the TCP close or BFD, never by the hold timer. Figures go in
 * BENCHMARKS.md, not in assertions.
 */
@Tag("netns")
class AnycastFrrNetnsTest {
    static final String VIP = "10.0.0.3";
    static final Duration WITHDRAWN_WITHIN = Duration.ofSeconds(3);
    static final List<String> DIRECTORS = List.of("lb01", "lb02", "lb03");

    Netns lab;
    final List<ServerSocketChannel> listeners = new ArrayList<>();
    final Map<String, Frr> frr = new TreeMap<>();
    final Map<String, LabProcess> javalived = new TreeMap<>();

    static String uplink(int n) {
        return "172.30.0." + (10 + n);
    }

    @BeforeEach
    void setUp() {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        Frr.missing().ifPresent(why -> Assumptions.abort(why));
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/net/tun")), "this kernel has no /dev/net/tun (the announce lifeline)");
        Topology.Builder t = Topology.builder().lan("north").lan("south")
                .host("r", h -> h.nic("eth0", "north", "172.30.0.1/24")
                        .sysctl("net.ipv4.ip_forward", "1").sysctl("net.ipv4.fib_multipath_hash_policy", "1"));
        for (int n = 1; n <= 3; n++) {
            int i = n;
            t.host("lb0" + n, h -> h.nic("eth0", "north", uplink(i) + "/24").nic("eth1", "south", "192.168.60." + (10 + i) + "/24"));
        }
        t.host("web01", h -> h.nic("eth0", "south", "192.168.60.21/24"));
        t.host("web02", h -> h.nic("eth0", "south", "192.168.60.22/24"));
        lab = Netns.create(t.build());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (ServerSocketChannel l : listeners) {
            l.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    void listen(String web) throws Exception {
        LabHost h = lab.host(web);
        ServerSocketChannel c = InNamespace.call(h.namespacePath(), () -> {
            ServerSocketChannel s = ServerSocketChannel.open();
            s.bind(new InetSocketAddress(h.ipv4(), 80), 64);
            return s;
        });
        listeners.add(c);
        Thread.ofPlatform().daemon().name(web + "-accept").start(() -> {
            while (c.isOpen()) {
                try (SocketChannel probe = c.accept()) {
                    // a TCP_CHECK only connects
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
    }

    static final String BFD = Frr.bfdProfile(100, 3);

    String routerBgp() {
        return Frr.ecmpRouterBgp("172.30.0.1", List.of(uplink(1), uplink(2), uplink(3)));
    }

    static String directorBgp(int n) {
        return Frr.anycastDirectorBgp(n, uplink(n), "172.30.0.1");
    }

    static String directorConf() {
        return """
                global_defs {
                    router_id anycast
                }
                virtual_server %s 80 {
                    delay_loop 1
                    lvs_sched mh
                    lvs_method DR
                    protocol TCP
                    alpha
                    javalived_announce
                    real_server 192.168.60.21 80 {
                        TCP_CHECK {
                            connect_timeout 1
                            retry 0
                        }
                    }
                    real_server 192.168.60.22 80 {
                        TCP_CHECK {
                            connect_timeout 1
                            retry 0
                        }
                    }
                }
                """.formatted(VIP);
    }

    LabProcess startJavalived(String name) throws Exception {
        Path dir = lab.dir();
        Path conf = Files.writeString(dir.resolve(name + ".conf"), directorConf());
        return lab.host(name).start("javalived", List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.javalived.daemon.Main",
                "-C", "-n", "-l", "-G", "--ipvs", "memory", "--status-listen", "off", "-f", conf.toString(),
                "-p", dir.resolve(name + ".pid").toString(), "-r", dir.resolve(name + "_vrrp.pid").toString(),
                "-c", dir.resolve(name + "_checkers.pid").toString()));
    }

    private static final Pattern VIA = Pattern.compile("via (172\\.30\\.0\\.\\d+)");

    /** The router's next hops for the VIP, read from its kernel FIB. */
    List<String> nextHops() {
        String out = lab.host("r").exec("ip", "route", "show", VIP + "/32").stdout();
        List<String> hops = new ArrayList<>();
        Matcher m = VIA.matcher(out);
        while (m.find()) hops.add(m.group(1));
        return hops.stream().sorted().toList();
    }

    /** Polls the FIB until it has {@code count} next hops; the time it took, or null after {@code limit}. */
    Duration awaitNextHops(int count, Duration limit) throws InterruptedException {
        return awaitNextHops(count, limit, System.nanoTime());
    }

    /** As above, the time counted from {@code start} (System.nanoTime()). */
    Duration awaitNextHops(int count, Duration limit, long start) throws InterruptedException {
        long end = start + limit.toNanos();
        while (System.nanoTime() < end) {
            if (nextHops().size() == count) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(5);
        }
        return nextHops().size() == count ? Duration.ofNanos(System.nanoTime() - start) : null;
    }

    String state() {
        StringBuilder b = new StringBuilder("router FIB: ").append(lab.host("r").exec("ip", "route", "show", VIP + "/32").stdout())
                .append('\n').append(frr.get("r").vtysh("show bgp ipv4 unicast")).append('\n')
                .append(frr.get("r").vtysh("show bfd peers brief")).append('\n');
        javalived.forEach((n, p) -> b.append("--- ").append(n).append(" javalived\n").append(p.output()));
        return b.toString();
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.2f", d.toNanos() / 1e9);
    }

    @Test
    void theVipHasANextHopPerHealthyDirectorAndLosesTheOnesThatFail() throws Exception {
        listen("web01");
        listen("web02");
        frr.put("r", Frr.start(lab.host("r"), lab.dir(), routerBgp(), BFD));
        for (int n = 1; n <= 3; n++) {
            frr.put("lb0" + n, Frr.start(lab.host("lb0" + n), lab.dir(), directorBgp(n), BFD));
        }
        for (String d : DIRECTORS) {
            javalived.put(d, startJavalived(d));
        }

        assertThat(awaitNextHops(3, Duration.ofSeconds(90))).as("3 next hops once every director has quorum\n" + state())
                .isNotNull();
        assertThat(nextHops()).containsExactly(uplink(1), uplink(2), uplink(3));
        assertThat(lab.host("lb01").exec("ip", "route", "show", "proto", "200").stdout())
                .contains(VIP + " dev jl-announce scope link");
        assertThat(frr.get("r").vtysh("show bfd peers brief")).as("BFD up to each director").contains(uplink(1), uplink(2), uplink(3));

        // lb03's real servers fail (from where it stands: its back cable is pulled): quorum lost, it withdraws
        long pulled = System.nanoTime();
        lab.host("lb03").unplug("eth1");
        Duration rsDown = awaitNextHops(2, Duration.ofSeconds(20), pulled);
        assertThat(rsDown).as("lb03 withdraws when its real servers fail\n" + state()).isNotNull();
        assertThat(nextHops()).containsExactly(uplink(1), uplink(2));
        System.out.println("real servers down on lb03: route withdrawn in " + seconds(rsDown) + " s");
        lab.host("lb03").plug("eth1");
        Duration rsBack = awaitNextHops(3, Duration.ofSeconds(20));
        assertThat(rsBack).as("lb03 announces again when they are back\n" + state()).isNotNull();
        System.out.println("real servers back on lb03: route announced in " + seconds(rsBack) + " s");

        // a clean stop of lb03's javalived withdraws (its FRR keeps running)
        long term = System.nanoTime();
        javalived.get("lb03").signal("TERM");
        Duration stopped = awaitNextHops(2, WITHDRAWN_WITHIN, term);
        assertThat(stopped).as("SIGTERM of lb03's javalived withdraws\n" + state()).isNotNull();
        assertThat(nextHops()).containsExactly(uplink(1), uplink(2));
        System.out.println("javalived stopped on lb03: route withdrawn in " + seconds(stopped) + " s");
        javalived.put("lb03", startJavalived("lb03"));
        assertThat(awaitNextHops(3, Duration.ofSeconds(60))).as("lb03 back after its restart\n" + state()).isNotNull();

        // kill -9 of lb03's javalived alone (its FRR lives on): the kernel deletes the lifeline device and the route
        long lone = System.nanoTime();
        javalived.get("lb03").killGroup();
        Duration orphan = awaitNextHops(2, WITHDRAWN_WITHIN, lone);
        assertThat(orphan).as("kill -9 of lb03's javalived alone withdraws (the lifeline)\n" + state()).isNotNull();
        assertThat(lab.host("lb03").exec("ip", "route", "show", "proto", "200").stdout()).isBlank();
        System.out.println("javalived killed (-9) on lb03, FRR alive: route withdrawn in " + seconds(orphan) + " s");
        javalived.put("lb03", startJavalived("lb03"));
        assertThat(awaitNextHops(3, Duration.ofSeconds(60))).as("lb03 back after the crash\n" + state()).isNotNull();

        // kill -9 of every process of lb02: javalived and its FRR (a crashed machine)
        long crash = System.nanoTime();
        javalived.get("lb02").killGroup();
        frr.get("lb02").killAll();
        Duration killed = awaitNextHops(2, WITHDRAWN_WITHIN, crash);
        assertThat(killed).as("kill -9 of lb02 withdraws within " + WITHDRAWN_WITHIN + "\n" + state()).isNotNull();
        assertThat(nextHops()).containsExactly(uplink(1), uplink(3));
        System.out.println("next hops: 3 before, 2 after kill -9 of lb02 (withdrawn in " + seconds(killed) + " s)");

        // lb01 goes silent: its uplink cable is pulled, no TCP close, no withdrawal: only BFD can tell the router
        long cut = System.nanoTime();
        lab.host("lb01").unplug("eth0");
        Duration silent = awaitNextHops(1, WITHDRAWN_WITHIN, cut);
        assertThat(silent).as("lb01 silent: BFD takes its next hop away well within the 9 s hold time\n" + state()).isNotNull();
        assertThat(nextHops()).containsExactly(uplink(3));
        System.out.println("next hops: 2 before, 1 after lb01 went silent (BFD, withdrawn in " + seconds(silent) + " s)");
    }
}
