package io.javalived.daemon.ops;

import io.javalived.daemon.reload.ReloadFixtures;
import io.javalived.daemon.status.InstanceState;
import io.javalived.daemon.status.VrrpInstanceStatus;
import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.ParseOptions;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.vrrp.receive.ReceiveStatistics;
import io.javalived.vrrp.receive.Reception;
import io.javalived.vrrp.receive.RejectReason;
import io.javalived.vrrp.state.VrrpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import io.javalived.vrrp.runtime.InstanceStatus;
import io.javalived.vrrp.runtime.StateTransition;
import io.javalived.daemon.status.StatusJson;

class VrrpStatusAdapterTest {

    @Test
    void completesTheEngineSnapshotFromConfigAndStatistics(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("k.conf"), ReloadFixtures.LB01);
        KeepalivedConfig config = KeepalivedParser.parse(f, new ParseOptions("lb01", "lb01")).config();
        ReceiveStatistics rx = new ReceiveStatistics();
        rx.record(new Reception.Rejected(RejectReason.TTL, "ttl 64"));
        rx.record(new Reception.Rejected(RejectReason.LENGTH, "short"));
        rx.record(new Reception.Rejected(RejectReason.IP_TOTAL_LENGTH, "tot_len"));
        rx.record(new Reception.Rejected(RejectReason.CHECKSUM, "bad"));
        AtomicReference<VrrpState> state = new AtomicReference<>(VrrpState.BACKUP);
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-21T11:00:00Z"));
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId z) { return this; }
            public Instant instant() { return now.get(); }
        };
        VrrpStatusAdapter adapter = new VrrpStatusAdapter(() -> List.of(new InstanceStatus(
                "oldboy", 62, state.get(), 100, state.get() == VrrpState.MASTER ? "10.0.0.5" : "", 7, 9, 1, 2, 1, Map.of())),
                name -> rx, config, clock);

        VrrpInstanceStatus s = adapter.vrrpInstances().getFirst();
        assertThat(s.interfaceName()).isEqualTo("eth0");
        assertThat(s.state()).isEqualTo(InstanceState.BACKUP);
        assertThat(s.basePriority()).isEqualTo(100);
        assertThat(s.masterAddress()).isEmpty();
        assertThat(s.vips()).containsExactly("10.0.0.3/24 dev eth0 label eth0:0");
        assertThat(s.counters().advertSent()).isEqualTo(7);
        assertThat(s.counters().advertReceived()).isEqualTo(9);
        assertThat(s.counters().packetErrors()).containsEntry("ip_ttl_err", 1L).containsEntry("packet_len_err", 2L)
                .containsEntry("checksum_err", 1L);
        assertThat(s.lastTransition()).isEqualTo(Instant.parse("2026-11-21T11:00:00Z"));

        now.set(Instant.parse("2026-11-21T11:00:05Z"));
        assertThat(adapter.vrrpInstances().getFirst().lastTransition()).isEqualTo(Instant.parse("2026-11-21T11:00:00Z"));
        state.set(VrrpState.MASTER);
        now.set(Instant.parse("2026-11-21T11:00:09Z"));
        VrrpInstanceStatus master = adapter.vrrpInstances().getFirst();
        assertThat(master.state()).isEqualTo(InstanceState.MASTER);
        assertThat(master.masterAddress()).hasValue("10.0.0.5");
        assertThat(master.lastTransition()).isEqualTo(Instant.parse("2026-11-21T11:00:09Z"));
    }

    @Test
    void theTransitionTimeAndReasonAreTheEnginesOwn(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("k.conf"), ReloadFixtures.LB01);
        KeepalivedConfig config = KeepalivedParser.parse(f, new ParseOptions("lb01", "lb01")).config();
        Instant wallNow = Instant.parse("2026-11-21T11:00:10Z");
        long engineNow = 50_000_000_000L;
        // The engine became MASTER 2.5 s ago (its monotonic clock); status is read only now, for the first time.
        var t = new StateTransition(VrrpState.BACKUP, VrrpState.MASTER,
                "no advert within Master_Down_Interval", engineNow - 2_500_000_000L);
        VrrpStatusAdapter adapter = new VrrpStatusAdapter(() -> List.of(new InstanceStatus(
                "oldboy", 62, VrrpState.MASTER, 100, "10.0.0.5", 7, 9, 1, 2, 1, Map.of())),
                name -> new ReceiveStatistics(), name -> java.util.Optional.of(t), () -> engineNow, config,
                Clock.fixed(wallNow, ZoneOffset.UTC));
        VrrpInstanceStatus s = adapter.vrrpInstances().getFirst();
        assertThat(s.lastTransition()).isEqualTo(Instant.parse("2026-11-21T11:00:07.500Z"));
        assertThat(s.reason()).isEqualTo("no advert within Master_Down_Interval (from BACKUP)");
        assertThat(s.basePriority()).isEqualTo(100);
        assertThat(s.effectivePriority()).isEqualTo(100);
        assertThat(s.masterAddress()).hasValue("10.0.0.5");
        assertThat(s.vips()).isNotEmpty();
    }

    /** The kernel's view beside the configuration: the interface's name now, VIPs present and missing, in JSON too. */
    @Test
    void addsTheInterfaceNameNowAndTheVipsReallyPresentOrMissing(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("k.conf"), ReloadFixtures.LB01);
        KeepalivedConfig config = KeepalivedParser.parse(f, new ParseOptions("lb01", "lb01")).config();
        VrrpStatusAdapter adapter = new VrrpStatusAdapter(() -> List.of(new InstanceStatus(
                "oldboy", 62, VrrpState.MASTER, 100, "10.0.0.5", 7, 9, 0, 1, 0, Map.of(), "eth9", List.of(),
                List.of("10.0.0.3/24 dev eth9"), 2)), name -> new ReceiveStatistics(), config, Clock.systemUTC());
        VrrpInstanceStatus s = adapter.vrrpInstances().getFirst();
        assertThat(s.interfaceName()).as("as configured, unchanged").isEqualTo("eth0");
        assertThat(s.interfaceNow()).isEqualTo("eth9");
        assertThat(s.vipsPresent()).isEmpty();
        assertThat(s.vipsMissing()).containsExactly("10.0.0.3/24 dev eth9");
        assertThat(s.vipsRestored()).isEqualTo(2);
        String json = StatusJson.mapper().writeValueAsString(s);
        assertThat(json).contains("\"interfaceNow\" : \"eth9\"").contains("\"vipsMissing\" : [ \"10.0.0.3/24 dev eth9\" ]");
        VrrpInstanceStatus back = StatusJson.mapper().readValue(json, VrrpInstanceStatus.class);
        assertThat(back).isEqualTo(s);
        String older = json.replaceAll("(?s),\\s*\"interfaceNow\".*?\"vipsRestored\" : 2", "");
        assertThat(older).doesNotContain("vipsRestored");
        assertThat(StatusJson.mapper().readValue(older, VrrpInstanceStatus.class).interfaceNow())
                .as("a status written before the new fields still reads").isEqualTo("eth0");
    }
}
