package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** VRRPv3 over IPv6 (ff02::12, link-local sources) between javalived and keepalived 2.2.7, both roles. */
@Tag("netns")
@Tag("keepalived")
class Ipv6InteropTest {
    VrrpLab lab;

    @BeforeEach
    void setUp() {
        lab = VrrpLab.withKeepalived();
    }

    @AfterEach
    void tearDown() {
        if (lab != null) lab.close();
    }

    static String conf(String id, String state, int prio) {
        return """
                global_defs {
                  router_id %s
                }
                vrrp_instance VI_6 {
                  state %s
                  interface eth0
                  virtual_router_id 66
                  priority %d
                  advert_int 0.2
                  virtual_ipaddress {
                    fd00::3/64 dev eth0
                  }
                }
                """.formatted(id, state, prio);
    }

    boolean hasVip6(String host) {
        return lab.host(host).exec("ip", "-6", "-o", "addr", "show", "dev", "eth0").stdout().contains(" fd00::3/64");
    }

    boolean await(String host, boolean present, Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            if (hasVip6(host) == present) return true;
            Thread.sleep(20);
        }
        return hasVip6(host) == present;
    }

    @Test
    void javalivedMasterKeepalivedBackupThenTheReverse() throws Exception {
        LabProcess jl = lab.javalived("lb01", lab.write("jl.conf", conf("lb01", "MASTER", 100)));
        LabProcess ka = lab.keepalived("lb02", lab.write("ka.conf", conf("lb02", "BACKUP", 50)));
        assertThat(await("lb01", true, KeepalivedInteropTest.FIRST_MASTER)).as(jl.output()).isTrue();
        Thread.sleep(1500);
        assertThat(await("lb02", false, Duration.ofSeconds(10))).as("keepalived accepts javalived's IPv6 adverts").isTrue();
        assertThat(KeepalivedInteropTest.lastState(ka.output())).isEqualTo("BACKUP");
        jl.killGroup();
        assertThat(await("lb02", true, Duration.ofSeconds(3))).as("keepalived takes over").isTrue();
        lab.host("lb01").exec("ip", "-6", "addr", "del", "fd00::3/64", "dev", "eth0");

        LabProcess jl2 = lab.javalived("lb01", lab.write("jl2.conf", conf("lb01", "BACKUP", 40)));
        assertThat(jl2.awaitOutput("Entering BACKUP STATE", KeepalivedInteropTest.FIRST_MASTER)).isTrue();
        Thread.sleep(2000);
        assertThat(await("lb01", false, Duration.ofSeconds(10))).as("javalived accepts keepalived's IPv6 adverts and stays BACKUP").isTrue();
        assertThat(jl2.output()).doesNotContain("advert dropped");
        LabProcess na = lab.host("lb02").start("tcpdump-na", java.util.List.of("tcpdump", "-l", "-n", "-v", "-i", "eth0",
                "-c", "1", "icmp6 and ip6[40] == 136 and src fd00::3"));
        Thread.sleep(700);
        ka.signal("TERM");
        assertThat(await("lb01", true, Duration.ofSeconds(3))).as("javalived takes over on keepalived's priority 0").isTrue();
        assertThat(na.waitFor(Duration.ofSeconds(5))).as("an unsolicited NA for the VIP was seen").isPresent();
        assertThat(na.output()).contains("neighbor advertisement").contains("tgt is fd00::3").contains("hlim 255")
                .contains("Flags [override]");
    }
}
