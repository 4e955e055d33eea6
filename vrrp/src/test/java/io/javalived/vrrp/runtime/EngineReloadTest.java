package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.Vip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalived.vrrp.packet.AuthData;
import io.javalived.vrrp.packet.AuthType;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.packet.VrrpVersion;
import io.javalived.vrrp.receive.AdvertValidator;
import io.javalived.vrrp.receive.Expectations;
import io.javalived.vrrp.receive.ReceivedPacket;
import io.javalived.vrrp.receive.Reception;
import io.javalived.vrrp.state.GarpSchedule;
import io.javalived.vrrp.state.InstanceSettings;
import io.javalived.vrrp.state.VrrpState;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reloading a running engine on the in-memory twin (VRRPv3, advert_int 0.2 s: at 0.1 s a loaded machine's
 * 0.35 s stall let the backup take over, on the base commit too): a changed instance gets only its
 * differences, a removed one stops as at shutdown, a new one starts as at startup, and the peer never sees a
 * state change it should not.
 */
class EngineReloadTest {
    static final String LB01 = "10.0.0.5";
    static final String LB02 = "10.0.0.6";
    static final int ADVERT_CENTIS = 20;

    InMemoryPlatform.Wire wire;
    InMemoryPlatform p1;
    InMemoryPlatform p2;
    VrrpEngine e1;
    VrrpEngine e2;

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static InstanceConfig v3(String name, int vrid, int prio, String addr, List<String> vips, Optional<String> group) {
        List<Vip> vs = vips.stream().map(v -> Vip.of(ip(v), 24, "eth0")).toList();
        var settings = new InstanceSettings(name, VrrpVersion.V3, vrid, prio, prio > 60, ADVERT_CENTIS, false, Duration.ZERO,
                ip(addr), 3, false, false, new GarpSchedule(Duration.ZERO, 1, Duration.ZERO, 1), group.isPresent());
        var exp = new Expectations(VrrpVersion.V3, IpFamily.IPV4, vrid, AuthType.NONE, AuthData.ZEROS, ADVERT_CENTIS, false,
                AdvertValidator.VRRP_GROUP_V4, List.of(), false, false, vs.stream().map(Vip::address).toList(), false);
        return new InstanceConfig(settings, exp, "eth0", ip(addr), List.of(AdvertValidator.VRRP_GROUP_V4), 255, vs,
                List.of(), AuthType.NONE, AuthData.ZEROS, false, Notifies.NONE, List.of(), List.of(), group);
    }

    static InstanceConfig v3(String name, int prio, String addr, String... vips) {
        return v3(name, 62, prio, addr, List.of(vips), Optional.empty());
    }

    static void await(BooleanSupplier c, String what) throws InterruptedException {
        for (int i = 0; i < 400 && !c.getAsBoolean(); i++) Thread.sleep(25);
        assertThat(c.getAsBoolean()).as(what).isTrue();
    }

    static InstanceStatus status(VrrpEngine e, String name) {
        return e.status().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @BeforeEach
    void pair() throws Exception {
        wire = new InMemoryPlatform.Wire();
        p1 = new InMemoryPlatform(wire, ip(LB01));
        p2 = new InMemoryPlatform(wire, ip(LB02));
        e1 = new VrrpEngine(p1, List.of(v3("VI_1", 100, LB01, "10.0.0.3")), Map.of(), Map.of());
        e2 = new VrrpEngine(p2, List.of(v3("VI_1", 50, LB02, "10.0.0.3")), Map.of(), Map.of());
        e1.start();
        e2.start();
        await(() -> status(e1, "VI_1").state() == VrrpState.MASTER && status(e2, "VI_1").state() == VrrpState.BACKUP
                && status(e2, "VI_1").advertsReceived() > 3, "lb01 MASTER, lb02 BACKUP");
    }

    @AfterEach
    void stop() {
        e1.close();
        e2.close();
    }

    /** Waits several Master_Down_Intervals of the peer (0.2 s adverts: about 0.7 s each). */
    static void severalDownIntervals() throws InterruptedException {
        Thread.sleep(2200);
    }

    @Test
    void aVipAddedToAMasterAppearsAloneAndNothingElseMoves() throws Exception {
        int before = p1.vipChanges().size();
        int announcedBefore = p1.announced().size();

        e1.updateInstance("VI_1", v3("VI_1", 100, LB01, "10.0.0.3", "10.0.0.4"));

        assertThat(p1.vipChanges().subList(before, p1.vipChanges().size())).containsExactly("+10.0.0.4/24");
        assertThat(p1.announced().subList(announcedBefore, p1.announced().size())).containsOnly("10.0.0.4");
        severalDownIntervals();
        assertThat(p1.vipChanges().subList(before, p1.vipChanges().size())).containsExactly("+10.0.0.4/24");
        assertThat(status(e1, "VI_1").state()).isEqualTo(VrrpState.MASTER);
        assertThat(status(e1, "VI_1").becameMaster()).isEqualTo(1);
        assertThat(status(e1, "VI_1").releasedMaster()).isZero();
        assertThat(status(e2, "VI_1").becameMaster()).as("the peer never took over").isZero();
        assertThat(status(e2, "VI_1").state()).isEqualTo(VrrpState.BACKUP);

        int mid = p1.vipChanges().size();
        e1.updateInstance("VI_1", v3("VI_1", 100, LB01, "10.0.0.4"));
        assertThat(p1.vipChanges().subList(mid, p1.vipChanges().size())).containsExactly("-10.0.0.3/24");
        assertThat(p1.vipsHeld()).extracting(v -> v.address().getHostAddress()).containsExactly("10.0.0.4");
        assertThat(status(e1, "VI_1").state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void aVipAddedToABackupIsOnlyConfiguredWhenItBecomesMaster() throws Exception {
        e2.updateInstance("VI_1", v3("VI_1", 50, LB02, "10.0.0.3", "10.0.0.4"));
        assertThat(p2.vipChanges()).isEmpty();
        e1.removeInstances(List.of("VI_1"));
        await(() -> p2.vipsHeld().size() == 2, "lb02 takes over with both VIPs");
    }

    @Test
    void aLowerPriorityTakesEffectAndTheHigherOneTakesOverAgain() throws Exception {
        e1.updateInstance("VI_1", v3("VI_1", 40, LB01, "10.0.0.3"));
        await(() -> status(e2, "VI_1").state() == VrrpState.MASTER, "lb02 (50) preempts lb01 (now 40)");
        await(() -> status(e1, "VI_1").state() == VrrpState.BACKUP && p1.vipsHeld().isEmpty(), "lb01 steps down");
        assertThat(status(e1, "VI_1").effectivePriority()).isEqualTo(40);

        e1.updateInstance("VI_1", v3("VI_1", 100, LB01, "10.0.0.3"));
        await(() -> status(e1, "VI_1").state() == VrrpState.MASTER && status(e2, "VI_1").state() == VrrpState.BACKUP,
                "lb01 (100 again) preempts back");
    }

    @Test
    void aNewAdvertIntervalIsWhatTheMasterSends() throws Exception {
        var sniffer = new InMemoryPlatform(wire, ip("10.0.0.9")).openSocket(v3("sniff", 100, "10.0.0.9"));
        InstanceConfig slow = v3("VI_1", 100, LB01, "10.0.0.3");
        InstanceSettings s = slow.settings();
        var slower = new InstanceSettings(s.name(), s.version(), s.vrid(), s.basePriority(), s.wantMaster(), 30,
                s.nopreempt(), s.preemptDelay(), s.primaryAddress(), s.downTimerAdverts(), s.lowerPrioNoAdvert(),
                s.higherPrioSendAdvert(), s.garp(), s.syncGroupMember());
        e1.updateInstance("VI_1", new InstanceConfig(slower, slow.expectations(), slow.interfaceName(), slow.sourceAddress(),
                slow.destinations(), slow.ttl(), slow.vips(), slow.excludedVips(), slow.authType(), slow.authData(),
                slow.checksumAsV2(), slow.notifies(), slow.trackInterfaces(), slow.trackScripts(), slow.syncGroup()));
        List<Integer> intervals = new ArrayList<>();
        long end = System.nanoTime() + 2_000_000_000L;
        while (intervals.size() < 5 && System.nanoTime() < end) {
            ReceivedPacket p = sniffer.receive(Duration.ofMillis(200));
            if (p == null) continue;
            var exp = v3("VI_1", 100, LB01, "10.0.0.3").expectations();
            if (AdvertValidator.check(p, exp, null) instanceof Reception.Accepted a && a.source().equals(ip(LB01))) {
                intervals.add(a.advert().intervalCentis());
            }
        }
        assertThat(intervals).hasSize(5).last().isEqualTo(30);
        severalDownIntervals();
        assertThat(status(e2, "VI_1").becameMaster()).as("v3 backup learns the master's interval").isZero();
    }

    @Test
    void aRemovedMasterSendsPriorityZeroAndDropsItsVips() throws Exception {
        var sniffer = new InMemoryPlatform(wire, ip("10.0.0.9")).openSocket(v3("sniff", 100, "10.0.0.9"));
        e1.removeInstances(List.of("VI_1"));
        assertThat(p1.vipsHeld()).isEmpty();
        assertThat(e1.instanceNames()).isEmpty();
        boolean zero = false;
        for (int i = 0; i < 50 && !zero; i++) {
            ReceivedPacket p = sniffer.receive(Duration.ofMillis(100));
            if (p != null && AdvertValidator.check(p, v3("VI_1", 100, LB01, "10.0.0.3").expectations(), null)
                    instanceof Reception.Accepted a && a.source().equals(ip(LB01)) && a.advert().priority() == 0) {
                zero = true;
            }
        }
        assertThat(zero).as("priority-0 advert from lb01").isTrue();
        await(() -> status(e2, "VI_1").state() == VrrpState.MASTER, "lb02 takes over");
    }

    @Test
    void aNewInstanceStartsInBackupAndTheRunningOneIsNotTouched() throws Exception {
        int before = p1.vipChanges().size();
        e1.addInstances(List.of(v3("VI_2", 63, 100, LB01, List.of("10.0.0.10"), Optional.empty())), Map.of(), Map.of());
        assertThat(status(e1, "VI_2").state()).as("INIT -> BACKUP as at startup").isEqualTo(VrrpState.BACKUP);
        await(() -> status(e1, "VI_2").state() == VrrpState.MASTER, "VI_2 MASTER after Master_Down_Interval");
        assertThat(p1.vipChanges().subList(before, p1.vipChanges().size())).containsExactly("+10.0.0.10/24");
        assertThat(status(e1, "VI_1").becameMaster()).isEqualTo(1);
        assertThat(e1.instanceNames()).containsExactly("VI_1", "VI_2");
    }

    @Test
    void aRenameKeepsTheInstance() throws Exception {
        int before = p1.vipChanges().size();
        e1.updateInstance("VI_1", v3("web", 100, LB01, "10.0.0.3"));
        assertThat(e1.instanceNames()).containsExactly("web");
        assertThat(status(e1, "web").state()).isEqualTo(VrrpState.MASTER);
        assertThat(status(e1, "web").becameMaster()).isEqualTo(1);
        assertThat(p1.vipChanges()).hasSize(before);
    }

    @Test
    void aSyncGroupGoesAndComesBackWhole() throws Exception {
        e1.addInstances(List.of(v3("A", 70, 100, LB01, List.of("10.0.0.20"), Optional.of("G")),
                v3("B", 71, 100, LB01, List.of("10.0.0.21"), Optional.of("G"))), Map.of("G", List.of("A", "B")), Map.of());
        await(() -> status(e1, "A").state() == VrrpState.MASTER && status(e1, "B").state() == VrrpState.MASTER,
                "the group goes MASTER together");
        assertThatThrownBy(() -> e1.removeInstances(List.of("A"))).hasMessageContaining("remove all its members");
        assertThatThrownBy(() -> e1.updateInstance("A", v3("A", 70, 100, LB01, List.of("10.0.0.20"), Optional.of("H"))))
                .hasMessageContaining("sync group changed");
        assertThat(e1.instanceNames()).containsExactly("VI_1", "A", "B");

        e1.removeInstances(List.of("A", "B"));
        assertThat(p1.vipsHeld()).extracting(v -> v.address().getHostAddress()).containsExactly("10.0.0.3");
        e1.addInstances(List.of(v3("A", 70, 100, LB01, List.of("10.0.0.20"), Optional.of("G")),
                v3("B", 71, 100, LB01, List.of("10.0.0.21"), Optional.of("G")),
                v3("C", 72, 100, LB01, List.of("10.0.0.22"), Optional.of("G"))), Map.of("G", List.of("A", "B", "C")), Map.of());
        await(() -> p1.vipsHeld().size() == 4, "the group of three goes MASTER");
        assertThat(status(e1, "VI_1").becameMaster()).isEqualTo(1);
    }
}
