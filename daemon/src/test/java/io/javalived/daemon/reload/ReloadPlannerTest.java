package io.javalived.daemon.reload;

import io.javalived.daemon.reload.ConfigSnapshot.Destination;
import io.javalived.daemon.reload.ConfigSnapshot.Instance;
import io.javalived.daemon.reload.ConfigSnapshot.InstanceKey;
import io.javalived.daemon.reload.ConfigSnapshot.Service;
import io.javalived.daemon.reload.ConfigSnapshot.Vip;
import io.javalived.daemon.reload.ReloadChange.SettingChange;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReloadPlannerTest {

    static final InstanceKey VI_1_KEY = new InstanceKey(51, "INET", "eth0", false, false, "");
    static final Vip VIP = new Vip("10.0.0.3/32", "dev eth0", false);

    static Instance instance(String name, InstanceKey key, List<Vip> vips, Map<String, String> settings) {
        return new Instance(name, key, vips, settings, "lb01.conf:10");
    }

    static Instance vi1() {
        return instance("VI_1", VI_1_KEY, List.of(VIP), Map.of("priority", "150", "advert_int", "1s"));
    }

    static Destination rs(String id, int weight) {
        return new Destination(id, Map.of("weight", Integer.toString(weight), "method", "DR", "uthreshold", "0",
                "lthreshold", "0"), Map.of("checkers", "[TcpCheck{connect_port=80}]"), "lb01.conf:30");
    }

    static Service web(List<Destination> realServers) {
        return new Service("TCP 10.0.0.3:80", Map.of("scheduler", "wrr", "flags", "[]", "persistence_timeout", "50s",
                "persistence_granularity", "none", "persistence_engine", "none"), List.of(),
                Map.of("delay_loop", "6s", "quorum", "1"), realServers, Optional.empty(), "lb01.conf:25");
    }

    static ConfigSnapshot seed() {
        return new ConfigSnapshot(List.of(vi1()), List.of(web(List.of(rs("10.0.0.7:80", 1), rs("10.0.0.8:80", 1)))));
    }

    static Map<String, String> with(Map<String, String> m, String k, String v) {
        Map<String, String> c = new HashMap<>(m);
        c.put(k, v);
        return c;
    }

    @Test
    void anUnchangedConfigurationPlansNothing() {
        ReloadPlan plan = ReloadPlanner.plan(seed(), seed());
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.isRefused()).isFalse();
    }

    @Test
    void movingBlocksInTheFileIsNotAChange() {
        ConfigSnapshot moved = new ConfigSnapshot(
                List.of(new Instance("VI_1", VI_1_KEY, List.of(VIP), vi1().settings(), "other.conf:99")),
                List.of(web(List.of(rs("10.0.0.8:80", 1), rs("10.0.0.7:80", 1)))));
        assertThat(ReloadPlanner.plan(seed(), moved).changes()).isEmpty();
    }

    @Test
    void anInstanceIsMatchedByIdentityNotByName() {
        ConfigSnapshot renamed = new ConfigSnapshot(List.of(instance("LB_PAIR", VI_1_KEY, List.of(VIP), vi1().settings())),
                seed().services());
        assertThat(ReloadPlanner.plan(seed(), renamed).changes())
                .containsExactly(new ReloadChange.InstanceRenamed("VI_1", "LB_PAIR", VI_1_KEY));
    }

    @Test
    void aDifferentVridIsAnotherInstance() {
        InstanceKey other = new InstanceKey(52, "INET", "eth0", false, false, "");
        ConfigSnapshot next = new ConfigSnapshot(List.of(instance("VI_1", other, List.of(VIP), vi1().settings())),
                seed().services());
        assertThat(ReloadPlanner.plan(seed(), next).changes()).containsExactly(
                new ReloadChange.InstanceRemoved("VI_1", VI_1_KEY, List.of(VIP)),
                new ReloadChange.InstanceAdded("VI_1", other, List.of(VIP)));
    }

    @Test
    void interfaceUnicastVmacAndSourceArePartOfTheIdentity() {
        for (InstanceKey other : List.of(new InstanceKey(51, "INET", "eth1", false, false, ""),
                new InstanceKey(51, "INET", "eth0", true, false, ""),
                new InstanceKey(51, "INET", "eth0", false, true, ""),
                new InstanceKey(51, "INET6", "eth0", false, false, ""),
                new InstanceKey(51, "INET", "eth0", false, false, "224.0.0.19"))) {
            ConfigSnapshot next = new ConfigSnapshot(List.of(instance("VI_1", other, List.of(VIP), vi1().settings())),
                    List.of());
            ConfigSnapshot before = new ConfigSnapshot(List.of(vi1()), List.of());
            assertThat(ReloadPlanner.plan(before, next).changes()).as(other.toString()).containsExactly(
                    new ReloadChange.InstanceRemoved("VI_1", VI_1_KEY, List.of(VIP)),
                    new ReloadChange.InstanceAdded("VI_1", other, List.of(VIP)));
        }
    }

    @Test
    void vipsAreDiffedPerInstance() {
        Vip second = new Vip("10.0.0.4/32", "dev eth0", false);
        ConfigSnapshot next = new ConfigSnapshot(List.of(instance("VI_1", VI_1_KEY, List.of(second), vi1().settings())),
                seed().services());
        assertThat(ReloadPlanner.plan(seed(), next).changes()).containsExactly(
                new ReloadChange.VipRemoved("VI_1", VIP),
                new ReloadChange.VipAdded("VI_1", second));
        ConfigSnapshot both = new ConfigSnapshot(List.of(instance("VI_1", VI_1_KEY, List.of(VIP, second), vi1().settings())),
                seed().services());
        assertThat(ReloadPlanner.plan(seed(), both).changes()).containsExactly(new ReloadChange.VipAdded("VI_1", second));
        assertThat(ReloadPlanner.plan(both, seed()).changes()).containsExactly(new ReloadChange.VipRemoved("VI_1", second));
    }

    @Test
    void aVipWithOtherOptionsIsReplaced() {
        Vip labelled = new Vip("10.0.0.3/32", "dev eth0 label eth0:1", false);
        ConfigSnapshot next = new ConfigSnapshot(List.of(instance("VI_1", VI_1_KEY, List.of(labelled), vi1().settings())),
                seed().services());
        assertThat(ReloadPlanner.plan(seed(), next).changes()).containsExactly(
                new ReloadChange.VipRemoved("VI_1", VIP), new ReloadChange.VipAdded("VI_1", labelled));
    }

    @Test
    void aPriorityChangeKeepsTheInstanceAndItsVips() {
        ConfigSnapshot next = new ConfigSnapshot(
                List.of(instance("VI_1", VI_1_KEY, List.of(VIP), with(vi1().settings(), "priority", "100"))),
                seed().services());
        List<ReloadChange> changes = ReloadPlanner.plan(seed(), next).changes();
        assertThat(changes).containsExactly(new ReloadChange.InstanceSettingsChanged("VI_1",
                List.of(new SettingChange("priority", "150", "100"))));
        assertThat(changes.getFirst().effect()).isEqualTo(ReloadChange.Effect.RUNTIME);
    }

    @Test
    void aSchedulerChangeIsOneSetService() {
        Service old = web(List.of(rs("10.0.0.7:80", 1)));
        Service now = new Service(old.id(), with(old.kernel(), "scheduler", "rr"), List.of(), old.settings(),
                old.realServers(), Optional.empty(), old.location());
        List<ReloadChange> changes = ReloadPlanner.plan(snapshot(old), snapshot(now)).changes();
        assertThat(changes).containsExactly(new ReloadChange.ServiceEdited("TCP 10.0.0.3:80",
                List.of(new SettingChange("scheduler", "wrr", "rr"))));
        assertThat(changes.getFirst().effect()).isEqualTo(ReloadChange.Effect.IPVS);
    }

    @Test
    void persistenceFlagsAndGranularityChangesAreSetService() {
        Service old = web(List.of());
        for (String key : List.of("flags", "persistence_timeout", "persistence_granularity", "persistence_engine")) {
            Service now = new Service(old.id(), with(old.kernel(), key, "changed"), List.of(), old.settings(),
                    old.realServers(), Optional.empty(), old.location());
            assertThat(ReloadPlanner.plan(snapshot(old), snapshot(now)).changes()).as(key)
                    .containsExactly(new ReloadChange.ServiceEdited(old.id(),
                            List.of(new SettingChange(key, old.kernel().get(key), "changed"))));
        }
    }

    @Test
    void aCheckerSettingOfTheServiceIsNoKernelCall() {
        Service old = web(List.of(rs("10.0.0.7:80", 1)));
        Service now = new Service(old.id(), old.kernel(), List.of(), with(old.settings(), "delay_loop", "3s"),
                old.realServers(), Optional.empty(), old.location());
        ReloadPlan plan = ReloadPlanner.plan(snapshot(old), snapshot(now));
        assertThat(plan.changes()).containsExactly(new ReloadChange.ServiceSettingsChanged(old.id(),
                List.of(new SettingChange("delay_loop", "6s", "3s"))));
        assertThat(plan.changes(ReloadChange.Effect.IPVS)).isEmpty();
    }

    @Test
    void servicesAreMatchedByIdentity() {
        Service old = web(List.of(rs("10.0.0.7:80", 1)));
        Service moved = new Service("TCP 10.0.0.3:8080", old.kernel(), List.of(), old.settings(), old.realServers(),
                Optional.empty(), old.location());
        assertThat(ReloadPlanner.plan(snapshot(old), snapshot(moved)).changes()).containsExactly(
                new ReloadChange.ServiceRemoved("TCP 10.0.0.3:80", List.of(), old.realServers()),
                new ReloadChange.ServiceAdded("TCP 10.0.0.3:8080", List.of(), old.realServers()));
    }

    @Test
    void realServersAreAddedAndRemovedByAddressAndPort() {
        Service old = web(List.of(rs("10.0.0.7:80", 1), rs("10.0.0.8:80", 1)));
        Service now = web(List.of(rs("10.0.0.7:80", 1), rs("10.0.0.9:80", 1)));
        assertThat(ReloadPlanner.plan(snapshot(old), snapshot(now)).changes()).containsExactly(
                new ReloadChange.DestinationRemoved(old.id(), rs("10.0.0.8:80", 1), false),
                new ReloadChange.DestinationAdded(old.id(), rs("10.0.0.9:80", 1), false));
    }

    @Test
    void aWeightChangeIsOneSetDest() {
        Service old = web(List.of(rs("10.0.0.7:80", 1), rs("10.0.0.8:80", 1)));
        Service now = web(List.of(rs("10.0.0.7:80", 1), rs("10.0.0.8:80", 3)));
        List<ReloadChange> changes = ReloadPlanner.plan(snapshot(old), snapshot(now)).changes();
        assertThat(changes).containsExactly(new ReloadChange.DestinationEdited(old.id(), "10.0.0.8:80", false,
                List.of(new SettingChange("weight", "1", "3"))));
    }

    @Test
    void methodAndThresholdChangesAreSetDest() {
        Destination a = rs("10.0.0.7:80", 1);
        for (String key : List.of("method", "uthreshold", "lthreshold")) {
            Destination b = new Destination(a.id(), with(a.kernel(), key, "9"), a.settings(), a.location());
            assertThat(ReloadPlanner.plan(snapshot(web(List.of(a))), snapshot(web(List.of(b)))).changes()).as(key)
                    .containsExactly(new ReloadChange.DestinationEdited(web(List.of()).id(), a.id(), false,
                            List.of(new SettingChange(key, a.kernel().get(key), "9"))));
        }
    }

    @Test
    void aCheckerChangeOfARealServerIsNoKernelCall() {
        Destination a = rs("10.0.0.7:80", 1);
        Destination b = new Destination(a.id(), a.kernel(), Map.of("checkers", "[TcpCheck{connect_port=8080}]"), a.location());
        ReloadPlan plan = ReloadPlanner.plan(snapshot(web(List.of(a))), snapshot(web(List.of(b))));
        assertThat(plan.changes()).hasSize(1).first().isInstanceOf(ReloadChange.DestinationSettingsChanged.class);
        assertThat(plan.changes(ReloadChange.Effect.IPVS)).isEmpty();
    }

    @Test
    void groupEntriesAreDiffed() {
        Service old = new Service("group web TCP", web(List.of()).kernel(), List.of("10.0.0.3:80", "10.0.0.4:80"),
                Map.of(), List.of(rs("10.0.0.7:80", 1)), Optional.empty(), "x:1");
        Service now = new Service("group web TCP", old.kernel(), List.of("10.0.0.3:80", "10.0.0.5:80"),
                Map.of(), old.realServers(), Optional.empty(), "x:1");
        assertThat(ReloadPlanner.plan(snapshot(old), snapshot(now)).changes()).containsExactly(
                new ReloadChange.GroupEntryRemoved("group web TCP", "10.0.0.4:80"),
                new ReloadChange.GroupEntryAdded("group web TCP", "10.0.0.5:80"));
    }

    @Test
    void theSorryServerIsDiffedLikeARealServer() {
        Service old = web(List.of());
        Destination sorry = new Destination("10.0.0.9:80", Map.of("method", "DR"), Map.of(), "x:1");
        Service now = new Service(old.id(), old.kernel(), List.of(), old.settings(), List.of(), Optional.of(sorry), "x:1");
        assertThat(ReloadPlanner.plan(snapshot(old), snapshot(now)).changes())
                .containsExactly(new ReloadChange.DestinationAdded(old.id(), sorry, true));
        assertThat(ReloadPlanner.plan(snapshot(now), snapshot(old)).changes())
                .containsExactly(new ReloadChange.DestinationRemoved(old.id(), sorry, true));
    }

    @Test
    void duplicatesArePairedInOrder() {
        Service old = web(List.of(rs("10.0.0.7:80", 1), rs("10.0.0.7:80", 2)));
        Service now = web(List.of(rs("10.0.0.7:80", 1)));
        assertThat(ReloadPlanner.plan(snapshot(old), snapshot(now)).changes())
                .containsExactly(new ReloadChange.DestinationRemoved(old.id(), rs("10.0.0.7:80", 2), false));
    }

    @Test
    void everyChangeDescribesItself() {
        ConfigSnapshot empty = ConfigSnapshot.empty();
        ReloadPlan plan = ReloadPlanner.plan(empty, seed());
        assertThat(plan.changes()).hasSize(2);
        assertThat(plan.changes().get(0).describe()).contains("VI_1", "10.0.0.3/32", "BACKUP");
        assertThat(plan.changes().get(1).describe()).contains("TCP 10.0.0.3:80", "10.0.0.7:80", "10.0.0.8:80", "NEW_SERVICE");
        assertThat(ReloadPlanner.plan(seed(), empty).changes()).extracting(ReloadChange::describe)
                .anySatisfy(s -> assertThat(s).contains("priority 0", "10.0.0.3/32"))
                .anySatisfy(s -> assertThat(s).contains("DEL_SERVICE"));
    }

    static ConfigSnapshot snapshot(Service s) {
        return new ConfigSnapshot(List.of(), List.of(s));
    }
}
