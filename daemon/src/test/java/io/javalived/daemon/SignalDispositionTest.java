package io.javalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every signal the daemon handles works whatever disposition it inherited: started under {@code nohup} (SIGHUP
 * ignored) or by a parent that ignores them all ({@code trap '' ...} survives exec), HUP still reloads, USR1,
 * USR2 and URG still write their dumps, TERM and INT still stop it gracefully. keepalived 2.2.7, started the same
 * ways in a namespace, reloads on HUP and stops on TERM too.
 */
class SignalDispositionTest {
    /** The signals the daemon handles (Daemon: HUP, TERM, INT; DumpSignals: USR1, USR2, URG) and their numbers. */
    static final Map<String, Integer> HANDLED = Map.of("HUP", 1, "INT", 2, "USR1", 10, "USR2", 12, "TERM", 15, "URG", 23);
    static final String IGNORE_ALL = "trap '' HUP INT TERM USR1 USR2 URG; exec \"$@\"";

    @Test
    void underNohupHupReloadsTheDumpsAreWrittenAndTermStops(@TempDir Path dir) throws Exception {
        exercise(dir, List.of("nohup"), "TERM", 143);
    }

    @Test
    void withEverySignalIgnoredByTheParentEachStillWorksAndIntStops(@TempDir Path dir) throws Exception {
        exercise(dir, List.of("bash", "-c", IGNORE_ALL, "parent"), "INT", 130);
    }

    @Test
    void withEverySignalIgnoredByTheParentTermStops(@TempDir Path dir) throws Exception {
        exercise(dir, List.of("bash", "-c", IGNORE_ALL, "parent"), "TERM", 143);
    }

    private static void exercise(Path dir, List<String> wrapper, String stopSignal, int stopCode) throws Exception {
        try (ServerSocket real = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             HostDaemon d = HostDaemon.start(dir, Files.writeString(dir.resolve("keepalived.conf"), conf(dir, real.getLocalPort())),
                     wrapper, List.of("--status-listen", "off"))) {
            d.await("dump signals: [SIGUSR1, SIGUSR2, SIGURG]", Duration.ofSeconds(60));
            d.await("Checkers started", Duration.ofSeconds(30));
            long ignored = d.signalMask("SigIgn");
            for (var e : HANDLED.entrySet()) {
                assertThat(ignored & (1L << (e.getValue() - 1))).as("SIG%s still ignored in the daemon", e.getKey()).isZero();
            }

            d.signal("HUP");
            d.await("Reloading the configuration", Duration.ofSeconds(20));
            d.await(() -> d.count("Reload: nothing changed") == 1, Duration.ofSeconds(20), "the reload's outcome");
            for (String[] dump : new String[][]{{"USR1", "k.data"}, {"USR2", "k.stats"}, {"URG", "k.json"}}) {
                d.signal(dump[0]);
                d.await(() -> Files.exists(dir.resolve(dump[1])), Duration.ofSeconds(20), "the dump " + dump[1] + " on SIG" + dump[0]);
            }
            assertThat(d.isAlive()).isTrue();

            d.signal(stopSignal);
            assertThat(d.exitCode(Duration.ofSeconds(30))).as("exit on SIG%s; output:%n%s", stopSignal, String.join("\n", d.lines()))
                    .isEqualTo(stopCode);
            assertThat(d.count("Stopped javalived")).isEqualTo(1);
            assertThat(dir.resolve("p.pid")).doesNotExist();
            assertThat(d.lines()).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception"));
        }
    }

    static String conf(Path dir, int realPort) {
        return """
                global_defs {
                    router_id signals
                    state_dump_file %s
                    stats_dump_file %s
                    json_dump_file %s
                }
                """.formatted(dir.resolve("k.data"), dir.resolve("k.stats"), dir.resolve("k.json"))
                + HostDaemon.loopbackVirtualServer(realPort, "");
    }

    /** keepalived 2.2.7 through the same starts, in a namespace (VRRP only: the host has no IPVS). */
    @Test
    @Tag("netns")
    @Tag("keepalived")
    void keepalivedReloadsOnHupAndStopsOnTermUnderNohupAndWithEverySignalIgnored() throws Exception {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "keepalived is not installed (apt-get install keepalived)");
        try (Netns lab = Netns.seed()) {
            Path conf = Files.writeString(lab.dir().resolve("ka.conf"), """
                    global_defs {
                        router_id ka_signals
                    }
                    vrrp_instance VI_1 {
                        state BACKUP
                        interface eth0
                        virtual_router_id 62
                        priority 100
                        advert_int 1
                        virtual_ipaddress {
                            10.0.0.3/24 dev eth0
                        }
                    }
                    """);
            int serial = 0;
            for (List<String> wrapper : List.of(List.of("nohup"), List.of("bash", "-c", IGNORE_ALL, "parent"))) {
                String tag = "ka" + (++serial);
                List<String> cmd = new ArrayList<>(wrapper);
                cmd.addAll(List.of("keepalived", "-n", "-l", "-D", "-P", "-f", conf.toString(),
                        "-p", lab.dir().resolve(tag + ".pid").toString(), "-r", lab.dir().resolve(tag + "_vrrp.pid").toString(),
                        "-c", lab.dir().resolve(tag + "_checkers.pid").toString()));
                LabProcess ka = lab.host("lb01").start(tag, cmd);
                assertThat(ka.awaitOutput("Startup complete", Duration.ofSeconds(20))).as(ka.output()).isTrue();
                ka.signal("HUP");
                assertThat(ka.awaitOutput("Reloading", Duration.ofSeconds(20))).as("keepalived %s reloads on HUP: %s", wrapper, ka.output()).isTrue();
                ka.signal("TERM");
                assertThat(ka.waitFor(Duration.ofSeconds(20))).as("keepalived %s stops on TERM: %s", wrapper, ka.output()).isPresent();
                assertThat(ka.output()).contains("Stopped Keepalived");
            }
        }
    }
}
