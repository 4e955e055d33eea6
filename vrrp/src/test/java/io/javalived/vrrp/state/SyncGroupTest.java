package io.javalived.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.packet.VrrpVersion;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncGroupTest {
    static final long S = 1_000_000_000L;

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    final List<GroupStateChanged> groupNotifies = new ArrayList<>();
    final VrrpStateMachine ext = new VrrpStateMachine(InstanceSettings.of("VI_EXT", VrrpVersion.V2, 51, 100, true, 100, ip("10.0.0.5")).inSyncGroup());
    final VrrpStateMachine intern = new VrrpStateMachine(InstanceSettings.of("VI_INT", VrrpVersion.V2, 52, 150, true, 100, ip("10.1.0.5")).inSyncGroup());
    final SyncGroup group = new SyncGroup("G1", List.of(ext, intern), groupNotifies::add);

    void run(long until) {
        while (group.nextDeadline() <= until) group.tick(group.nextDeadline());
    }

    @Test
    void membersGoMasterTogetherOnlyWhenAllWantIt() {
        group.handle("VI_EXT", VrrpEvent.START, 0);
        group.handle("VI_INT", VrrpEvent.START, 0);
        // VI_INT's timer (3 + 106/256 s) expires first, but VI_EXT's (3 + 156/256 s) has not: nobody goes MASTER.
        run(3_500_000_000L);
        assertThat(intern.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(intern.wantsMaster()).isTrue();
        run(3_700_000_000L);
        assertThat(ext.state()).isEqualTo(VrrpState.MASTER);
        assertThat(intern.state()).isEqualTo(VrrpState.MASTER);
        assertThat(groupNotifies).containsExactly(new GroupStateChanged("G1", VrrpState.BACKUP),
                new GroupStateChanged("G1", VrrpState.MASTER));
    }

    @Test
    void memberHearingAMasterKeepsTheWholeGroupBackup() {
        group.handle("VI_EXT", VrrpEvent.START, 0);
        group.handle("VI_INT", VrrpEvent.START, 0);
        for (long t = S; t < 20 * S; t += S) {
            group.handle("VI_EXT", new VrrpEvent.AdvertReceived(ip("10.0.0.6"), 200, 100), t);
            run(t);
        }
        assertThat(ext.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(intern.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void oneMemberBackToBackupPullsTheOthers() {
        group.handle("VI_EXT", VrrpEvent.START, 0);
        group.handle("VI_INT", VrrpEvent.START, 0);
        run(5 * S);
        var steps = group.handle("VI_EXT", new VrrpEvent.AdvertReceived(ip("10.0.0.6"), 200, 100), 6 * S);
        assertThat(ext.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(intern.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(steps).contains(new Step("VI_INT", new VrrpAction.RemoveVips(List.of())));
    }

    @Test
    void aGroupOfOneFollowsItsMemberAndNotifiesAsAGroup() {
        List<GroupStateChanged> notes = new ArrayList<>();
        var only = new VrrpStateMachine(InstanceSettings.of("VI_ONE", VrrpVersion.V2, 53, 100, true, 100, ip("10.2.0.5")).inSyncGroup());
        var alone = new SyncGroup("G_ONE", List.of(only), notes::add);
        alone.handle("VI_ONE", VrrpEvent.START, 0);
        while (alone.nextDeadline() <= 5 * S) alone.tick(alone.nextDeadline());
        assertThat(only.state()).isEqualTo(VrrpState.MASTER);
        alone.handle("VI_ONE", new VrrpEvent.AdvertReceived(ip("10.2.0.6"), 200, 100), 6 * S);
        assertThat(only.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(notes).containsExactly(new GroupStateChanged("G_ONE", VrrpState.BACKUP),
                new GroupStateChanged("G_ONE", VrrpState.MASTER), new GroupStateChanged("G_ONE", VrrpState.BACKUP));
    }

    @Test
    void oneMemberInFaultHoldsTheGroupInFaultUntilEveryFaultClears() {
        group.handle("VI_EXT", VrrpEvent.START, 0);
        group.handle("VI_INT", VrrpEvent.START, 0);
        run(5 * S);
        group.handle("VI_INT", new VrrpEvent.HealthChanged(true, 150, "eth1 is down"), 6 * S);
        assertThat(ext.state()).isEqualTo(VrrpState.FAULT);
        assertThat(intern.state()).isEqualTo(VrrpState.FAULT);
        group.handle("VI_EXT", new VrrpEvent.HealthChanged(true, 100, "eth0 is down"), 7 * S);
        group.handle("VI_INT", new VrrpEvent.HealthChanged(false, 150, "eth1 is up"), 8 * S);
        assertThat(intern.state()).as("VI_EXT still faulty").isEqualTo(VrrpState.FAULT);
        group.handle("VI_EXT", new VrrpEvent.HealthChanged(false, 100, "eth0 is up"), 9 * S);
        assertThat(ext.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(intern.state()).isEqualTo(VrrpState.BACKUP);
        run(15 * S);
        assertThat(ext.state()).isEqualTo(VrrpState.MASTER);
        assertThat(intern.state()).isEqualTo(VrrpState.MASTER);
        assertThat(groupNotifies).extracting(GroupStateChanged::state)
                .containsExactly(VrrpState.BACKUP, VrrpState.MASTER, VrrpState.FAULT, VrrpState.BACKUP, VrrpState.MASTER);
    }
}
