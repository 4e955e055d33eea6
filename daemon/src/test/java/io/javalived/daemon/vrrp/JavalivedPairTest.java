package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two javalived daemons in the seed topology: the seed's configs verbatim, a v3 pair, notify scripts and a tracker. */
@Tag("netns")
class JavalivedPairTest {
    static final Duration FIRST_MASTER = KeepalivedInteropTest.FIRST_MASTER;
    VrrpLab lab;

    @BeforeEach
    void setUp() {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        lab = new VrrpLab();
    }

    @AfterEach
    void tearDown() {
        if (lab != null) lab.close();
    }

    static Path repo() {
        return Path.of(System.getProperty("javalived.repo", "..")).toAbsolutePath().normalize();
    }

    /**
     * The seed's lb01/lb02 configs, verbatim (typo included). keepalived 2.2.7 runs them with no VIP (the typo's
     * brace ends the instance early); javalived's parser recovers the block, so the VIP 10.0.0.3/24 label eth0:0
     * is configured, and neither side has authentication (the misspelt block is skipped on both).
     */
    @Test
    void seedConfigsGiveTheVipToLb01AndFailOverToLb02() throws Exception {
        Path lb01conf = repo().resolve("examples/lb01/keepalived.conf");
        Path lb02conf = repo().resolve("examples/lb02/keepalived.conf");
        Assumptions.assumeTrue(Files.isReadable(lb01conf), "examples/ not found from " + repo());
        LabProcess lb01 = lab.javalived("lb01", lb01conf);
        LabProcess lb02 = lab.javalived("lb02", lb02conf);
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).as("lb01 (priority 100) holds the VIP").isTrue();
        assertThat(lab.host("lb01").exec("ip", "-4", "-o", "addr", "show", "dev", "eth0").stdout())
                .contains("10.0.0.3/24").contains("eth0:0");
        assertThat(lb02.awaitOutput("Entering BACKUP STATE", FIRST_MASTER)).isTrue();
        Thread.sleep(2000);
        // Steady state: lb02 is BACKUP. (On a machine starved of CPU a JVM can miss 3 adverts and flap, as
        // keepalived does there too; the steady state is what counts.)
        assertThat(lab.awaitVip("lb02", false, Duration.ofSeconds(10)))
                .as(() -> "lb02 settles in BACKUP\n" + lb01.output() + "\n" + lb02.output()).isTrue();
        assertThat(lab.hasVip("lb01")).isTrue();

        lb01.killGroup();
        assertThat(lab.awaitVip("lb02", true, Duration.ofSeconds(6))).as("lb02 takes over after kill -9 of lb01").isTrue();
        lab.dropVip("lb01");

        LabProcess lb01b = lab.javalived("lb01", lb01conf);
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).as("lb01 preempts back").isTrue();
        assertThat(lab.awaitVip("lb02", false, Duration.ofSeconds(3))).isTrue();

        lb01b.signal("TERM");
        assertThat(lab.awaitVip("lb02", true, Duration.ofSeconds(3))).as("graceful stop: lb02 within skew time").isTrue();
        assertThat(lb01b.waitFor(Duration.ofSeconds(10))).as("lb01 exits after SIGTERM").isPresent();
        assertThat(lab.hasVip("lb01")).as("lb01 removed its VIP on stop").isFalse();
        assertThat(lb01b.output()).contains("Entering STOP STATE (from MASTER): shutdown");
    }

    @Test
    void v3PairWithNotifyScriptsAndAScriptTrackerThatHandsOver() throws Exception {
        Path dir = lab.lab.dir();
        Path notify = script(dir.resolve("notify.sh"), "#!/bin/sh\necho \"$@\" >> " + dir.resolve("notify-$(hostname).log") + "\n");
        Path flag = dir.resolve("healthy");
        Files.writeString(flag, "ok");
        Path check = script(dir.resolve("check.sh"), "#!/bin/sh\ntest -f " + flag + "\n");
        String scripts = "vrrp_script chk {\n  script \"" + check + "\"\n  interval 1\n  weight -60\n}\n";
        String extra = "  track_script {\n    chk\n  }\n  notify " + notify + "\n  notify_master \"" + notify + " became-master\"\n";
        Path a = lab.write("a.conf", scripts + VrrpLab.conf("lb01", 3, "MASTER", 100, "0.2", null, List.of(), null, extra));
        Path b = lab.write("b.conf", VrrpLab.conf("lb02", 3, "BACKUP", 50, "0.2", null, List.of(), null, null));
        LabProcess lb01 = lab.javalived("lb01", a);
        LabProcess lb02 = lab.javalived("lb02", b);
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).as(() -> lb01.output()).isTrue();
        assertThat(lb02.awaitOutput("Entering BACKUP STATE", FIRST_MASTER)).as(() -> lb02.output()).isTrue();
        Path log = dir.resolve("notify-" + lab.host("lb01").exec("hostname").stdout().trim() + ".log");
        assertThat(awaitContains(log, "INSTANCE VI_1 MASTER 100")).as("generic notify with keepalived's 4 arguments").isTrue();
        assertThat(awaitContains(log, "became-master")).as("notify_master with its own arguments").isTrue();

        Files.delete(flag); // the check fails: 100 - 60 = 40 < 50, lb02 preempts
        assertThat(lab.awaitVip("lb02", true, Duration.ofSeconds(10)))
                .as(() -> "lb02 preempts the weakened lb01\n" + lb01.output() + "\n" + lb02.output()).isTrue();
        assertThat(lab.awaitVip("lb01", false, Duration.ofSeconds(2))).isTrue();
        assertThat(lb01.output()).contains("Changing effective priority from 100 to 40");
        assertThat(awaitContains(log, "INSTANCE VI_1 BACKUP 40")).isTrue();

        Files.writeString(flag, "ok");
        assertThat(lab.awaitVip("lb01", true, Duration.ofSeconds(10))).as("lb01 recovers its priority and preempts back").isTrue();
    }

    /** track_interface through rtnetlink: the master's own interface goes down (FAULT), then up again (preempt back). */
    @Test
    void masterInterfaceDownIsAFaultAndUpAgainPreemptsBack() throws Exception {
        LabProcess lb01 = lab.javalived("lb01", lab.write("a.conf", VrrpLab.conf("lb01", 3, "MASTER", 100, "0.2", null, List.of(), null, null)));
        LabProcess lb02 = lab.javalived("lb02", lab.write("b.conf", VrrpLab.conf("lb02", 3, "BACKUP", 50, "0.2", null, List.of(), null, null)));
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).as(() -> lb01.output()).isTrue();
        assertThat(lb02.awaitOutput("Entering BACKUP STATE", FIRST_MASTER)).isTrue();

        lab.host("lb01").execOrThrow("ip", "link", "set", "eth0", "down");
        assertThat(lb01.awaitOutput("Entering FAULT STATE (from MASTER): interface eth0 is down", Duration.ofSeconds(5)))
                .as(() -> lb01.output()).isTrue();
        assertThat(lab.awaitVip("lb01", false, Duration.ofSeconds(2))).as("FAULT removes the VIPs").isTrue();
        assertThat(lab.awaitVip("lb02", true, Duration.ofSeconds(5))).isTrue();

        lab.host("lb01").execOrThrow("ip", "link", "set", "eth0", "up");
        assertThat(lb01.awaitOutput("Entering BACKUP STATE (from FAULT)", Duration.ofSeconds(5))).as(() -> lb01.output()).isTrue();
        assertThat(lab.awaitVip("lb01", true, Duration.ofSeconds(10))).as("lb01 preempts back").isTrue();
        assertThat(lab.awaitVip("lb02", false, Duration.ofSeconds(3))).isTrue();
    }

    /**
     * keepalived's start-up rules on the real kernel, one daemon with three instances: on an interface without
     * IFF_MULTICAST a multicast instance is in FAULT until the flag is back; unicast_fault_no_peer without peers is
     * FAULT; an instance tracking a weight-0 vrrp_script waits in INIT until the script's first result.
     */
    @Test
    void noMulticastUnicastFaultNoPeerAndAnInitPendingScript() throws Exception {
        Path conf = lab.write("rules.conf", """
                global_defs {
                  router_id lb01
                  vrrp_version 3
                }
                vrrp_script slow {
                  script "/bin/sh -c 'sleep 1.5'"
                  interval 5
                  weight 0
                }
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 62
                  priority 100
                  advert_int 0.1
                  virtual_ipaddress {
                    10.0.0.3/24
                  }
                }
                vrrp_instance VI_2 {
                  interface eth0
                  virtual_router_id 63
                  priority 100
                  advert_int 0.1
                  unicast_fault_no_peer
                  virtual_ipaddress {
                    10.0.0.4/24
                  }
                }
                vrrp_instance VI_3 {
                  interface eth0
                  virtual_router_id 64
                  priority 100
                  advert_int 0.1
                  unicast_src_ip 10.0.0.5
                  unicast_peer {
                    10.0.0.6
                  }
                  track_script {
                    slow
                  }
                  virtual_ipaddress {
                    10.0.0.9/24
                  }
                }
                """);
        var lb01 = lab.host("lb01");
        lb01.execOrThrow("ip", "link", "set", "eth0", "multicast", "off");
        LabProcess jl = lab.javalived("lb01", conf);
        assertThat(jl.awaitOutput("(VI_1) Entering FAULT STATE (from INIT): fault at start: interface eth0 has no "
                + "IFF_MULTICAST and the instance has no unicast_peer", FIRST_MASTER)).as(() -> jl.output()).isTrue();
        assertThat(jl.awaitOutput("(VI_2) Entering FAULT STATE (from INIT): fault at start: no unicast peers "
                + "(unicast_fault_no_peer)", Duration.ofSeconds(3))).as(() -> jl.output()).isTrue();
        assertThat(jl.awaitOutput("(VI_3) staying in INIT: waiting for the first result of script slow",
                Duration.ofSeconds(3))).as(() -> jl.output()).isTrue();
        assertThat(jl.awaitOutput("(VI_3) Entering BACKUP STATE (from INIT): start, tracked vrrp_scripts have reported",
                Duration.ofSeconds(5))).as(() -> jl.output()).isTrue();
        String log = jl.output();
        assertThat(log.indexOf("(VI_3) Entering BACKUP STATE") - log.indexOf("(VI_3) staying in INIT")).isPositive();
        assertThat(jl.awaitOutput("(VI_3) Entering MASTER STATE", Duration.ofSeconds(3))).isTrue();
        assertThat(lab.hasVip("lb01")).as("VI_1 holds nothing while in FAULT").isFalse();

        lb01.execOrThrow("ip", "link", "set", "eth0", "multicast", "on");
        assertThat(jl.awaitOutput("(VI_1) Entering BACKUP STATE (from FAULT)", Duration.ofSeconds(3))).as(() -> jl.output()).isTrue();
        assertThat(lab.awaitVip("lb01", true, Duration.ofSeconds(3))).as("VI_1 becomes MASTER once multicast is back").isTrue();
        assertThat(jl.output()).doesNotContain("(VI_2) Entering BACKUP");
    }

    private static Path script(Path p, String body) throws Exception {
        Files.writeString(p, body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static boolean awaitContains(Path file, String text) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                if (Files.exists(file) && Files.readString(file).contains(text)) return true;
            } catch (java.io.IOException ignored) {
                // being written
            }
            Thread.sleep(50);
        }
        return false;
    }
}
