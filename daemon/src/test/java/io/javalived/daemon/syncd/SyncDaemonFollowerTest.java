package io.javalived.daemon.syncd;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.javalived.ipvs.CountingIpvsDriver;
import io.javalived.ipvs.IpvsOperation;
import io.javalived.ipvs.SyncDaemon;
import io.javalived.ipvs.SyncState;
import io.javalived.ipvs.memory.InMemoryIpvsDriver;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.vrrp.state.VrrpState;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import io.javalived.ipvs.IpvsUnavailableException;

/**
 * The sync daemons following a running VRRP engine (in-memory platform) on the in-memory IPVS kernel: which kernel
 * daemons run in BACKUP, MASTER, FAULT and after stop, as keepalived 2.2.7 was seen to run them in the VM.
 */
class SyncDaemonFollowerTest {
    @TempDir
    Path dir;
    RunningVrrp vrrp;
    InMemoryIpvsDriver kernel;
    CountingIpvsDriver counted;
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    static String config(String syncLine, int priority) {
        return """
                global_defs {
                    %s
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 53
                    priority %d
                    advert_int 1
                    virtual_ipaddress {
                        10.0.0.3/24 dev eth0
                    }
                }
                """.formatted(syncLine, priority);
    }

    @BeforeEach
    void logs() {
        vrrp = new RunningVrrp(dir);
        kernel = vrrp.kernel;
        counted = vrrp.counted;
        logs.start();
        ((Logger) LoggerFactory.getLogger(SyncDaemonFollower.class)).addAppender(logs);
        ((Logger) LoggerFactory.getLogger(SyncDaemonSetup.class)).addAppender(logs);
        kernel.addInterface("eth0", 1500);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(SyncDaemonFollower.class)).detachAppender(logs);
        ((Logger) LoggerFactory.getLogger(SyncDaemonSetup.class)).detachAppender(logs);
        vrrp.close();
    }

    KeepalivedConfig parse(String text) throws Exception {
        return vrrp.parse(text);
    }

    void start(String text) throws Exception {
        vrrp.start(text);
    }

    VrrpState state() {
        return vrrp.stateOf("VI_1").orElseThrow();
    }

    List<SyncState> running() {
        return kernel.daemons().stream().map(SyncDaemon::state).toList();
    }

    static void await(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        RunningVrrp.await(c, what);
    }

    List<String> messages(Level level) {
        return logs.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void backupThenMasterOnlyThenBackupInFaultThenNoneAfterStop() throws Exception {
        start(config("lvs_sync_daemon eth0 VI_1", 100));
        await(() -> state() == VrrpState.BACKUP && running().equals(List.of(SyncState.BACKUP)), "BACKUP: backup daemon only");
        // Default sync id: the instance's VRID; maxlen, group, port and TTL left to the kernel.
        assertThat(kernel.daemons()).containsExactly(new SyncDaemon(SyncState.BACKUP, "eth0", 53, 1472,
                SyncDaemon.DEFAULT_GROUP, 8848, 1));
        await(() -> state() == VrrpState.MASTER && running().equals(List.of(SyncState.MASTER)), "MASTER: master daemon only");
        assertThat(kernel.daemons().getFirst().syncId()).isEqualTo(53);
        vrrp.platform.setLink("eth0", false);
        await(() -> state() == VrrpState.FAULT && running().equals(List.of(SyncState.BACKUP)), "FAULT: backup daemon only");
        vrrp.stopEngine();
        await(() -> running().isEmpty(), "stop: none");
        assertThat(messages(Level.ERROR)).isEmpty();
        assertThat(vrrp.syncDaemons.status()).isEmpty();
    }

    @Test
    void givenValuesPassThroughAndStatusShowsThem() throws Exception {
        start(config("lvs_sync_daemon eth0 VI_1 id 5 maxlen 1200 port 9000 ttl 3 group 239.9.9.9", 255));
        await(() -> running().equals(List.of(SyncState.MASTER)), "owner MASTER: master daemon only");
        assertThat(kernel.daemons()).containsExactly(new SyncDaemon(SyncState.MASTER, "eth0", 5, 1200,
                InetAddress.getByName("239.9.9.9"), 9000, 3));
        assertThat(vrrp.syncDaemons.status()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo("master");
            assertThat(s.interfaceName()).isEqualTo("eth0");
            assertThat(s.syncId()).isEqualTo(5);
            assertThat(s.group()).isEqualTo("239.9.9.9");
            assertThat(s.instance()).contains("VI_1");
        });
        assertThat(vrrp.syncDaemons.kernelCalls()).anySatisfy(c -> {
            assertThat(c.op()).isEqualTo("start_daemon");
            assertThat(c.calls()).isEqualTo(counted.count(IpvsOperation.START_DAEMON)).isPositive();
        });
    }

    @Test
    void noInstanceNamedStartsNothingOnTheVrrpSide() throws Exception {
        start(config("lvs_sync_daemon eth0", 255));
        await(() -> state() == VrrpState.MASTER, "MASTER");
        Thread.sleep(200);
        assertThat(running()).isEmpty();
        assertThat(counted.total()).isZero();
    }

    @Test
    void anUndefinedInstanceIsOneClearLineAndVrrpCarriesOn() throws Exception {
        start(config("lvs_sync_daemon eth0 VI_X", 255));
        await(() -> state() == VrrpState.MASTER, "VRRP runs");
        assertThat(running()).isEmpty();
        assertThat(messages(Level.ERROR)).singleElement().asString()
                .matches(".*keepalived.conf:2.*: lvs_sync_daemon: there is no vrrp_instance VI_X; no connection sync daemon runs");
    }

    @Test
    void aKernelWithoutIpvsIsOneClearLineAndVrrpCarriesOn() throws Exception {
        vrrp.start(config("lvs_sync_daemon eth0 VI_1", 255), () -> {
            throw new IpvsUnavailableException();
        });
        await(() -> state() == VrrpState.MASTER, "VRRP runs");
        assertThat(messages(Level.ERROR)).singleElement().asString()
                .contains("keepalived.conf:2").contains("this kernel has no IPVS").contains("VRRP keeps running");
        assertThat(vrrp.syncDaemons.status()).isEmpty();
    }

    @Test
    void aMissingInterfaceIsOneLineNamingItRetriedAtEachStateChangeUntilItExists() throws Exception {
        start(config("lvs_sync_daemon veth9 VI_1", 100));
        await(() -> state() == VrrpState.MASTER, "MASTER");
        vrrp.platform.setLink("eth0", false);
        await(() -> state() == VrrpState.FAULT, "FAULT");
        vrrp.platform.setLink("eth0", true);
        await(() -> state() == VrrpState.BACKUP, "BACKUP again");
        Thread.sleep(200);
        assertThat(running()).isEmpty();
        // BACKUP (start), MASTER, FAULT and BACKUP again all failed for the same reason: one line at ERROR.
        assertThat(messages(Level.ERROR)).singleElement().asString()
                .matches(".*keepalived.conf:2.*: lvs_sync_daemon: cannot start a sync daemon on veth9: no such "
                        + "interface; retried at each state change of VI_1");
        kernel.addInterface("veth9", 1500);
        await(() -> state() == VrrpState.MASTER && running().equals(List.of(SyncState.MASTER)), "master once veth9 exists");
        assertThat(messages(Level.INFO)).anyMatch(m -> m.contains("master on veth9 syncid 53") && m.contains("after failing before"));
        assertThat(messages(Level.ERROR)).hasSize(1);
    }

    @Test
    void bothModeRunsMasterAndBackupWithSyncIdZeroUntilClosed() throws Exception {
        KeepalivedConfig config = parse(config("lvs_sync_daemon eth0", 100));
        SyncDaemonFollower f = SyncDaemonSetup.forCheckers(config, counted).orElseThrow();
        await(() -> running().equals(List.of(SyncState.MASTER, SyncState.BACKUP)), "both");
        assertThat(kernel.daemons()).extracting(SyncDaemon::syncId).containsExactly(0, 0);
        f.close();
        assertThat(running()).isEmpty();
        assertThat(SyncDaemonSetup.forCheckers(parse(config("lvs_sync_daemon eth0 VI_1", 100)), counted)).isEmpty();
    }

    @Test
    void aStaleDaemonOfTheSameRoleIsReplaced() throws Exception {
        kernel.startDaemon(SyncDaemon.of(SyncState.BACKUP, "lo", 99));
        start(config("lvs_sync_daemon eth0 VI_1", 100));
        await(() -> kernel.daemons().equals(List.of(new SyncDaemon(SyncState.BACKUP, "eth0", 53, 1472,
                SyncDaemon.DEFAULT_GROUP, 8848, 1))), "ours replaces it");
    }
}
