package io.javalived.vrrp.state;

import static io.javalived.vrrp.state.VirtualLan.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.packet.VrrpVersion;
import io.javalived.vrrp.state.VrrpAction.AddVips;
import io.javalived.vrrp.state.VrrpAction.RemoveVips;
import io.javalived.vrrp.state.VrrpAction.SendAdvert;
import io.javalived.vrrp.state.VrrpAction.SendGarps;
import io.javalived.vrrp.state.VrrpAction.StateChanged;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class VrrpStateMachineTest {
    static final long S = 1_000_000_000L;
    static final InetAddress LB01 = ip("10.0.0.5");
    static final InetAddress LB02 = ip("10.0.0.6");

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static InstanceSettings v2(String name, int prio, boolean master, InetAddress addr) {
        return InstanceSettings.of(name, VrrpVersion.V2, 62, prio, master, 100, addr);
    }

    static VrrpEvent.AdvertReceived advert(InetAddress from, int prio) {
        return new VrrpEvent.AdvertReceived(from, prio, 100);
    }

    @Test
    void ownerGoesMasterAtOnceVipsFirstThenAdvertThenGarps() {
        var m = new VrrpStateMachine(v2("vi", 255, true, LB01));
        List<VrrpAction> a = m.handle(VrrpEvent.START, 0);
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
        assertThat(a).containsExactly(new RemoveVips(List.of()), new AddVips(List.of()), new SendAdvert(255), new SendGarps(5, List.of()),
                new StateChanged(VrrpState.INIT, VrrpState.MASTER, "address owner (priority 255) starts as MASTER"));
    }

    @Test
    void stateMasterBelow255WaitsMasterDownInterval() {
        var m = new VrrpStateMachine(v2("vi", 100, true, LB01));
        m.handle(VrrpEvent.START, 0);
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
        // 3 x 1 s + (256 - 100) / 256 s = 3.609375 s
        assertThat(m.nextDeadline()).isEqualTo(3_609_375_000L);
        assertThat(m.handle(VrrpEvent.TICK, 3_609_374_999L)).isEmpty();
        assertThat(m.handle(VrrpEvent.TICK, 3_609_375_000L)).containsSubsequence(new AddVips(List.of()), new SendAdvert(100));
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void skewAndMasterDownFollowTheFormulas() {
        assertThat(Timing.skewMicros(VrrpVersion.V2, 100, 300)).as("v2 skew ignores the interval").isEqualTo(609_375);
        assertThat(Timing.skewMicros(VrrpVersion.V3, 100, 100)).isEqualTo(609_375);
        assertThat(Timing.skewMicros(VrrpVersion.V3, 100, 10)).isEqualTo(60_937);
        assertThat(Timing.skewMicros(VrrpVersion.V3, 50, 10)).isEqualTo(80_468);
        assertThat(Timing.masterDownMicros(VrrpVersion.V3, 50, 10, 3)).isEqualTo(380_468);
        assertThat(Timing.masterDownMicros(VrrpVersion.V2, 50, 100, 3)).isEqualTo(3_804_687);
    }

    @Test
    void backupSeeingPriorityZeroWaitsOnlySkew() {
        var m = new VrrpStateMachine(v2("vi", 50, false, LB02));
        m.handle(VrrpEvent.START, 0);
        m.handle(advert(LB01, 100), S);
        assertThat(m.nextDeadline()).isEqualTo(S + 3_804_687_000L);
        m.handle(advert(LB01, 0), 2 * S);
        assertThat(m.nextDeadline()).isEqualTo(2 * S + 804_687_000L);
    }

    @Test
    void backupDiscardsLowerPriorityAndTakesOverOnlyAtTimerExpiry() {
        var m = new VrrpStateMachine(v2("vi", 100, false, LB01));
        m.handle(VrrpEvent.START, 0);
        long deadline = m.nextDeadline();
        assertThat(m.handle(advert(LB02, 50), S)).isEmpty();
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(m.nextDeadline()).as("timer not reset by a lower priority").isEqualTo(deadline);
        m.handle(VrrpEvent.TICK, deadline);
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void nopreemptAcceptsLowerPriorityMaster() {
        var m = new VrrpStateMachine(v2("vi", 100, false, LB01).withNopreempt(true));
        m.handle(VrrpEvent.START, 0);
        for (long t = S; t < 20 * S; t += S) {
            m.handle(advert(LB02, 50), t);
            m.handle(VrrpEvent.TICK, t);
        }
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(m.masterAddress()).isEqualTo(LB02);
    }

    @Test
    void preemptDelayDefersTakeover() {
        var m = new VrrpStateMachine(v2("vi", 100, false, LB01).withPreemptDelay(Duration.ofSeconds(10)));
        m.handle(VrrpEvent.START, 0);
        long t = S;
        for (; m.state() == VrrpState.BACKUP && t < 60 * S; t += S) {
            m.handle(advert(LB02, 50), t);
            if (m.nextDeadline() <= t + S - 1) m.handle(VrrpEvent.TICK, m.nextDeadline());
        }
        // Lower adverts accepted from 1 s to 10 s after the first; then discarded, then the down timer runs out.
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
        assertThat(t).isBetween(11 * S + 3 * S, 11 * S + 5 * S);
    }

    @Test
    void masterReadvertisesAtOnceOnLowerPriorityAndOnPriorityZero() {
        var m = new VrrpStateMachine(v2("vi", 255, true, LB01));
        m.handle(VrrpEvent.START, 0);
        // keepalived: the advert, garp_lower_prio_repeat (default: garp_master_repeat, 5) GARPs, MASTER_RX_LOWER_PRI
        assertThat(m.handle(advert(LB02, 50), 100 * MS)).containsExactly(new SendAdvert(255), new SendGarps(5, List.of()),
                new VrrpAction.MasterRxLowerPriority(LB02, 50));
        assertThat(m.handle(advert(LB02, 0), 200 * MS)).containsExactly(new SendAdvert(255));
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void aFloodOfLowerPriorityAdvertsIsAnsweredOncePerAdvertIntervalAndAHigherOneStillWinsAtOnce() {
        var m = new VrrpStateMachine(v2("vi", 100, false, LB01));
        m.handle(VrrpEvent.START, 0);
        m.handle(VrrpEvent.TICK, m.nextDeadline());
        long t0 = 5 * S;
        int answers = 0;
        for (int i = 0; i < 10_000; i++) { // 10,000 forged adverts in 2 s (advert_int 1)
            answers += (int) m.handle(advert(ip("10.0.0.100"), 20), t0 + i * 200_000L).stream()
                    .filter(a -> a instanceof VrrpAction.MasterRxLowerPriority).count();
        }
        assertThat(answers).as("one answer (advert, GARPs, notify) per advert interval").isEqualTo(2);
        assertThat(m.handle(advert(LB02, 150), t0 + 2 * S + 1)).as("the real peer's higher priority acts at once")
                .contains(new VrrpAction.RemoveVips(List.of()));
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void masterYieldsToHigherPriorityAndOnEqualPriorityToTheHigherAddress() {
        var m = new VrrpStateMachine(v2("vi", 100, false, LB01));
        m.handle(VrrpEvent.START, 0);
        m.handle(VrrpEvent.TICK, m.nextDeadline());
        assertThat(m.handle(advert(ip("10.0.0.4"), 100), 5 * S)).as("same priority, lower address: a lower advert")
                .containsExactly(new SendAdvert(100), new SendGarps(5, List.of()), new VrrpAction.MasterRxLowerPriority(ip("10.0.0.4"), 100));
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
        List<VrrpAction> a = m.handle(advert(LB02, 100), 6 * S);
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(a.get(0)).isEqualTo(new RemoveVips(List.of()));
        assertThat(m.masterAddress()).isEqualTo(LB02);
    }

    @Test
    void gracefulStopSendsPriorityZeroThenRemovesVips() {
        var m = new VrrpStateMachine(v2("vi", 255, true, LB01));
        m.handle(VrrpEvent.START, 0);
        assertThat(m.handle(VrrpEvent.SHUTDOWN, S)).containsExactly(new SendAdvert(0), new RemoveVips(List.of()),
                new StateChanged(VrrpState.MASTER, VrrpState.STOP, "shutdown"));
        assertThat(m.handle(VrrpEvent.TICK, 10 * S)).isEmpty();
        assertThat(m.nextDeadline()).isEqualTo(VrrpStateMachine.NEVER);
    }

    @Test
    void faultFromMasterSendsPriorityZeroAndClearingGoesBackup() {
        var m = new VrrpStateMachine(v2("vi", 100, false, LB01));
        m.handle(VrrpEvent.START, 0);
        m.handle(VrrpEvent.TICK, m.nextDeadline());
        var down = m.handle(new VrrpEvent.HealthChanged(true, 100, "eth0 is down"), 5 * S);
        assertThat(down).containsExactly(new SendAdvert(0), new RemoveVips(List.of()),
                new StateChanged(VrrpState.MASTER, VrrpState.FAULT, "eth0 is down"));
        assertThat(m.handle(advert(LB02, 200), 6 * S)).as("FAULT ignores adverts").isEmpty();
        m.handle(new VrrpEvent.HealthChanged(false, 100, "eth0 is up"), 7 * S);
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(m.nextDeadline()).isEqualTo(7 * S + 3_609_375_000L);
    }

    @Test
    void priorityChangeIsReportedAndCarriedByTheNextAdvert() {
        var m = new VrrpStateMachine(v2("vi", 100, false, LB01));
        m.handle(VrrpEvent.START, 0);
        m.handle(VrrpEvent.TICK, m.nextDeadline());
        var a = m.handle(new VrrpEvent.HealthChanged(false, 80, "chk_nginx down"), 5 * S);
        assertThat(a).containsExactly(new VrrpAction.PriorityChanged(100, 80));
        assertThat(m.handle(VrrpEvent.TICK, m.nextDeadline())).contains(new SendAdvert(80));
    }

    @Test
    void v3BackupAdoptsTheMastersInterval() {
        var m = new VrrpStateMachine(InstanceSettings.of("vi", VrrpVersion.V3, 62, 50, false, 100, LB02));
        m.handle(VrrpEvent.START, 0);
        m.handle(new VrrpEvent.AdvertReceived(LB01, 100, 10), S);
        assertThat(m.masterIntervalCentis()).isEqualTo(10);
        assertThat(m.nextDeadline()).isEqualTo(S + 380_468_000L);
    }

    @Test
    void garpsRepeatAfterDelayAndOnRefresh() {
        var s = v2("vi", 255, true, LB01).withGarp(new GarpSchedule(Duration.ofSeconds(5), 5, Duration.ofSeconds(60), 2));
        var m = new VrrpStateMachine(s);
        m.handle(VrrpEvent.START, 0);
        long garps5 = 0;
        long garps2 = 0;
        for (long t = 0; t <= 125 * S; t += 100 * MS) {
            for (VrrpAction a : m.handle(VrrpEvent.TICK, t)) {
                if (a instanceof SendGarps(int n, var vips)) {
                    if (n == 5) garps5++;
                    else garps2++;
                }
            }
        }
        assertThat(garps5).isEqualTo(1);
        assertThat(garps2).isEqualTo(2);
    }

    @Test
    void timeNeverRunsBackwards() {
        var m = new VrrpStateMachine(v2("vi", 100, false, LB01));
        m.handle(VrrpEvent.START, 10 * S);
        long deadline = m.nextDeadline();
        m.handle(advert(LB02, 200), 0); // a stale clock reading counts as 10 s
        assertThat(m.nextDeadline()).isEqualTo(10 * S + 3_609_375_000L).isEqualTo(deadline);
    }
}
