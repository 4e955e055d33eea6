package io.javalived.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.daemon.Main;
import io.javalived.lab.ExecResult;
import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import io.javalived.lab.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In a namespace that has only {@code lo} and one veth ({@code eth9}), so nothing depends on this machine's own
 * interfaces: {@code -t} checks the host's interfaces as keepalived 2.2.7's {@code -t} does (same lines, same exit
 * code 5; keepalived run beside it), {@code --no-host-checks} skips them, and the daemon logs at start and at
 * reload exactly the KA400/KA401 lines {@code -t} prints.
 */
class DropInNamespaceTest {
    Netns lab;
    LabHost box;

    @BeforeEach
    void setUp() {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        lab = Netns.create(new Topology(List.of("lan"), List.of(new Topology.Host("box",
                List.of(new Topology.Nic("eth9", "lan", List.of("192.168.77.2/24"))), List.of(), Map.of()))));
        box = lab.host("box");
    }

    @AfterEach
    void tearDown() {
        if (lab != null) lab.close();
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private ExecResult javalived(String... args) {
        return box.exec(java(args), Duration.ofSeconds(180));
    }

    private static List<String> withCode(String output, String code) {
        return output.lines().filter(l -> l.contains(" " + code + "]")).toList();
    }

    @Test
    void minusTChecksThisHostsInterfacesAsKeepalivedDoesAndNoHostChecksSkipsThem() throws Exception {
        Path conf = Files.writeString(lab.dir().resolve("ifaces.conf"), """
                vrrp_instance VI_1 {
                    state BACKUP
                    interface nosuch0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        10.9.9.9/24
                    }
                }
                vrrp_instance VI_2 {
                    state BACKUP
                    interface eth9
                    virtual_router_id 52
                    priority 100
                    virtual_ipaddress {
                        10.9.9.8/24
                    }
                }
                """);
        ExecResult ours = javalived("-t", "-f", conf.toString());
        assertThat(ours.exitCode()).as(ours.describe()).isEqualTo(5);
        List<String> lines = withCode(ours.stderr(), "KA500");
        assertThat(lines).containsExactly(
                "(" + conf + ": Line 3) WARNING - interface nosuch0 for vrrp_instance VI_1 doesn't exist [warning KA500]",
                "Non-existent interface specified in configuration [warning KA500]");

        Assumptions.assumeTrue(box.exec("sh", "-c", "command -v keepalived").ok(), "keepalived is not installed");
        ExecResult theirs = box.exec("keepalived", "-t", "-f", conf.toString());
        assertThat(theirs.exitCode()).as("keepalived 2.2.7's exit code: " + theirs.describe()).isEqualTo(5);
        assertThat((theirs.stdout() + theirs.stderr()).lines().filter(l -> !l.isBlank()).toList()).as("keepalived's lines")
                .containsExactlyElementsOf(lines.stream().map(l -> l.replace(" [warning KA500]", "")).toList());

        ExecResult skipped = javalived("-t", "--no-host-checks", "-f", conf.toString());
        assertThat(skipped.exitCode()).as(skipped.describe()).isZero();
        assertThat(withCode(skipped.stderr(), "KA500")).isEmpty();
    }

    /**
     * A missing interface ends keepalived's VRRP checks before its script checks: no SECURITY VIOLATION for a notify
     * script without enable_script_security, exit 5 (seen on a public config: keepalived 5, javalived 6 before).
     */
    @Test
    void aMissingInterfaceStopsTheVrrpScriptChecksAsKeepalivedDoes() throws Exception {
        Path conf = Files.writeString(lab.dir().resolve("stop.conf"), """
                vrrp_instance VI_1 {
                    state BACKUP
                    interface nosuch0
                    virtual_router_id 51
                    priority 100
                    notify_master /bin/true
                    virtual_ipaddress {
                        10.9.9.9/24
                    }
                }
                """);
        ExecResult ours = javalived("-t", "-f", conf.toString());
        assertThat(ours.exitCode()).as(ours.describe()).isEqualTo(5);
        assertThat(ours.stdout() + ours.stderr()).doesNotContain("SECURITY VIOLATION");
        ExecResult present = javalived("-t", "--no-host-checks", "-f", conf.toString());
        assertThat(present.exitCode()).as("with the interface taken as present, the scripts are checked: "
                + present.describe()).isEqualTo(6);

        Assumptions.assumeTrue(box.exec("sh", "-c", "command -v keepalived").ok(), "keepalived is not installed");
        ExecResult theirs = box.exec("keepalived", "-t", "-f", conf.toString());
        assertThat(theirs.exitCode()).as("keepalived 2.2.7's exit code: " + theirs.describe()).isEqualTo(5);
        assertThat(theirs.stdout() + theirs.stderr()).doesNotContain("SECURITY VIOLATION");
    }

    @Test
    void theDaemonLogsAtStartAndAtReloadTheLinesMinusTPrints() throws Exception {
        Path dir = lab.dir();
        Path conf = Files.writeString(dir.resolve("dropin.conf"), """
                global_defs {
                    router_id box
                    disable_local_igmp
                    namespace_with_ipsets
                    enable_snmp_checker
                    dynamic_interfaces
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth9
                    virtual_router_id 51
                    priority 100
                    promote_secondaries
                    virtual_ipaddress {
                        10.9.9.9/24
                    }
                }
                virtual_server 127.0.0.1 8080 {
                    lvs_sched rr
                    lvs_method NAT
                    protocol TCP
                    snmp_name web
                    real_server 127.0.0.1 8081 {
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                }
                """);
        ExecResult test = javalived("-t", "-f", conf.toString());
        assertThat(test.exitCode()).as(test.describe()).isEqualTo(5);
        List<String> warned = withCode(test.stderr(), "KA400");
        List<String> leftOut = withCode(test.stderr(), "KA401");
        assertThat(warned).hasSize(4); // disable_local_igmp, namespace_with_ipsets, dynamic_interfaces, promote_secondaries
        assertThat(leftOut).hasSize(2);

        // The checkers only (-C, IPVS in memory): nothing reaches a kernel table, VRRP does not start.
        LabProcess daemon = box.start("javalived", java("-n", "-l", "-G", "-C", "--ipvs", "memory", "-f", conf.toString(),
                "-p", dir.resolve("d.pid").toString(), "-r", dir.resolve("d_vrrp.pid").toString(),
                "-c", dir.resolve("d_checkers.pid").toString()));
        assertThat(daemon.awaitOutput("Starting javalived", Duration.ofSeconds(120))).as(daemon.output()).isTrue();
        List<String> logged = daemon.output().lines().filter(l -> l.contains(" KA400]") || l.contains(" KA401]")).toList();
        assertThat(logged).as("the start log's lines, each ending as -t's").hasSize(warned.size() + leftOut.size());
        List<String> expected = new ArrayList<>(warned);
        expected.addAll(leftOut);
        for (String line : expected) {
            assertThat(logged).as("start log has: " + line).anyMatch(l -> l.endsWith(line));
        }

        assertThat(daemon.awaitOutput("SIGHUP reloads the configuration", Duration.ofSeconds(60))).as(daemon.output()).isTrue();
        daemon.signal("HUP");
        assertThat(daemon.awaitOutput("Reload: nothing changed", Duration.ofSeconds(60))).as(daemon.output()).isTrue();
        List<String> reloaded = daemon.output().lines().filter(l -> l.contains("reload: ") && l.contains("[KA400]")).toList();
        assertThat(reloaded).as("the reload log").hasSize(warned.size());
        for (String line : warned) {
            String message = line.substring(line.indexOf(") ") + 2, line.lastIndexOf(" [warning KA400]"));
            assertThat(reloaded).as("reload log has: " + message).anyMatch(l -> l.contains(": warning: " + message + " [KA400]"));
        }
        daemon.stop(Duration.ofSeconds(10));
    }
}
