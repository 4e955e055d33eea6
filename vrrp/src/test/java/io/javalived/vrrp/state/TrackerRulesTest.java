package io.javalived.vrrp.state;

import static io.javalived.vrrp.state.VirtualLan.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.packet.VrrpVersion;
import io.javalived.vrrp.state.VrrpAction.AddVips;
import io.javalived.vrrp.state.VrrpAction.MasterRxLowerPriority;
import io.javalived.vrrp.state.VrrpAction.RemoveVips;
import io.javalived.vrrp.state.VrrpAction.SendAdvert;
import io.javalived.vrrp.state.VrrpAction.SendGarps;
import io.javalived.vrrp.state.VrrpAction.StateChanged;
import io.javalived.vrrp.state.VrrpAction.WaitInInit;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * keepalived's rules around trackers and priority on a virtual clock (reference 2.1, 2.2): an instance waits in
 * INIT for its init-pending (weight-0) scripts, a priority change moves a BACKUP's running down timer by the change
 * in skew, and a MASTER hearing a lower priority sends its garp_lower_prio batches and the MASTER_RX_LOWER_PRI event.
 */
class TrackerRulesTest {
    static final long S = 1_000_000_000L;
    static final long US = 1_000L;
    static final InetAddress LB01 = VrrpStateMachineTest.ip("10.0.0.5");
    static final InetAddress LB02 = VrrpStateMachineTest.ip("10.0.0.6");

    static VrrpEvent.HealthChanged pending(int prio) {
        return new VrrpEvent.HealthChanged(false, prio, "waiting for the first result of script chk", true);
    }

    static VrrpEvent.HealthChanged reported(int prio) {
        return new VrrpEvent.HealthChanged(false, prio, "trackers up", false);
    }

    static VrrpEvent.AdvertReceived v3advert(InetAddress from, int prio) {
        return new VrrpEvent.AdvertReceived(from, prio, 10);
    }

    @Test
    void aStartedInstanceWaitsInInitUntilItsWeightZeroScriptsReportThenStartsItsTimers() {
        var m = new VrrpStateMachine(InstanceSettings.of("vi", VrrpVersion.V3, 62, 100, false, 10, LB01));
        m.handle(pending(100), 0);
        assertThat(m.handle(VrrpEvent.START, 0)).containsExactly(new RemoveVips(List.of()),
                new WaitInInit("waiting for the first result of script chk"));
        assertThat(m.state()).isEqualTo(VrrpState.INIT);
        assertThat(m.nextDeadline()).as("no timer runs in INIT").isEqualTo(VrrpStateMachine.NEVER);
        assertThat(m.handle(v3advert(LB02, 50), 2 * S)).as("adverts are ignored in INIT").isEmpty();
        assertThat(m.handle(VrrpEvent.TICK, 5 * S)).isEmpty();
        assertThat(m.state()).isEqualTo(VrrpState.INIT);

        List<VrrpAction> a = m.handle(reported(100), 6 * S);
        assertThat(a).containsExactly(new StateChanged(VrrpState.INIT, VrrpState.BACKUP,
                "start, tracked vrrp_scripts have reported"));
        // Master_Down_Interval from the moment it left INIT: 3 x 0.1 s + (256 - 100) x 10 x 625 / 16 us
        assertThat(m.downDeadline()).isEqualTo(6 * S + 300_000 * US + 60_937 * US);
    }

    @Test
    void anOwnerWaitingForItsScriptsBecomesMasterAtOnceWhenTheyReport() {
        var m = new VrrpStateMachine(InstanceSettings.of("vi", VrrpVersion.V2, 62, 255, true, 100, LB01));
        m.handle(pending(255), 0);
        m.handle(VrrpEvent.START, 0);
        assertThat(m.state()).isEqualTo(VrrpState.INIT);
        List<VrrpAction> a = m.handle(reported(255), 3 * S);
        assertThat(a).containsSubsequence(new AddVips(List.of()), new SendAdvert(255));
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void aFaultWhileWaitingIsAFaultAndTheInstanceLeavesFaultOnlyOnceTheScriptsReported() {
        var m = new VrrpStateMachine(InstanceSettings.of("vi", VrrpVersion.V2, 62, 100, false, 100, LB01));
        m.handle(pending(100), 0);
        m.handle(VrrpEvent.START, 0);
        m.handle(new VrrpEvent.HealthChanged(true, 100, "interface eth0 is down", true), S);
        assertThat(m.state()).isEqualTo(VrrpState.FAULT);
        m.handle(pending(100), 2 * S); // the interface is back, the script still has not answered
        assertThat(m.state()).isEqualTo(VrrpState.FAULT);
        m.handle(reported(100), 3 * S);
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void anInstanceWithoutPendingScriptsStartsAsBefore() {
        var m = new VrrpStateMachine(InstanceSettings.of("vi", VrrpVersion.V2, 62, 100, false, 100, LB01));
        m.handle(reported(100), 0);
        assertThat(m.handle(VrrpEvent.START, 0)).containsExactly(new RemoveVips(List.of()),
                new StateChanged(VrrpState.INIT, VrrpState.BACKUP, "start"));
    }

    @Test
    void aPriorityChangeInBackupMovesTheRunningDownTimerByTheChangeInSkew() {
        // v3, advert_int 0.1 s, priority 50: skew 80.468 ms; the master's interval is learnt from its adverts.
        var m = new VrrpStateMachine(InstanceSettings.of("vi", VrrpVersion.V3, 62, 50, false, 10, LB02));
        m.handle(reported(50), 0);
        m.handle(VrrpEvent.START, 0);
        long t = S;
        m.handle(v3advert(LB01, 100), t);
        assertThat(m.downDeadline()).isEqualTo(t + 300_000 * US + 80_468 * US);

        m.handle(reported(200), t + 50 * MS); // a tracker adds 150: skew becomes 56 x 10 x 625 / 16 us = 21.875 ms
        assertThat(m.downDeadline()).as("the running timer moves at once, not at the next advert")
                .isEqualTo(t + 300_000 * US + 21_875 * US);
        assertThat(m.handle(VrrpEvent.TICK, t + 321_874 * US)).isEmpty();
        assertThat(m.handle(VrrpEvent.TICK, t + 321_875 * US)).containsSubsequence(new AddVips(List.of()), new SendAdvert(200));
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void aLowerPriorityLengthensTheTimerAndAfterAPriorityZeroAdvertTheTimerIsTheNewSkew() {
        var m = new VrrpStateMachine(InstanceSettings.of("vi", VrrpVersion.V2, 62, 200, false, 100, LB02));
        m.handle(reported(200), 0);
        m.handle(VrrpEvent.START, 0);
        m.handle(VrrpStateMachineTest.advert(LB01, 250), S);
        m.handle(reported(100), S + 100 * MS); // v2 skew (256 - 200) / 256 s = 0.21875 s -> (256 - 100) / 256 s = 0.609375 s
        assertThat(m.downDeadline()).isEqualTo(S + 3 * S + 609_375 * US);

        m.handle(VrrpStateMachineTest.advert(LB01, 0), 2 * S); // the master leaves: timer = skew
        assertThat(m.downDeadline()).isEqualTo(2 * S + 609_375 * US);
        m.handle(reported(200), 2 * S + 10 * MS);
        assertThat(m.downDeadline()).isEqualTo(2 * S + 218_750 * US);
    }

    @Test
    void theOwnerAndStatesOtherThanBackupHaveNoTimerToMove() {
        var master = new VrrpStateMachine(InstanceSettings.of("vi", VrrpVersion.V2, 62, 100, true, 100, LB01));
        master.handle(reported(100), 0);
        master.handle(VrrpEvent.START, 0);
        master.handle(VrrpEvent.TICK, master.nextDeadline());
        assertThat(master.state()).isEqualTo(VrrpState.MASTER);
        long next = master.nextDeadline();
        master.handle(reported(150), next - MS);
        assertThat(master.nextDeadline()).as("a MASTER's advert timer is not moved").isEqualTo(next);
        assertThat(master.downDeadline()).isEqualTo(VrrpStateMachine.NEVER);
    }

    @Test
    void aMasterHearingALowerPrioritySendsTheGarpLowerPrioBatchesAndTheEvent() {
        var garp = new GarpSchedule(Duration.ZERO, 1, Duration.ZERO, 1, Duration.ofSeconds(2), 3);
        var m = new VrrpStateMachine(InstanceSettings.of("vi", VrrpVersion.V2, 62, 255, true, 100, LB01).withGarp(garp));
        m.handle(VrrpEvent.START, 0);
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
        assertThat(m.handle(VrrpStateMachineTest.advert(LB02, 50), 500 * MS))
                .containsExactly(new SendAdvert(255), new SendGarps(3, List.of()), new MasterRxLowerPriority(LB02, 50));
        assertThat(m.handle(VrrpStateMachineTest.advert(LB02, 50), 700 * MS)).as("answered once per advert interval")
                .isEmpty();
        assertThat(m.handle(VrrpStateMachineTest.advert(LB02, 50), 1500 * MS)).as("one delayed batch pending at a time")
                .containsExactly(new SendAdvert(255), new SendGarps(3, List.of()), new MasterRxLowerPriority(LB02, 50));
        List<VrrpAction> out = new ArrayList<>();
        for (long t = 1600 * MS; t <= 4 * S; t = Math.max(t + MS, m.nextDeadline())) {
            if (m.nextDeadline() <= t) out.addAll(m.handle(VrrpEvent.TICK, t));
        }
        assertThat(out.stream().filter(a -> a instanceof SendGarps).toList())
                .as("garp_lower_prio_delay after the first: one more batch").containsExactly(new SendGarps(3, List.of()));
    }

    @Test
    void lowerPrioNoAdvertAndARepeatOfZeroLeaveOnlyTheEvent() {
        var garp = new GarpSchedule(Duration.ZERO, 1, Duration.ZERO, 1, Duration.ofSeconds(2), 0);
        var s = new InstanceSettings("vi", VrrpVersion.V2, 62, 255, true, 100, false, Duration.ZERO, LB01, 3, true,
                false, garp, false);
        var m = new VrrpStateMachine(s);
        m.handle(VrrpEvent.START, 0);
        assertThat(m.handle(VrrpStateMachineTest.advert(LB02, 50), S)).containsExactly(new MasterRxLowerPriority(LB02, 50));
        assertThat(m.nextDeadline()).as("only its own advert timer (1 s after start), no GARP timer").isEqualTo(S);
    }

    @Test
    void inASyncGroupEveryMasterMemberSendsItsLowerPriorityBatch() {
        var garp = new GarpSchedule(Duration.ZERO, 1, Duration.ZERO, 1, Duration.ZERO, 2);
        var a = new VrrpStateMachine(InstanceSettings.of("A", VrrpVersion.V2, 51, 255, true, 100, LB01).withGarp(garp).inSyncGroup());
        var b = new VrrpStateMachine(InstanceSettings.of("B", VrrpVersion.V2, 52, 255, true, 100, LB01).withGarp(garp).inSyncGroup());
        var g = new SyncGroup("G", List.of(a, b), x -> { });
        g.handle("A", VrrpEvent.START, 0);
        g.handle("B", VrrpEvent.START, 0);
        assertThat(a.state()).isEqualTo(VrrpState.MASTER);
        assertThat(b.state()).isEqualTo(VrrpState.MASTER);
        List<Step> steps = g.handle("A", VrrpStateMachineTest.advert(LB02, 50), S);
        assertThat(steps).contains(new Step("A", new SendGarps(2, List.of())), new Step("B", new SendGarps(2, List.of())));
        assertThat(steps).filteredOn(st -> st.action() instanceof MasterRxLowerPriority).hasSize(1);
    }
}
