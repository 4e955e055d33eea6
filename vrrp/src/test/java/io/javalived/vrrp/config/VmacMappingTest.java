package io.javalived.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.runtime.InstanceConfig;
import io.javalived.vrrp.runtime.InterfaceTrack;
import io.javalived.vrrp.runtime.Vmac;
import io.javalived.vrrp.state.Vip;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived 2.2.7's use_vmac rules, as the mapper applies them: names, MACs, where VIPs go, what is corrected. */
class VmacMappingTest {
    @TempDir
    Path dir;

    private VrrpPlan map(String text) throws Exception {
        return MapperFixture.map(dir, text);
    }

    private static String instance(String name, int vrid, String extra, String vips) {
        return "vrrp_instance " + name + " {\n interface eth0\n virtual_router_id " + vrid + "\n priority 100\n" + extra
                + " virtual_ipaddress {\n" + vips + " }\n}\n";
    }

    private static InstanceConfig only(VrrpPlan plan, String name) {
        return plan.instances().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void useVmacMakesVrrpDotVridWithTheIpv4VirtualMacAndPutsTheVipsOnIt() throws Exception {
        VrrpPlan plan = map(instance("VI_1", 51, " use_vmac\n", "  10.0.0.3/24\n  10.0.0.4/24 dev eth0\n  10.0.9.9/24 dev eth1\n"));
        InstanceConfig c = only(plan, "VI_1");
        Vmac v = c.vmacs().instance().orElseThrow();
        assertThat(v).isEqualTo(new Vmac("vrrp.51", "eth0", "00:00:5e:00:01:33", IpFamily.IPV4, Optional.empty()));
        assertThat(c.vmacs().extra()).isEmpty();
        assertThat(c.advertInterface()).isEqualTo("vrrp.51");
        assertThat(c.sourceAddress()).as("adverts still from the base's address").isEqualTo(MapperFixture.ip("10.0.0.5"));
        assertThat(c.vips()).extracting(Vip::device).containsExactly("vrrp.51", "vrrp.51", "eth1");
        assertThat(c.trackInterfaces()).extracting(InterfaceTrack::name).containsExactly("eth0", "vrrp.51");
        assertThat(plan.problems()).isEmpty();
    }

    @Test
    void aGivenNameAndXmitBaseKeepAdvertsOnTheBase() throws Exception {
        InstanceConfig c = only(map(instance("VI_1", 7, " use_vmac vip7\n vmac_xmit_base\n", "  10.0.0.3/24\n")), "VI_1");
        assertThat(c.vmacs().instance().map(Vmac::name)).contains("vip7");
        assertThat(c.vmacs().xmitBase()).isTrue();
        assertThat(c.advertInterface()).isEqualTo("eth0");
        assertThat(c.vips()).extracting(Vip::device).containsExactly("vip7");
    }

    @Test
    void namesStayUniqueAcrossInstancesAsKeepalivedPicksThem() throws Exception {
        VrrpPlan plan = map(instance("A", 9, " use_vmac\n", "  10.0.0.3/24\n")
                + instance("B", 9, " use_vmac vrrp.9\n mcast_src_ip 10.0.0.9\n", "  10.0.0.4/24\n").replace("interface eth0", "interface eth1")
                + instance("C", 10, " use_vmac vrrp.10\n", "  10.0.0.5/24\n")
                + instance("D", 11, " use_vmac vrrp.10\n", "  10.0.0.6/24\n"));
        assertThat(only(plan, "B").vmacs().instance().map(Vmac::name)).as("a given name first").contains("vrrp.9");
        assertThat(only(plan, "A").vmacs().instance().map(Vmac::name)).as("the default skips it").contains("vrrp1.9");
        assertThat(only(plan, "D").vmacs().instance().map(Vmac::name)).as("a name already given is ignored").contains("vrrp.11");
        assertThat(plan.problems()).anyMatch(p -> p.endsWith("(D) VRRP instance C is already using vrrp.10 - ignoring name"));
    }

    @Test
    void aGivenMacIsUsedAndFiveOctetsTakeTheVridAsTheSixth() throws Exception {
        VrrpPlan plan = map(instance("A", 20, " use_vmac 02:11:22:33:44:55\n", "  10.0.0.3/24\n")
                + instance("B", 21, " use_vmac 02:11:22:33:44\n", "  10.0.0.4/24\n")
                + instance("C", 22, " use_vmac 00:00:5e:00:01:16\n", "  10.0.0.5/24\n"));
        assertThat(only(plan, "A").vmacs().instance().map(Vmac::mac)).contains("02:11:22:33:44:55");
        assertThat(only(plan, "A").vmacs().instance().map(Vmac::name)).contains("vrrp.20");
        assertThat(only(plan, "B").vmacs().instance().map(Vmac::mac)).contains("02:11:22:33:44:15");
        assertThat(only(plan, "C").vmacs().instance().map(Vmac::mac)).as("the RFC 5798 range is refused").contains("00:00:5e:00:01:16");
        assertThat(plan.problems()).anyMatch(p -> p.contains("VMAC MAC address not allowed to be RFC5798 address (00:00:5e:00:01:16) - ignoring"));
    }

    @Test
    void unicastForcesXmitBaseAndStrictModeClearsIt() throws Exception {
        VrrpPlan plan = map(instance("U", 30, " use_vmac\n unicast_src_ip 10.0.0.5\n unicast_peer {\n  10.0.0.6\n }\n", "  10.0.0.3/24\n")
                + instance("X", 31, " vmac_xmit_base\n", "  10.0.0.4/24\n"));
        assertThat(only(plan, "U").vmacs().xmitBase()).isTrue();
        assertThat(only(plan, "U").advertInterface()).isEqualTo("eth0");
        assertThat(only(plan, "X").vmacs().all()).isEmpty();
        assertThat(plan.problems()).anyMatch(p -> p.endsWith("(U) unicast with use_vmac requires vmac_xmit_base - setting"))
                .anyMatch(p -> p.endsWith("(X) vmac_xmit_base is only valid with a vmac"));
    }

    @Test
    void useVmacAddrGivesVipsOnOtherInterfacesAVmacOfTheirOwn() throws Exception {
        VrrpPlan plan = map("global_defs {\n vmac_addr_prefix vx\n}\n"
                + instance("A", 40, " use_vmac\n use_vmac_addr\n", "  10.0.0.3/24\n  10.1.0.3/24 dev eth1\n  10.1.0.4/24 dev eth1 no_track\n"));
        InstanceConfig c = only(plan, "A");
        assertThat(c.vmacs().extra()).containsExactly(new Vmac("vx.40", "eth1", "00:00:5e:00:01:28", IpFamily.IPV4, Optional.empty()));
        assertThat(c.vips()).extracting(Vip::device).containsExactly("vrrp.40", "vx.40", "vx.40");
        assertThat(c.trackInterfaces()).extracting(InterfaceTrack::name).containsExactly("eth0", "vrrp.40", "vx.40");
    }

    @Test
    void aVipsOwnUseVmacWithoutTheInstancesGetsAVmacOnItsInterface() throws Exception {
        InstanceConfig c = only(map(instance("A", 41, "", "  10.0.0.3/24\n  10.1.0.3/24 dev eth1 use_vmac\n")), "A");
        assertThat(c.vmacs().instance()).isEmpty();
        assertThat(c.vmacs().extra()).extracting(Vmac::name, Vmac::base).containsExactly(org.assertj.core.groups.Tuple.tuple("vrrp.41", "eth1"));
        assertThat(c.vips()).extracting(Vip::device).containsExactly("eth0", "vrrp.41");
        assertThat(c.advertInterface()).isEqualTo("eth0");
    }
}
