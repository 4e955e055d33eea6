package io.javalived.daemon.reload;

import static io.javalived.daemon.reload.LiveReloads.count;
import static io.javalived.daemon.reload.LiveReloads.ipvsKernelCalls;
import static io.javalived.daemon.reload.LiveReloads.moved;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.javalived.daemon.Prerequisites;

/**
 * SIGHUP against live daemons in the seed topology: lb01 (this build, VRRP MASTER, checkers on the in-memory IPVS
 * kernel since this host's kernel has none: {@code -Djavalived.ipvs=memory}, every kernel call logged as
 * {@code IPVS: ...} and counted on /metrics as {@code javalived_ipvs_kernel_calls_total}) and lb02 (VRRP BACKUP). web01 and web02 serve HTTP and are checked with TCP_CHECK. lb01's
 * addresses are watched with {@code ip monitor address} during every reload. Shows: 50 unchanged reloads under
 * client traffic move nothing and call nothing; a VIP added to the MASTER appears while the existing one never
 * disappears and neither daemon changes state; one weight changed, one real server removed and one added make
 * exactly those three calls; a broken file leaves everything as it runs. {@link ReloadVmTest} proves the
 * same against the real kernel's IPVS in the lab VM.
 */
@Tag("netns")
class LiveReloadTest {
    Netns lab;
    LabProcess lb01;
    LabProcess lb02;
    LabProcess monitor;
    Path conf;

    static String config(int priority, String vips, String realServers) {
        return """
                global_defs {
                    router_id lb
                }
                vrrp_instance VI_1 {
                    state %s
                    interface eth0
                    virtual_router_id 62
                    priority %d
                    advert_int 1
                    authentication {
                        auth_type PASS
                        auth_pass 1234
                    }
                    virtual_ipaddress {
                %s
                    }
                }
                virtual_server 10.0.0.3 80 {
                    delay_loop 1
                    lb_algo wrr
                    lb_kind NAT
                    protocol TCP
                %s
                }
                """.formatted(priority > 60 ? "MASTER" : "BACKUP", priority, vips, realServers);
    }

    static String rs(String address, int port, int weight) {
        return """
                    real_server %s %d {
                        weight %d
                        TCP_CHECK {
                            connect_timeout 1
                            retry 1
                            delay_before_retry 1
                        }
                    }
                """.formatted(address, port, weight);
    }

    static final String VIP3 = "        10.0.0.3/24 dev eth0 label eth0:0";
    static final String VIP4 = "        10.0.0.4/24 dev eth0";
    static final String WEBS = rs("10.0.0.7", 80, 1) + rs("10.0.0.8", 80, 1);

    LabProcess daemon(LabHost host, Path file, String name, String... extra) {
        return LiveReloads.daemon(lab, host, System.getProperty("java.class.path"), List.of("-Djavalived.ipvs=memory"),
                file, name, extra);
    }

    @BeforeEach
    void setUp() throws Exception {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        Prerequisites.assumeBusyboxHttpd();
        lab = Netns.seed();
        Files.writeString(lab.dir().resolve("index.html"), "ok\n");
        for (String web : List.of("web01", "web02")) {
            lab.host(web).start("httpd80", List.of("busybox", "httpd", "-f", "-p", "80", "-h", lab.dir().toString()));
        }
        lab.host("web02").start("httpd8080", List.of("busybox", "httpd", "-f", "-p", "8080", "-h", lab.dir().toString()));
        conf = Files.writeString(lab.dir().resolve("lb01.conf"), config(100, VIP3, WEBS));
        Path conf2 = Files.writeString(lab.dir().resolve("lb02.conf"), config(50, VIP3, WEBS));
        lb01 = daemon(lab.host("lb01"), conf, "lb01");
        lb02 = daemon(lab.host("lb02"), conf2, "lb02", "-P", "--status-listen", "off");
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    static String reload(LabProcess p) throws InterruptedException {
        return LiveReloads.reload(p, Duration.ofSeconds(10));
    }

    List<String> addresses() {
        return LiveReloads.addresses(lab.host("lb01"));
    }

    @Test
    void aChangedConfigurationAppliesExactlyItsDifferences() throws Exception {
        assertThat(lb01.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(30))).as(lb01.output()).isTrue();
        assertThat(lb02.awaitOutput("Entering BACKUP STATE", Duration.ofSeconds(30))).as(lb02.output()).isTrue();
        assertThat(lb01.awaitOutput("health checks started", Duration.ofSeconds(10))).as(lb01.output()).isTrue();
        assertThat(lb01.awaitOutput("SIGHUP reloads the configuration", Duration.ofSeconds(20))).as(lb01.output()).isTrue();
        Thread.sleep(2500); // every TCP_CHECK has found its server up: the table is steady
        assertThat(lb01.output()).contains("IPVS: add real server 10.0.0.7:80", "IPVS: add real server 10.0.0.8:80")
                .doesNotContain("IPVS: remove real server");
        assertThat(lb01.awaitOutput("status endpoint listening", Duration.ofSeconds(10))).as(lb01.output()).isTrue();
        long ipvsCalls = count(lb01, "IPVS: ");
        Map<String, Long> kernelCalls = ipvsKernelCalls(lab.host("lb01"));
        assertThat(moved(Map.of(), kernelCalls)).as("the table's calls at start")
                .isEqualTo(Map.of("add_service", 1L, "add_destination", 2L));
        long lb01States = count(lb01, "Entering ");
        long lb02States = count(lb02, "Entering ");
        monitor = lab.host("lb01").start("ip-monitor", List.of("ip", "-o", "monitor", "address"));
        Thread.sleep(300);

        // Client traffic to a server on the VIP during 50 unchanged reloads.
        LabProcess web = lab.host("lb01").start("httpd-vip", List.of("busybox", "httpd", "-f", "-p", "10.0.0.3:8080", "-h",
                lab.dir().toString()));
        Thread.sleep(300);
        ClientTraffic client = ClientTraffic.start(lab.host("client"), "10.0.0.3", 8080, "/index.html",
                r -> r.status() == 200 && r.body().equals("ok\n"), Duration.ofMillis(50));
        for (int i = 0; i < 50; i++) {
            assertThat(reload(lb01)).contains("Reload: nothing changed");
        }
        client.stop();
        web.stop(Duration.ofSeconds(2));
        assertThat(client.failures()).as("failed client requests during 50 unchanged reloads").isEmpty();
        assertThat(client.ok()).isPositive();
        assertThat(count(lb01, "IPVS: ")).as("IPVS calls during 50 unchanged reloads").isEqualTo(ipvsCalls);
        assertThat(ipvsKernelCalls(lab.host("lb01"))).as("kernel calls during 50 unchanged reloads").isEqualTo(kernelCalls);

        // A VIP added to the MASTER: it appears, 10.0.0.3 never goes, nobody changes state.
        Files.writeString(conf, config(100, VIP3 + "\n" + VIP4, WEBS));
        String log = reload(lb01);
        assertThat(log).contains("Reload applied", "VIP 10.0.0.4/24", "added by reload").doesNotContain("Entering ");
        assertThat(addresses()).contains("10.0.0.3/24", "10.0.0.4/24");
        Thread.sleep(4000); // longer than lb02's Master_Down_Interval: a missed advert would show as a takeover
        assertThat(count(lb01, "Entering ")).as("lb01 state changes").isEqualTo(lb01States);
        assertThat(count(lb02, "Entering ")).as("lb02 state changes").isEqualTo(lb02States);
        assertThat(count(lb01, "IPVS: ")).as("no IPVS call for a VIP change").isEqualTo(ipvsCalls);
        assertThat(monitor.output()).as("ip monitor on lb01").contains("10.0.0.4/24")
                .doesNotContain("Deleted")
                .satisfies(o -> assertThat(o.lines().filter(l -> l.contains("10.0.0.3/24"))).isEmpty());

        // One weight changed, one real server removed, one added: exactly three IPVS calls.
        Files.writeString(conf, config(100, VIP3 + "\n" + VIP4, rs("10.0.0.7", 80, 3) + rs("10.0.0.8", 8080, 1)));
        log = reload(lb01);
        assertThat(log).contains("Reload applied");
        Thread.sleep(2500); // the kept check and the new one have probed again: no further call
        List<String> calls = lb01.output().lines().filter(l -> l.contains("IPVS: ")).skip(ipvsCalls).toList();
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0)).contains("IPVS: remove real server 10.0.0.8:80");
        assertThat(calls.get(1)).contains("IPVS: set real server 10.0.0.7:80", "weight 3");
        assertThat(calls.get(2)).contains("IPVS: add real server 10.0.0.8:8080", "weight 1");
        Map<String, Long> edited = ipvsKernelCalls(lab.host("lb01"));
        assertThat(moved(kernelCalls, edited)).as("kernel calls of the edit")
                .isEqualTo(Map.of("delete_destination", 1L, "edit_destination", 1L, "add_destination", 1L));
        assertThat(count(lb01, "Entering ")).isEqualTo(lb01States);

        // A broken file: refused, nothing touched.
        String good = Files.readString(conf);
        Files.writeString(conf, good.replace("virtual_server 10.0.0.3 80 {", "virtual_server 10.0.0.3 80 {\n    lb_algo"));
        Files.writeString(conf, Files.readString(conf).substring(0, Files.readString(conf).lastIndexOf('}')));
        log = reload(lb01);
        assertThat(log).contains("Reload refused", conf + ":");
        Thread.sleep(1500);
        assertThat(lb01.isAlive()).isTrue();
        assertThat(count(lb01, "IPVS: ")).isEqualTo(ipvsCalls + 3);
        assertThat(ipvsKernelCalls(lab.host("lb01"))).as("kernel calls of a refused reload").isEqualTo(edited);
        assertThat(addresses()).contains("10.0.0.3/24", "10.0.0.4/24");
        assertThat(monitor.output()).doesNotContain("Deleted");
        assertThat(count(lb02, "Entering ")).isEqualTo(lb02States);

        // The same file fixed again: applies cleanly against what runs (nothing changed).
        Files.writeString(conf, good);
        assertThat(reload(lb01)).contains("Reload: nothing changed");
    }
}
