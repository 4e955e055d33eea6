package io.javalived.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalived.vrrp.packet.VrrpVersion;
import io.javalived.vrrp.state.VrrpAction.AddVips;
import io.javalived.vrrp.state.VrrpAction.RemoveVips;
import io.javalived.vrrp.state.VrrpAction.SendAdvert;
import io.javalived.vrrp.state.VrrpAction.SendGarps;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reload's new settings on a running state machine, on a virtual clock: the state stays, the settings apply. */
class ReconfigureTest {
    static final long S = 1_000_000_000L;
    static final InetAddress LB01 = VrrpStateMachineTest.ip("10.0.0.5");
    static final InetAddress LB02 = VrrpStateMachineTest.ip("10.0.0.6");

    static InstanceSettings v2(int prio, int intervalCentis) {
        return InstanceSettings.of("vi", VrrpVersion.V2, 62, prio, true, intervalCentis, LB01);
    }

    static VrrpStateMachine master() {
        var m = new VrrpStateMachine(v2(255, 100));
        m.handle(VrrpEvent.START, 0);
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
        return m;
    }

    @Test
    void aMasterStaysMasterAdvertisesAtOnceAndThenAtTheNewInterval() {
        var m = master();
        long t = S / 2;
        assertThat(m.reconfigure(v2(255, 300), t)).isEmpty();
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
        assertThat(m.nextDeadline()).as("an advert is due at once").isEqualTo(t);
        assertThat(m.handle(VrrpEvent.TICK, t)).containsExactly(new SendAdvert(255));
        assertThat(m.nextDeadline()).isEqualTo(t + 3 * S);
        assertThat(m.masterIntervalCentis()).isEqualTo(300);
    }

    @Test
    void aBackupKeepsItsDownTimerMovedByTheNewPrioritysSkew() {
        var m = new VrrpStateMachine(v2(100, 100).withNopreempt(false));
        m.handle(VrrpEvent.START, 0);
        m.handle(new VrrpEvent.AdvertReceived(LB02, 150, 100), S);
        long before = m.downDeadline();
        m.reconfigure(v2(200, 100), S + S / 10);
        assertThat(m.downDeadline()).as("reconfigure alone keeps the timer").isEqualTo(before);
        m.handle(new VrrpEvent.HealthChanged(false, 200, "reload"), S + S / 10);
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
        // skew (256 - 100) / 256 s = 0.609375 s becomes (256 - 200) / 256 s = 0.21875 s: the timer runs out that much sooner
        long down = m.downDeadline();
        assertThat(down).isEqualTo(before - 390_625_000L);
        assertThat(m.effectivePriority()).isEqualTo(200);
        // The master's next advert (150) is now lower: it is discarded and the down timer runs out.
        m.handle(new VrrpEvent.AdvertReceived(LB02, 150, 100), 2 * S);
        assertThat(m.downDeadline()).isEqualTo(down);
        m.handle(VrrpEvent.TICK, down);
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void nopreemptFromAReloadHoldsTheBackup() {
        var m = new VrrpStateMachine(v2(100, 100));
        m.handle(VrrpEvent.START, 0);
        m.handle(new VrrpEvent.AdvertReceived(LB02, 50, 100), S);
        m.reconfigure(v2(100, 100).withNopreempt(true).withPreemptDelay(Duration.ZERO), S);
        long t = S;
        for (int k = 0; k < 10; k++) {
            t += S;
            m.handle(new VrrpEvent.AdvertReceived(LB02, 50, 100), t);
            m.handle(VrrpEvent.TICK, t);
        }
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
    }

    static Vip vip(String a) {
        return Vip.of(VrrpStateMachineTest.ip(a), 24, "eth0");
    }

    @Test
    void aMasterGetsOnlyItsVipDifferenceWithGarpsForTheNewOnes() {
        var m = new VrrpStateMachine(v2(255, 100).withVips(List.of(vip("10.0.0.3"), vip("10.0.0.4"))));
        assertThat(m.handle(VrrpEvent.START, 0)).contains(new AddVips(List.of(vip("10.0.0.3"), vip("10.0.0.4"))));
        assertThat(m.reconfigure(v2(255, 100).withVips(List.of(vip("10.0.0.3"), vip("10.0.0.7"))), S))
                .containsExactly(new RemoveVips(List.of(vip("10.0.0.4")), true),
                        new AddVips(List.of(vip("10.0.0.7")), true), new SendGarps(5, List.of(vip("10.0.0.7"))));
        assertThat(m.reconfigure(v2(255, 100).withVips(List.of(vip("10.0.0.3"), vip("10.0.0.7"))), S))
                .as("the same list again").isEmpty();
        assertThat(m.handle(VrrpEvent.SHUTDOWN, 2 * S)).as("leaving MASTER removes the reloaded list")
                .contains(new RemoveVips(List.of(vip("10.0.0.3"), vip("10.0.0.7"))));
    }

    @Test
    void aBackupsVipChangeTouchesNoAddress() {
        var m = new VrrpStateMachine(v2(100, 100).withVips(List.of(vip("10.0.0.3"))));
        m.handle(VrrpEvent.START, 0);
        assertThat(m.reconfigure(v2(100, 100).withVips(List.of(vip("10.0.0.4"))), S)).isEmpty();
    }

    @Test
    void theVridCannotChangeInPlace() {
        var m = master();
        assertThatThrownBy(() -> m.reconfigure(InstanceSettings.of("vi", VrrpVersion.V2, 63, 255, true, 100, LB01), S))
                .hasMessageContaining("VRID 62");
    }
}
