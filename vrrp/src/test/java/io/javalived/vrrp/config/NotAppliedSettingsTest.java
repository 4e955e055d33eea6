package io.javalived.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.runtime.InstanceConfig;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.javalived.scripts.Script;

/**
 * The VRRP settings javalived parses: those it now applies are mapped (garp_lower_prio_*, unicast_fault_no_peer,
 * notify_master_rx_lower_pri, the notify FIFOs, notify_priority_changes, ...), and every one it does not apply yet
 * gets one message naming the keyword and its file:line.
 */
class NotAppliedSettingsTest {
    @TempDir
    Path dir;

    VrrpPlan map(String text) throws Exception {
        return MapperFixture.map(dir, text);
    }

    static InetAddress ip(String s) {
        return MapperFixture.ip(s);
    }

    static final String NOT_APPLIED = """
            global_defs {
                script_user nobody
                enable_script_security
                vrrp_garp_interval 0.01
                vrrp_iptables
                log_unknown_vrids
            }
            static_routes {
                10.9.0.0/16 via 10.0.0.1
            }
            vrrp_script chk {
                script "/bin/true"
                user nobody
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 62
                priority 100
                use_vmac
                vmac_xmit_base
                promote_secondaries
                no_accept
                notify_master "/bin/true" nobody
                virtual_ipaddress {
                    10.0.0.3/24 dev eth0 home
                }
                virtual_routes {
                    10.8.0.0/16 via 10.0.0.1
                    10.7.0.0/16 via 10.0.0.1
                }
                virtual_rules {
                    from 10.0.0.3 table 100
                }
                track_script {
                    chk
                }
            }
            """;

    @Test
    void everySettingNotAppliedYetIsNamedWithItsFileAndLine() throws Exception {
        VrrpPlan plan = map(NOT_APPLIED);
        assertThat(plan.instances()).hasSize(1);
        assertThat(plan.notApplied()).as("in file order").extracting(m -> m.substring(0, m.indexOf(" yet (") + 6)).containsExactly(
                at(4, "global_defs: vrrp_garp_interval"),
                at(5, "global_defs: vrrp_iptables"),
                at(6, "global_defs: log_unknown_vrids"),
                at(8, "static_routes"),
                at(19, "vrrp_instance VI_1: use_vmac"),
                at(20, "vrrp_instance VI_1: vmac_xmit_base"),
                at(21, "vrrp_instance VI_1: promote_secondaries"),
                at(22, "vrrp_instance VI_1: no_accept (no_accept)"),
                at(25, "vrrp_instance VI_1: VIP 10.0.0.3 option(s) home"),
                at(27, "vrrp_instance VI_1: virtual_routes"),
                at(31, "vrrp_instance VI_1: virtual_rules"));
        assertThat(plan.notApplied()).allSatisfy(m -> assertThat(m).contains(" is not applied by javalived yet ("));
        assertThat(plan.notApplied()).anySatisfy(m -> assertThat(m).contains("virtual_routes")
                .contains("2 route(s) not installed on MASTER"));
        assertThat(plan.problems()).isEmpty();
    }

    /** The message's start: {@code keepalived.conf:LINE: WHAT is not applied by javalived yet (}. */
    private String at(int line, String what) {
        return dir.resolve("keepalived.conf") + ":" + line + ": " + what + " is not applied by javalived yet (";
    }

    @Test
    void aPlainConfigurationHasNothingToReport() throws Exception {
        VrrpPlan plan = map("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 62
                    virtual_ipaddress {
                        10.0.0.3/24
                    }
                }
                """);
        assertThat(plan.notApplied()).isEmpty();
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
                    strict_mode
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
        assertThat(plan.notApplied()).isEmpty();
        assertThat(plan.notifyFifos()).containsExactly(Path.of("/run/ka.fifo"), Path.of("/run/ka_vrrp.fifo"));
        InstanceConfig one = plan.instances().get(0);
        assertThat(one.settings().garp().lowerPrioDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(one.settings().garp().lowerPrioRepeat()).isEqualTo(2);
        assertThat(one.notifies().masterRxLowerPri().map(Script::argv)).contains(List.of("/bin/echo", "lower"));
        assertThat(one.notifyPriorityChanges()).isTrue();
        assertThat(one.settings().lowerPrioNoAdvert()).as("strict mode: no advert back to a lower priority").isTrue();
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
