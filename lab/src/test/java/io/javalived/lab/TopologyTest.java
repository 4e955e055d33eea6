package io.javalived.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopologyTest {

    @Test
    void seedHasTheSeedAddressesOnEth0() {
        Topology t = Topology.seed();
        assertThat(t.hosts()).extracting(Topology.Host::name).containsExactly("lb01", "lb02", "web01", "web02", "client");
        assertThat(t.host("lb01").ipv4()).isEqualTo("10.0.0.5");
        assertThat(t.host("web02").ipv4()).isEqualTo("10.0.0.8");
        assertThat(t.host("web02").ipv6()).isEqualTo("fd00::8");
        assertThat(t.hosts()).allSatisfy(h -> {
            assertThat(h.nics()).singleElement().satisfies(n -> assertThat(n.name()).isEqualTo("eth0"));
            assertThat(h.gateways()).isEmpty();
        });
    }

    @Test
    void natLabPointsRealServersAtTheDirector() {
        Topology t = Topology.natLab();
        assertThat(t.lans()).containsExactly("front", "back");
        assertThat(t.host("web01").gateways()).containsExactly(Topology.NAT_DIP);
        assertThat(t.host("lb01").sysctls()).containsEntry("net.ipv4.ip_forward", "1");
        assertThat(Topology.natLabPair().host("web02").gateways()).containsExactly(Topology.NAT_PAIR_GATEWAY);
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> Topology.builder().lan("lan").host("a", h -> h.nic("eth0", "nolan", "10.0.0.1/24")).build())
                .hasMessageContaining("host a interface eth0").hasMessageContaining("LAN nolan");
        assertThatThrownBy(() -> Topology.builder().lan("lan").host("a", h -> h.nic("eth0", "lan", "10.0.0.1")).build())
                .hasMessageContaining("10.0.0.1").hasMessageContaining("prefix length");
        assertThatThrownBy(() -> Topology.builder().lan("a-very-long-bridge-name").build())
                .hasMessageContaining("a-very-long-bridge-name");
    }
}
