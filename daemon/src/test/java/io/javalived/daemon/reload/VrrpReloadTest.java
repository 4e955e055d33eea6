package io.javalived.daemon.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.daemon.status.ReloadOutcome;
import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.ParseOptions;
import io.javalived.parser.ParseResult;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.vrrp.config.VrrpConfigMapper;
import io.javalived.vrrp.config.VrrpPlan;
import io.javalived.vrrp.runtime.InMemoryPlatform;
import io.javalived.vrrp.runtime.InstanceStatus;
import io.javalived.vrrp.runtime.VrrpEngine;
import io.javalived.vrrp.state.VrrpState;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VRRP reload target over a running engine on the in-memory twin, driven by the coordinator from files:
 * each edit applies exactly its differences (VIP changes observed as additions and removals, in order).
 */
class VrrpReloadTest {
    @TempDir
    Path dir;
    Path file;
    InMemoryPlatform platform;
    VrrpEngine engine;
    ReloadCoordinator coordinator;
    final List<ReloadOutcome> outcomes = new ArrayList<>();

    static final String ONE = """
            vrrp_instance oldboy {
                state MASTER
                interface eth0
                virtual_router_id 62
                priority 255
                advert_int 1
                virtual_ipaddress {
                    10.0.0.3/24 dev eth0
                }
            }
            """;

    static final String TWO = ONE + """
            vrrp_instance web {
                state MASTER
                interface eth0
                virtual_router_id 63
                priority 255
                advert_int 1
                virtual_ipaddress {
                    10.0.0.10/24 dev eth0
                }
            }
            """;

    static ParseResult parse(Path f) {
        return KeepalivedParser.parse(f, new ParseOptions("lb01", "lb01"));
    }

    void start(String text) throws Exception {
        file = Files.writeString(dir.resolve("keepalived.conf"), text);
        platform = new InMemoryPlatform(new InMemoryPlatform.Wire(), InetAddress.getByName("10.0.0.5"));
        ParseResult first = parse(file);
        VrrpPlan plan = VrrpConfigMapper.map(first.config(), platform::primaryAddress);
        engine = new VrrpEngine(platform, plan.instances(), plan.syncGroups(), plan.groupNotifies());
        engine.start();
        VrrpReload vrrp = new VrrpReload(engine, plan, platform::primaryAddress);
        ReloadCoordinator.Target target = new ReloadCoordinator.Target() {
            public String name() { return "VRRP"; }
            public boolean handles(ReloadChange c) { return VrrpReload.handles(c); }
            public List<String> refusals(KeepalivedConfig next) { return vrrp.refusals(next); }
            public void apply(KeepalivedConfig next, ReloadPlan p) { vrrp.apply(next, p); }
        };
        coordinator = new ReloadCoordinator(() -> parse(file), ConfigSnapshots.of(first), List.of(target),
                (o, p) -> outcomes.add(o), Clock.systemUTC());
        await(() -> engine.status().stream().allMatch(s -> s.state() == VrrpState.MASTER), "every owner MASTER");
    }

    @AfterEach
    void stop() {
        if (engine != null) engine.close();
    }

    static void await(BooleanSupplier c, String what) throws InterruptedException {
        for (int i = 0; i < 200 && !c.getAsBoolean(); i++) Thread.sleep(25);
        assertThat(c.getAsBoolean()).as(what).isTrue();
    }

    InstanceStatus status(String name) {
        return engine.status().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    List<String> vipChangesDuring(String text) throws Exception {
        int before = platform.vipChanges().size();
        Files.writeString(file, text);
        ReloadOutcome o = coordinator.reload();
        assertThat(o.applied()).as(o.reasons().toString()).isTrue();
        return platform.vipChanges().subList(before, platform.vipChanges().size());
    }

    @Test
    void aVipAddedToTheMasterIsTheOnlyAddressChangeAndTheInstanceStaysMaster() throws Exception {
        start(TWO);
        assertThat(vipChangesDuring(TWO.replace("10.0.0.3/24 dev eth0", "10.0.0.3/24 dev eth0\n10.0.0.4/24 dev eth0")))
                .containsExactly("+10.0.0.4/24");
        assertThat(status("oldboy").state()).isEqualTo(VrrpState.MASTER);
        assertThat(status("oldboy").becameMaster()).isEqualTo(1);
        assertThat(status("web").becameMaster()).isEqualTo(1);
        assertThat(platform.announced()).contains("10.0.0.4");

        assertThat(vipChangesDuring(TWO)).containsExactly("-10.0.0.4/24");
        assertThat(vipChangesDuring(TWO)).as("unchanged: nothing").isEmpty();
    }

    @Test
    void renamePriorityAndAdvertIntChangesKeepTheStateAndTheVips() throws Exception {
        start(TWO);
        String edited = TWO.replace("vrrp_instance oldboy", "vrrp_instance VI_1").replace("advert_int 1", "advert_int 2");
        assertThat(vipChangesDuring(edited)).isEmpty();
        assertThat(engine.instanceNames()).containsExactly("VI_1", "web");
        assertThat(status("VI_1").state()).isEqualTo(VrrpState.MASTER);
        assertThat(status("VI_1").becameMaster()).isEqualTo(1);

        assertThat(vipChangesDuring(edited.replaceFirst("priority 255", "priority 200"))).isEmpty();
        assertThat(status("VI_1").effectivePriority()).isEqualTo(200);
        assertThat(status("VI_1").state()).as("alone on the link: stays MASTER").isEqualTo(VrrpState.MASTER);
    }

    @Test
    void removedAndAddedInstancesStopAndStartAsAtShutdownAndStartup() throws Exception {
        start(ONE);
        assertThat(vipChangesDuring(TWO.replace("virtual_router_id 63\n    priority 255", "virtual_router_id 63\n    priority 100")))
                .isEmpty();
        assertThat(status("web").state()).as("a new instance starts in BACKUP").isEqualTo(VrrpState.BACKUP);
        assertThat(status("oldboy").becameMaster()).isEqualTo(1);

        assertThat(vipChangesDuring(TWO.substring(ONE.length()))).containsExactly("-10.0.0.3/24");
        assertThat(engine.instanceNames()).containsExactly("web");
    }

    @Test
    void aNewSyncGroupRestartsItsMembersAndSaysSo() throws Exception {
        start(TWO);
        String grouped = "vrrp_sync_group G {\n    group {\n        oldboy\n        web\n    }\n}\n" + TWO;
        List<String> changes = vipChangesDuring(grouped);
        assertThat(changes).containsExactlyInAnyOrder("-10.0.0.3/24", "-10.0.0.10/24", "+10.0.0.3/24", "+10.0.0.10/24");
        await(() -> engine.status().stream().allMatch(s -> s.state() == VrrpState.MASTER), "the group MASTER again");
        assertThat(vipChangesDuring(grouped)).as("unchanged group: nothing").isEmpty();
    }

    @Test
    void aConfigurationTheVrrpSideCannotRunIsRefusedWhole() throws Exception {
        start(TWO);
        // The parser accepts an IPv6 instance; this host's eth0 has no IPv6 link-local address to send adverts from.
        Files.writeString(file, ONE + """
                vrrp_instance web {
                    interface eth0
                    virtual_router_id 63
                    priority 100
                    advert_int 1
                    virtual_ipaddress {
                        fd00::10/64 dev eth0
                    }
                }
                """);
        ReloadOutcome o = coordinator.reload();
        assertThat(o.applied()).isFalse();
        assertThat(o.reasons()).singleElement().asString().startsWith(file + ":").contains("vrrp_instance web", "IPv6");
        assertThat(engine.instanceNames()).containsExactly("oldboy", "web");
        assertThat(platform.vipChanges()).containsExactly("+10.0.0.3/24", "+10.0.0.10/24");
    }
}
