package io.javalived.daemon.syncd;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.daemon.config.NotApplied;
import io.javalived.ipvs.SyncDaemon;
import io.javalived.ipvs.SyncState;
import io.javalived.parser.diag.Diagnostic;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.vrrp.state.VrrpState;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vrrp_instance {@code lvs_sync_daemon_interface IFNAME}, keepalived 2.2.7's deprecated form (vrrp_parser.c
 * vrrp_lvs_syncd_handler): it sets the global sync daemon's interface and that instance, unless a line came first
 * ("has already been specified as ... - ignoring"); the sync id is then 0, not the VRID (vrrp.c takes the VRID only
 * for an instance named in the global line). The daemons follow the instance as with the global line.
 */
class LvsSyncDaemonInterfaceTest {
    @TempDir
    java.nio.file.Path dir;
    RunningVrrp vrrp;

    static String config(String global, String inInstance, String second) {
        return """
                global_defs {
                    %s
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 53
                    priority 100
                    advert_int 1
                    %s
                    virtual_ipaddress {
                        10.0.0.3/24 dev eth0
                    }
                }
                vrrp_instance VI_2 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 54
                    priority 100
                    advert_int 1
                    %s
                    virtual_ipaddress {
                        10.0.0.4/24 dev eth0
                    }
                }
                """.formatted(global, inInstance, second);
    }

    @BeforeEach
    void fixture() {
        vrrp = new RunningVrrp(dir);
        vrrp.kernel.addInterface("eth0", 1500);
        vrrp.kernel.addInterface("eth1", 1500);
    }

    @AfterEach
    void stop() {
        vrrp.close();
    }

    List<SyncState> running() {
        return vrrp.kernel.daemons().stream().map(SyncDaemon::state).toList();
    }

    @Test
    void theDeprecatedFormFollowsItsInstanceWithSyncIdZero() throws Exception {
        vrrp.start(config("router_id lb01", "lvs_sync_daemon_interface eth1", ""));
        RunningVrrp.await(() -> vrrp.stateOf("VI_1").orElseThrow() == VrrpState.BACKUP
                && running().equals(List.of(SyncState.BACKUP)), "BACKUP: backup daemon only");
        assertThat(vrrp.kernel.daemons()).containsExactly(new SyncDaemon(SyncState.BACKUP, "eth1", 0, 1472,
                SyncDaemon.DEFAULT_GROUP, 8848, 1));
        RunningVrrp.await(() -> running().equals(List.of(SyncState.MASTER)), "MASTER: master daemon only");
        assertThat(vrrp.kernel.daemons().getFirst().syncId()).isZero();
        vrrp.stopEngine();
        RunningVrrp.await(() -> running().isEmpty(), "stop: none");
    }

    @Test
    void theFirstInTheFileWinsTheLaterAreReportedAndIgnored() throws Exception {
        KeepalivedConfig globalFirst = vrrp.parse(config("lvs_sync_daemon eth0 VI_2 id 7",
                "lvs_sync_daemon_interface eth1", "lvs_sync_daemon_interface eth1"));
        var r = SyncDaemonSetup.reading(globalFirst).orElseThrow();
        assertThat(r.line().orElseThrow().instance()).contains("VI_2");
        assertThat(r.line().orElseThrow().interfaceName()).isEqualTo("eth0");
        assertThat(r.problems()).hasSize(2).allMatch(p -> p.contains("(VI_") && p.contains(
                "lvs_sync_daemon_interface has already been specified as eth0") && p.endsWith("- ignoring"));
        assertThat(r.problems().getFirst()).contains("keepalived.conf:10");

        // a config where the instance comes first: global_defs after it
        String instanceFirst = config("", "lvs_sync_daemon_interface eth1", "").replace("global_defs {\n    \n}\n", "")
                + "global_defs {\n    lvs_sync_daemon eth0 VI_2\n}\n";
        var r2 = SyncDaemonSetup.reading(vrrp.parse(instanceFirst)).orElseThrow();
        assertThat(r2.line().orElseThrow().instance()).contains("VI_1");
        assertThat(r2.line().orElseThrow().syncId().getAsInt()).isZero();
        assertThat(r2.problems()).singleElement().asString()
                .contains("lvs_sync_daemon has already been specified as eth1").endsWith("- ignoring");
        assertThat(SyncDaemonSetup.describe(vrrp.parse(instanceFirst))).isEqualTo("eth1 VI_1 id 0");
        assertThat(SyncDaemonSetup.describe(globalFirst)).isEqualTo("eth0 VI_2 id 7");
    }

    @Test
    void itIsNoLongerReportedAsNotAppliedButStillAsDeprecated() throws Exception {
        var parsed = io.javalived.parser.KeepalivedParser.parse(java.nio.file.Files.writeString(dir.resolve("k.conf"),
                config("router_id lb01", "lvs_sync_daemon_interface eth1", "")));
        assertThat(NotApplied.of(parsed.config())).extracting(Diagnostic::message)
                .noneMatch(m -> m.contains("lvs_sync_daemon_interface"));
        assertThat(parsed.diagnostics()).extracting(Diagnostic::message)
                .anyMatch(m -> m.contains("lvs_sync_daemon_interface against a vrrp is deprecated"));
    }
}
