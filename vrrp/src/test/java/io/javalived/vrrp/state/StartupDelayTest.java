package io.javalived.vrrp.state;

import static io.javalived.vrrp.state.VrrpStateMachineTest.LB01;
import static io.javalived.vrrp.state.VrrpStateMachineTest.LB02;
import static io.javalived.vrrp.state.VrrpStateMachineTest.advert;
import static io.javalived.vrrp.state.VrrpStateMachineTest.v2;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** vrrp_startup_delay as keepalived 2.2.7 applies it: down timers run from the end of the delay while it lasts. */
class StartupDelayTest {
    static final long S = 1_000_000_000L;

    @Test
    void aBackupBecomesMasterOnlyAfterTheDelayAndThenMasterDownInterval() {
        var m = new VrrpStateMachine(v2("vi", 100, true, LB01));
        m.holdUntil(5 * S);
        m.handle(VrrpEvent.START, 0);
        assertThat(m.state()).as("BACKUP at once, as keepalived").isEqualTo(VrrpState.BACKUP);
        assertThat(m.nextDeadline()).isEqualTo(5 * S + 3_609_375_000L);
        m.handle(VrrpEvent.TICK, 5 * S + 3_609_374_999L);
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
        m.handle(VrrpEvent.TICK, 5 * S + 3_609_375_000L);
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void anAdvertDuringTheDelayRestartsTheTimerFromTheDelaysEndAndAfterItFromNow() {
        var m = new VrrpStateMachine(v2("vi", 100, false, LB01));
        m.holdUntil(5 * S);
        m.handle(VrrpEvent.START, 0);
        m.handle(advert(LB02, 50), 2 * S); // lower priority, but we do not preempt before the delay is over either
        assertThat(m.downDeadline()).isEqualTo(5 * S + 3_609_375_000L);
        m.handle(advert(LB02, 150), 6 * S);
        assertThat(m.downDeadline()).as("after the delay: from now").isEqualTo(6 * S + 3_609_375_000L);
    }

    @Test
    void anAddressOwnerBecomesMasterWhenTheDelayEnds() {
        var m = new VrrpStateMachine(v2("vi", 255, true, LB01));
        m.holdUntil(5 * S);
        m.handle(VrrpEvent.START, 0);
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
        m.handle(VrrpEvent.TICK, 5 * S - 1);
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
        m.handle(VrrpEvent.TICK, 5 * S);
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    }
}
