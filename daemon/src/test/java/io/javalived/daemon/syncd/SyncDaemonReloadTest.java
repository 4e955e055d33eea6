package io.javalived.daemon.syncd;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.daemon.reload.ReloadChange;
import io.javalived.daemon.reload.ReloadPlanner;
import io.javalived.ipvs.SyncDaemon;
import io.javalived.ipvs.SyncState;
import io.javalived.ipvs.memory.InMemoryIpvsDriver;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.vrrp.state.VrrpState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload of lvs_sync_daemon on a running engine and the in-memory IPVS kernel: the planner names the change (and
 * only it), the sync daemons restart with the new values in the instance's current state, and nothing else moves
 * (no VIP change, the instance stays MASTER). An unchanged or merely moved line makes no kernel call.
 */
class SyncDaemonReloadTest {
    @TempDir
    Path dir;
    RunningVrrp vrrp;

    static void await(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        RunningVrrp.await(c, what);
    }

    static String config(String syncLine) {
        return """
                global_defs {
                    router_id lb01
                    %s
                }
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 53
                    priority 255
                    advert_int 1
                    virtual_ipaddress {
                        10.0.0.3/24 dev eth0
                    }
                }
                """.formatted(syncLine);
    }

    @AfterEach
    void stop() {
        vrrp.close();
    }

    KeepalivedConfig parse(String text) throws Exception {
        return vrrp.parse(text);
    }

    /** Plans the reload, checks it names only the sync daemon line (or nothing), applies it; the calls it made. */
    long reload(KeepalivedConfig running, String text, boolean changed) throws Exception {
        KeepalivedConfig next = parse(text);
        List<ReloadChange> plan = ReloadPlanner.plan(running, next).changes();
        if (changed) {
            assertThat(plan).singleElement().isInstanceOf(ReloadChange.SyncDaemonChanged.class);
        } else {
            assertThat(plan).isEmpty();
        }
        long before = vrrp.counted.total();
        int vipChanges = vrrp.platform.vipChanges().size();
        vrrp.syncDaemons.reload(next, vrrp::stateOf);
        assertThat(vrrp.platform.vipChanges()).hasSize(vipChanges);
        assertThat(vrrp.stateOf("VI_1")).contains(VrrpState.MASTER);
        return vrrp.counted.total() - before;
    }

    @Test
    void aChangedLineRestartsOnlyTheSyncDaemons() throws Exception {
        vrrp = new RunningVrrp(dir);
        InMemoryIpvsDriver kernel = vrrp.kernel;
        kernel.addInterface("eth0", 1500);
        kernel.addInterface("eth1", 1500);
        KeepalivedConfig first = vrrp.start(config("lvs_sync_daemon eth0 VI_1"));
        await(() -> kernel.daemons().equals(List.of(new SyncDaemon(SyncState.MASTER, "eth0", 53, 1472,
                SyncDaemon.DEFAULT_GROUP, 8848, 1))), "master on eth0, syncid 53");

        // Unchanged, or moved down a line: no plan entry, no kernel call.
        assertThat(reload(first, config("lvs_sync_daemon eth0 VI_1"), false)).isZero();
        assertThat(reload(first, config("\n    lvs_sync_daemon eth0 VI_1"), false)).isZero();

        // New values: the master restarts with them (stop, start), nothing else.
        KeepalivedConfig second = parse(config("lvs_sync_daemon eth1 VI_1 id 9 port 9000"));
        assertThat(reload(first, config("lvs_sync_daemon eth1 VI_1 id 9 port 9000"), true)).isPositive();
        await(() -> kernel.daemons().equals(List.of(new SyncDaemon(SyncState.MASTER, "eth1", 9, 1472,
                SyncDaemon.DEFAULT_GROUP, 9000, 1))), "master on eth1, syncid 9, port 9000");

        // The line removed: no daemon; added back: the master again.
        KeepalivedConfig none = parse(config(""));
        reload(second, config(""), true);
        assertThat(kernel.daemons()).isEmpty();
        reload(none, config("lvs_sync_daemon eth0 VI_1"), true);
        await(() -> kernel.daemons().equals(List.of(new SyncDaemon(SyncState.MASTER, "eth0", 53, 1472,
                SyncDaemon.DEFAULT_GROUP, 8848, 1))), "master on eth0 again");
    }
}
