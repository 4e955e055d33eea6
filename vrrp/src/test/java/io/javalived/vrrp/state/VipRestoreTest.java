package io.javalived.vrrp.state;

import static io.javalived.vrrp.state.VrrpStateMachineTest.LB01;
import static io.javalived.vrrp.state.VrrpStateMachineTest.S;
import static io.javalived.vrrp.state.VrrpStateMachineTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.packet.VrrpVersion;
import io.javalived.vrrp.state.VrrpAction.RestoreDeferred;
import io.javalived.vrrp.state.VrrpAction.RestoreVip;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A VIP deleted from outside while MASTER: put back at once with its GARPs, as a plain restore (no state change,
 * no priority-0 advert, no notify: keepalived goes BACKUP and re-elects itself instead), rate-limited when
 * something keeps deleting it.
 */
class VipRestoreTest {
    static final Vip VIP = Vip.of(ip("10.0.0.3"), 24, "eth0");
    static final Vip OTHER = Vip.of(ip("10.0.0.4"), 24, "eth0");

    static VrrpStateMachine master() {
        var m = new VrrpStateMachine(InstanceSettings.of("vi", VrrpVersion.V2, 62, 100, true, 100, LB01)
                .withVips(List.of(VIP, OTHER)));
        m.handle(VrrpEvent.START, 0);
        m.handle(VrrpEvent.TICK, m.nextDeadline());
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
        return m;
    }

    @Test
    void aMasterRestoresAtOnceWithItsGarpsAndNothingElse() {
        var m = master();
        long t = 10 * S;
        assertThat(m.handle(new VrrpEvent.VipMissing(VIP), t)).containsExactly(new RestoreVip(VIP, 5, ""));
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void repeatedDeletionsWaitForAGapThatDoublesUpTo32sThenResetAfterAQuietMinute() {
        var m = master();
        long t = 10 * S;
        assertThat(m.handle(new VrrpEvent.VipMissing(VIP), t)).containsExactly(new RestoreVip(VIP, 5, ""));
        // deleted again 0.2 s later: waits until 1 s after the restore
        assertThat(m.handle(new VrrpEvent.VipMissing(VIP), t + S / 5)).containsExactly(new RestoreDeferred(VIP, 800_000_000L));
        assertThat(m.handle(new VrrpEvent.VipMissing(VIP), t + S / 2)).as("already waiting: said once").isEmpty();
        assertThat(m.nextDeadline()).isLessThanOrEqualTo(t + S);
        List<VrrpAction> due = m.handle(VrrpEvent.TICK, t + S);
        assertThat(due).filteredOn(RestoreVip.class::isInstance).hasSize(1);
        assertThat(((RestoreVip) due.stream().filter(RestoreVip.class::isInstance).findFirst().orElseThrow()).vip()).isEqualTo(VIP);
        // again at once: now the gap is 2 s
        assertThat(m.handle(new VrrpEvent.VipMissing(VIP), t + S + 1)).containsExactly(new RestoreDeferred(VIP, 2 * S - 1));
        // the other VIP has its own limit
        assertThat(m.handle(new VrrpEvent.VipMissing(OTHER), t + S + 2)).containsExactly(new RestoreVip(OTHER, 5, ""));
        // hot loop: the restores come at most 1, 2, 4, 8, 16, 32, 32 s apart
        long last = t + S;
        long gap = 2 * S;
        int restores = 0;
        for (long now = t + S + 3; now < t + 200 * S; now += S / 10) {
            for (VrrpAction a : m.handle(VrrpEvent.TICK, now)) {
                if (a instanceof RestoreVip r && r.vip().equals(VIP)) {
                    assertThat(now - last).isGreaterThanOrEqualTo(gap);
                    last = now;
                    gap = Math.min(gap * 2, 32 * S);
                    restores++;
                }
            }
            m.handle(new VrrpEvent.VipMissing(VIP), now); // deleted again as soon as it is back
        }
        assertThat(restores).as("about 200 s of deletions: a handful of restores, not thousands").isBetween(5, 10);
        // a minute without deletions: the next one is restored at once again
        long quiet = last + 61 * S;
        m.handle(VrrpEvent.TICK, last + 40 * S); // the pending one fires
        assertThat(m.handle(new VrrpEvent.VipMissing(VIP), quiet + 40 * S)).containsExactly(new RestoreVip(VIP, 5, ""));
    }

    @Test
    void onlyAMasterRestoresAndOnlyItsOwnVips() {
        var m = new VrrpStateMachine(InstanceSettings.of("vi", VrrpVersion.V2, 62, 100, false, 100, LB01)
                .withVips(List.of(VIP)));
        m.handle(VrrpEvent.START, 0);
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(m.handle(new VrrpEvent.VipMissing(VIP), S)).isEmpty();
        var master = master();
        assertThat(master.handle(new VrrpEvent.VipMissing(Vip.of(ip("10.0.0.9"), 24, "eth0")), 10 * S)).isEmpty();
    }

    @Test
    void leavingMasterForgetsAPendingRestore() {
        var m = master();
        long t = 10 * S;
        m.handle(new VrrpEvent.VipMissing(VIP), t);
        m.handle(new VrrpEvent.VipMissing(VIP), t + S / 5);
        m.handle(new VrrpEvent.AdvertReceived(ip("10.0.0.6"), 200, 100), t + S / 2);
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(m.handle(VrrpEvent.TICK, t + S)).noneMatch(a -> a instanceof RestoreVip);
    }
}
