package io.javalived.vrrp.state;

import static io.javalived.vrrp.state.VirtualLan.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.packet.VrrpVersion;
import java.net.InetAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Pairs and trios of state machines on a simulated LAN with a virtual clock. */
class VirtualLanTest {
    static final long S = 1_000_000_000L;

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static InstanceSettings inst(String name, VrrpVersion v, int prio, boolean master, String addr, int cs) {
        return InstanceSettings.of(name, v, 62, prio, master, cs, ip(addr));
    }

    static VirtualLan seedPair(long seed, VrrpVersion v, int cs) {
        var lan = new VirtualLan(seed);
        lan.add(inst("lb01", v, 100, true, "10.0.0.5", cs));
        lan.add(inst("lb02", v, 50, false, "10.0.0.6", cs));
        return lan;
    }

    @Test
    void seedPairGivesTheVipToLb01AfterMasterDownInterval() {
        var lan = seedPair(1, VrrpVersion.V2, 100);
        lan.startAll();
        lan.runFor(3_600 * MS);
        assertThat(lan.vipHolders()).isEmpty();
        lan.runFor(10 * S);
        assertThat(lan.vipHolders()).extracting(VirtualLan.Router::name).containsExactly("lb01");
        assertThat(lan.routers.get(0).vipsSince).isEqualTo(3_609_375_000L);
    }

    @Test
    void crashOfTheMasterHandsTheVipToTheBackupWithinMasterDownInterval() {
        var lan = seedPair(2, VrrpVersion.V2, 100);
        lan.startAll();
        lan.runFor(20 * S);
        var lb01 = lan.routers.get(0);
        var lb02 = lan.routers.get(1);
        long killedAt = lan.now;
        lan.crash(lb01);
        lan.runFor(10 * S);
        assertThat(lan.vipHolders()).containsExactly(lb02);
        // 3 x 1 s + (256 - 50) / 256 s = 3.8047 s after the last advert heard; at most that after the kill.
        assertThat(lb02.vipsSince - killedAt).isBetween(2_800 * MS, 3_805 * MS);
    }

    @Test
    void gracefulStopHandsOverWithinSkewTime() {
        var lan = seedPair(3, VrrpVersion.V3, 10);
        lan.startAll();
        lan.runFor(5 * S);
        var lb02 = lan.routers.get(1);
        long stoppedAt = lan.now;
        lan.stop(lan.routers.get(0));
        lan.runFor(2 * S);
        assertThat(lan.vipHolders()).containsExactly(lb02);
        // v3 skew for priority 50 at 10 cs: 80.468 ms, plus the wire delay.
        assertThat(lb02.vipsSince - stoppedAt).isEqualTo(80_468_000L + lan.delayNanos);
    }

    @Test
    void higherPriorityPreemptsBackAfterRestart() {
        var lan = seedPair(4, VrrpVersion.V2, 100);
        lan.startAll();
        lan.runFor(10 * S);
        var lb01 = lan.routers.get(0);
        lan.crash(lb01);
        lan.runFor(10 * S);
        var again = lan.add(inst("lb01", VrrpVersion.V2, 100, true, "10.0.0.5", 100));
        lan.routers.remove(lb01);
        again.perform(again.machine.handle(VrrpEvent.START, lan.now));
        lan.runFor(10 * S);
        assertThat(lan.vipHolders()).containsExactly(again);
    }

    @Test
    void partitionMakesTwoMastersAndHealingLeavesOne() {
        var lan = seedPair(5, VrrpVersion.V2, 100);
        lan.startAll();
        lan.runFor(10 * S);
        lan.routers.get(1).side = 1;
        lan.runFor(10 * S);
        assertThat(lan.masters()).hasSize(2);
        lan.routers.get(1).side = 0;
        lan.runFor(3 * S);
        assertThat(lan.masters()).extracting(VirtualLan.Router::name).containsExactly("lb01");
        assertThat(lan.vipHolders()).hasSize(1);
    }

    @Test
    void clockJumpConvergesBackToOneMaster() {
        var lan = seedPair(6, VrrpVersion.V2, 100);
        lan.startAll();
        lan.runFor(10 * S);
        lan.jump(3_600 * S);
        lan.runFor(10 * S);
        assertThat(lan.masters()).extracting(VirtualLan.Router::name).containsExactly("lb01");
        assertThat(lan.vipHolders()).hasSize(1);
    }

    @Test
    void equalPrioritiesElectTheHigherAddress() {
        var lan = new VirtualLan(7);
        lan.add(inst("a", VrrpVersion.V3, 100, true, "10.0.0.5", 100));
        lan.add(inst("b", VrrpVersion.V3, 100, true, "10.0.0.9", 100));
        lan.add(inst("c", VrrpVersion.V3, 100, true, "10.0.0.7", 100));
        lan.startAll();
        lan.runFor(20 * S);
        assertThat(lan.masters()).extracting(VirtualLan.Router::name).containsExactly("b");
    }

    /**
     * Under any mix of loss, duplication and a partition, once the network is healthy again for a while
     * exactly one router holds the VIPs and it is the highest priority one.
     */
    @Property(tries = 200)
    void convergesToTheHighestPriorityAfterAnyTrouble(@ForAll long seed,
                                                      @ForAll @IntRange(min = 0, max = 90) int lossPercent,
                                                      @ForAll @IntRange(min = 0, max = 50) int dupPercent,
                                                      @ForAll @LongRange(min = 0, max = 30) long troubleSeconds,
                                                      @ForAll boolean partition, @ForAll boolean v3,
                                                      @ForAll @IntRange(min = 1, max = 253) int p1,
                                                      @ForAll @IntRange(min = 1, max = 253) int p2) {
        var v = v3 ? VrrpVersion.V3 : VrrpVersion.V2;
        var lan = new VirtualLan(seed);
        lan.add(inst("x", v, p1, true, "10.0.0.5", 100));
        lan.add(inst("y", v, p2, false, "10.0.0.6", 100));
        lan.add(inst("z", v, Math.max(1, Math.min(p1, p2) - 1), false, "10.0.0.4", 100));
        lan.startAll();
        lan.loss = lossPercent / 100.0;
        lan.duplication = dupPercent / 100.0;
        if (partition) lan.routers.get(1).side = 1;
        lan.runFor(troubleSeconds * S);
        lan.loss = 0;
        lan.duplication = 0;
        lan.routers.get(1).side = 0;
        lan.runFor(10 * S);
        String expected = p1 > p2 ? "x" : p2 > p1 ? "y" : "y"; // equal: 10.0.0.6 beats 10.0.0.5
        assertThat(lan.masters()).extracting(VirtualLan.Router::name).containsExactly(expected);
        assertThat(lan.vipHolders()).extracting(VirtualLan.Router::name).containsExactly(expected);
    }
}
