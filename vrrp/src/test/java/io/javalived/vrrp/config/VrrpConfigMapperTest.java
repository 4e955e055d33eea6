package io.javalived.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.packet.AuthData;
import io.javalived.vrrp.packet.AuthType;
import io.javalived.vrrp.packet.VrrpVersion;
import io.javalived.vrrp.runtime.InstanceConfig;
import io.javalived.vrrp.state.Vip;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.javalived.scripts.Script;

class VrrpConfigMapperTest {
    @TempDir
    Path dir;

    VrrpPlan map(String text) throws Exception {
        return MapperFixture.map(dir, text);
    }

    static InetAddress ip(String s) {
        return MapperFixture.ip(s);
    }

    @Test
    void mapsAV2PassInstanceWithVipOptionsAndTheInterfacesPrimaryAddress() throws Exception {
        VrrpPlan plan = map("""
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 62
                    priority 100
                    advert_int 1
                    authentication {
                        auth_type PASS
                        auth_pass 123456789
                    }
                    virtual_ipaddress {
                        10.0.0.3/24 dev eth0 label eth0:0
                        10.0.0.4 brd 10.0.0.255 scope link
                    }
                }
                """);
        assertThat(plan.problems()).isEmpty();
        InstanceConfig c = plan.instances().getFirst();
        assertThat(c.settings().version()).isEqualTo(VrrpVersion.V2);
        assertThat(c.settings().wantMaster()).isTrue();
        assertThat(c.settings().intervalCentis()).isEqualTo(100);
        assertThat(c.sourceAddress()).isEqualTo(ip("10.0.0.5"));
        assertThat(c.destinations()).containsExactly(ip("224.0.0.18"));
        assertThat(c.ttl()).isEqualTo(255);
        assertThat(c.authType()).isEqualTo(AuthType.PASS);
        assertThat(c.authData()).isEqualTo(AuthData.password("12345678"));
        assertThat(c.vips()).containsExactly(
                new Vip(ip("10.0.0.3"), 24, "eth0", Optional.of("eth0:0"), 0, Optional.empty(), Optional.empty()),
                new Vip(ip("10.0.0.4"), 32, "eth0", Optional.empty(), Vip.SCOPE_LINK, Optional.of(ip("10.0.0.255")), Optional.empty()));
        assertThat(c.trackInterfaces()).extracting(t -> t.name()).containsExactly("eth0");
    }

    @Test
    void mapsV3UnicastWithTtlRangeAndRoundsTheInterval() throws Exception {
        VrrpPlan plan = map("""
                global_defs {
                    vrrp_version 3
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 7
                    priority 50
                    advert_int 0.123
                    unicast_src_ip 10.0.0.5
                    unicast_peer {
                        10.0.0.6 min_ttl 250 max_ttl 255
                    }
                    unicast_ttl 64
                    virtual_ipaddress {
                        10.0.0.3/24
                    }
                }
                """);
        InstanceConfig c = plan.instances().getFirst();
        assertThat(c.settings().version()).isEqualTo(VrrpVersion.V3);
        assertThat(c.settings().intervalCentis()).isEqualTo(12);
        assertThat(c.unicast()).isTrue();
        assertThat(c.destinations()).containsExactly(ip("10.0.0.6"));
        assertThat(c.ttl()).isEqualTo(64);
        assertThat(c.expectations().checksUnicastSource()).isTrue();
    }

    @Test
    void intervalRoundingFollowsTheVersion() {
        assertThat(VrrpConfigMapper.intervalCentis(Duration.ofMillis(500), VrrpVersion.V2)).isEqualTo(100);
        assertThat(VrrpConfigMapper.intervalCentis(Duration.ofMillis(500), VrrpVersion.V3)).isEqualTo(50);
        assertThat(VrrpConfigMapper.intervalCentis(Duration.ofSeconds(100), VrrpVersion.V3)).isEqualTo(4095);
        assertThat(VrrpConfigMapper.intervalCentis(Duration.ofMillis(2600), VrrpVersion.V2)).isEqualTo(300);
    }

    @Test
    void anInstanceWithoutAnAddressIsReportedWithItsPlace() throws Exception {
        VrrpPlan plan = map("""
                vrrp_instance VI_9 {
                    interface eth7
                    virtual_router_id 9
                    virtual_ipaddress {
                        10.0.0.9
                    }
                }
                """);
        assertThat(plan.instances()).isEmpty();
        assertThat(plan.problems()).singleElement().asString()
                .contains("keepalived.conf:1").contains("vrrp_instance VI_9").contains("eth7 has no IPv4 address");
    }

    @Test
    void syncGroupsKeepTheirMembersAndAGroupOfOneIsKept() throws Exception {
        String inst = """
                vrrp_instance %s {
                    interface eth0
                    virtual_router_id %d
                    virtual_ipaddress {
                        10.0.%d.3
                    }
                }
                """;
        VrrpPlan plan = map("vrrp_sync_group G {\n group {\n  A\n  B\n }\n notify_master /bin/true\n}\n"
                + inst.formatted("A", 1, 1) + inst.formatted("B", 2, 2));
        assertThat(plan.syncGroups()).containsEntry("G", List.of("A", "B"));
        assertThat(plan.instances()).allMatch(i -> i.settings().syncGroupMember());
        assertThat(plan.groupNotifies().get("G").master().map(Script::argv)).contains(List.of("/bin/true"));

        // keepalived 2.2.7 keeps a group of one (with a config error), so its group scripts still run
        VrrpPlan one = map("vrrp_sync_group G {\n group {\n  A\n }\n notify_master /bin/true\n}\n"
                + inst.formatted("A", 1, 1) + inst.formatted("B", 2, 2));
        assertThat(one.syncGroups()).containsExactly(java.util.Map.entry("G", List.of("A")));
        assertThat(one.instances()).filteredOn(i -> i.settings().name().equals("A")).allMatch(i -> i.settings().syncGroupMember());
        assertThat(one.instances()).filteredOn(i -> i.settings().name().equals("B")).noneMatch(i -> i.settings().syncGroupMember());
        assertThat(one.problems()).isEmpty();
    }
}
