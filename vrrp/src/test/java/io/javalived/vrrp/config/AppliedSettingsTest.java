package io.javalived.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.runtime.InstanceConfig;
import java.net.InetAddress;
import io.javalived.scripts.Script;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VRRP settings javalived applies are mapped (garp_lower_prio_*, unicast_fault_no_peer,
 * notify_master_rx_lower_pri, the notify FIFOs, notify_priority_changes, ...). What it does not apply is the daemon's
 * one list (io.javalived.daemon.config.NotApplied, NotAppliedTest).
 */
class AppliedSettingsTest {
    @TempDir
    Path dir;

    VrrpPlan map(String text) throws Exception {
        return MapperFixture.map(dir, text);
    }

    static InetAddress ip(String s) {
        return MapperFixture.ip(s);
    }

    @Test
    void theSettingsJavalivedNowAppliesAreMapped() throws Exception {
        VrrpPlan plan = map("""
                global_defs {
                    notify_fifo /run/ka.fifo
                    vrrp_notify_fifo /run/ka_vrrp.fifo
                    vrrp_owner_ignore_adverts
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 62
                    priority 255
                    garp_lower_prio_delay 3
                    garp_lower_prio_repeat 2
                    notify_master_rx_lower_pri "/bin/echo lower"
                    notify_priority_changes
                    lower_prio_no_advert
                    accept
                    virtual_ipaddress {
                        10.0.0.3/24
                    }
                }
                vrrp_instance VI_2 {
                    virtual_router_id 63
                    unicast_fault_no_peer
                    virtual_ipaddress {
                        10.0.0.4/24
                    }
                }
                """);
        assertThat(plan.problems()).isEmpty();
        assertThat(plan.notifyFifos()).containsExactly(Path.of("/run/ka.fifo"), Path.of("/run/ka_vrrp.fifo"));
        InstanceConfig one = plan.instances().get(0);
        assertThat(one.settings().garp().lowerPrioDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(one.settings().garp().lowerPrioRepeat()).isEqualTo(2);
        assertThat(one.notifies().masterRxLowerPri().map(Script::argv)).contains(List.of("/bin/echo", "lower"));
        assertThat(one.notifyPriorityChanges()).isTrue();
        assertThat(one.settings().lowerPrioNoAdvert()).as("lower_prio_no_advert (strict mode would also reset garp_lower_prio_*: StrictModeTest)").isTrue();
        assertThat(one.expectations().ownerIgnoresAdverts()).as("global vrrp_owner_ignore_adverts").isTrue();
        assertThat(one.configFault()).isEmpty();

        InstanceConfig two = plan.instances().get(1);
        assertThat(two.interfaceName()).as("no interface: global_defs default_interface").isEqualTo("eth0");
        assertThat(two.configFault()).contains("no unicast peers (unicast_fault_no_peer)");
        assertThat(two.destinations()).as("never falls back to multicast").isEmpty();
        assertThat(two.settings().garp().lowerPrioRepeat()).as("keepalived's default: garp_master_repeat").isEqualTo(5);
        assertThat(two.notifyPriorityChanges()).isFalse();
    }
}
