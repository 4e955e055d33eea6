package io.javalived.daemon.syncd;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.daemon.metrics.DaemonMetrics;
import io.javalived.daemon.ops.StatusTable;
import io.javalived.daemon.status.DaemonInfo;
import io.javalived.daemon.status.DaemonStatus;
import io.javalived.daemon.status.IpvsCalls;
import io.javalived.daemon.status.ReloadHistory;
import io.javalived.daemon.status.StatusJson;
import io.javalived.daemon.status.StatusService;
import io.javalived.daemon.status.StatusSource;
import io.javalived.daemon.status.SyncDaemonStatus;
import io.javalived.ipvs.SyncDaemon;
import io.javalived.ipvs.SyncState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sync daemons in /status (JSON that reads back), /metrics and {@code javalived status}; kernel calls merged. */
class SyncDaemonStatusTest {
    static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");

    final StatusSource vrrp = new StatusSource() {
        @Override
        public List<SyncDaemonStatus> syncDaemons() {
            return List.of(SyncDaemonStatus.of(new SyncDaemon(SyncState.MASTER, "eth0", 53, 1472,
                    SyncDaemon.DEFAULT_GROUP, 8848, 1), Optional.of("VI_1")));
        }

        @Override
        public List<IpvsCalls> ipvsKernelCalls() {
            return List.of(new IpvsCalls("start_daemon", 3, 1), new IpvsCalls("add_service", 0, 0));
        }
    };
    final StatusSource checkers = new StatusSource() {
        @Override
        public List<IpvsCalls> ipvsKernelCalls() {
            return List.of(new IpvsCalls("start_daemon", 0, 0), new IpvsCalls("add_service", 2, 0));
        }
    };
    final StatusService service = new StatusService(Clock.fixed(NOW, ZoneOffset.UTC),
            () -> new DaemonInfo("0.1.0", 4242, NOW.minusSeconds(60), "/etc/keepalived/keepalived.conf", "lb01"),
            List.of(vrrp, checkers), new ReloadHistory());

    @Test
    void statusJsonCarriesTheDaemonsAndReadsBack() throws Exception {
        DaemonStatus s = service.get();
        String json = StatusJson.mapper().writeValueAsString(s);
        assertThat(json).contains("\"syncDaemons\"", "\"state\" : \"master\"", "\"interfaceName\" : \"eth0\"",
                "\"syncId\" : 53", "\"group\" : \"224.0.0.81\"", "\"instance\" : \"VI_1\"");
        assertThat(StatusJson.mapper().readValue(json, DaemonStatus.class).syncDaemons()).isEqualTo(s.syncDaemons());
        // A status written by a daemon without sync daemons (no field at all) still reads.
        String old = json.replaceAll("(?s),\\s*\"syncDaemons\" : \\[.*?\\]", "");
        assertThat(StatusJson.mapper().readValue(old, DaemonStatus.class).syncDaemons()).isEmpty();
    }

    @Test
    void kernelCallsOfBothSubsystemsAreOneEntryPerOperation() {
        assertThat(service.get().ipvsKernelCalls()).containsExactly(new IpvsCalls("start_daemon", 3, 1),
                new IpvsCalls("add_service", 2, 0));
    }

    @Test
    void metricsHaveOneGaugePerDaemon() {
        String page = new DaemonMetrics(service).scrape();
        assertThat(page).contains("javalived_ipvs_sync_daemon{interface=\"eth0\",state=\"master\",syncid=\"53\"} 1.0");
        assertThat(page).contains("javalived_ipvs_kernel_calls_total{op=\"start_daemon\"} 3.0");
    }

    @Test
    void theStatusTableShowsThemAsIpvsadmDoes() {
        assertThat(StatusTable.render(service.get(), false)).contains(
                "master sync daemon (mcast=eth0, syncid=53, maxlen=1472, group=224.0.0.81, port=8848, ttl=1), following VI_1");
    }
}
