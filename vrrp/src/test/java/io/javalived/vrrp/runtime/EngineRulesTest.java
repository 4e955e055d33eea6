package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.Vip;

import static io.javalived.vrrp.runtime.EngineInMemoryTest.await;
import static io.javalived.vrrp.runtime.EngineInMemoryTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.packet.AuthData;
import io.javalived.vrrp.packet.AuthType;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.packet.VrrpVersion;
import io.javalived.vrrp.receive.AdvertValidator;
import io.javalived.vrrp.receive.Expectations;
import io.javalived.vrrp.state.GarpSchedule;
import io.javalived.vrrp.state.InstanceSettings;
import io.javalived.vrrp.state.VrrpState;
import io.javalived.vrrp.track.TrackerWeight;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import io.javalived.scripts.Script;

/**
 * The engine on the in-memory twin for the rules around trackers and notifies: IFF_MULTICAST, unicast_fault_no_peer,
 * init-pending scripts, the notify FIFO lines and notify_master_rx_lower_pri.
 */
class EngineRulesTest {
    static final Path FIFO = Path.of("/run/test-notify.fifo");

    static InstanceConfig config(String name, int prio, String addr, Notifies notifies, List<ScriptTrack> scripts,
                                 Optional<String> configFault, GarpSchedule garp) {
        Vip vip = Vip.of(ip("10.0.0.3"), 24, "eth0");
        var settings = new InstanceSettings(name, VrrpVersion.V3, 62, prio, prio > 60, 10, false, Duration.ZERO,
                ip(addr), 3, false, false, garp, false);
        var exp = new Expectations(VrrpVersion.V3, IpFamily.IPV4, 62, AuthType.NONE, AuthData.ZEROS, 10, false,
                AdvertValidator.VRRP_GROUP_V4, List.of(), false, false, List.of(vip.address()), false);
        return new InstanceConfig(settings, exp, "eth0", ip(addr),
                configFault.isPresent() ? List.of() : List.of(AdvertValidator.VRRP_GROUP_V4), 255, List.of(vip),
                List.of(), AuthType.NONE, AuthData.ZEROS, false, notifies,
                List.of(new InterfaceTrack("eth0", TrackerWeight.FAULT_WHEN_DOWN)), scripts, Optional.empty(),
                configFault, true);
    }

    static InstanceConfig plain(String name, int prio, String addr) {
        return config(name, prio, addr, Notifies.NONE, List.of(), Optional.empty(), GarpSchedule.KEEPALIVED_DEFAULTS);
    }

    static VrrpState state(VrrpEngine e) {
        return e.status().getFirst().state();
    }

    @Test
    void anInterfaceWithoutIffMulticastFaultsAMulticastInstanceUntilTheFlagIsBack() throws Exception {
        var p = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        p.setMulticast("eth0", false);
        try (var e = new VrrpEngine(p, List.of(plain("VI", 100, "10.0.0.5")), Map.of(), Map.of())) {
            e.start();
            await(() -> state(e) == VrrpState.FAULT, "FAULT at start");
            assertThat(e.lastTransition("VI").orElseThrow().reason())
                    .contains("interface eth0 has no IFF_MULTICAST and the instance has no unicast_peer");
            Thread.sleep(600); // well past Master_Down_Interval (0.36 s): it stays in FAULT
            assertThat(p.vipsHeld()).isEmpty();

            p.setMulticast("eth0", true);
            await(() -> state(e) == VrrpState.MASTER, "alone on the wire once multicast is back, it becomes MASTER");
        }
    }

    @Test
    void unicastFaultNoPeerKeepsTheInstanceInFaultAndSilent() throws Exception {
        var wire = new InMemoryPlatform.Wire();
        var p = new InMemoryPlatform(wire, ip("10.0.0.5"));
        var listener = new InMemoryPlatform(wire, ip("10.0.0.6"));
        var config = config("VI", 255, "10.0.0.5", Notifies.NONE, List.of(),
                Optional.of("no unicast peers (unicast_fault_no_peer)"), GarpSchedule.KEEPALIVED_DEFAULTS);
        try (var e = new VrrpEngine(p, List.of(config), Map.of(), Map.of());
             AdvertSocket ear = listener.openSocket(plain("EAR", 50, "10.0.0.6"))) {
            e.start();
            await(() -> state(e) == VrrpState.FAULT, "FAULT at start, even as the address owner");
            assertThat(e.lastTransition("VI").orElseThrow().reason()).contains("no unicast peers (unicast_fault_no_peer)");
            assertThat(ear.receive(Duration.ofMillis(500))).as("no advert leaves").isNull();
            assertThat(e.status().getFirst().advertsSent()).isZero();
            assertThat(p.vipsHeld()).isEmpty();
        }
    }

    @Test
    void aWeightZeroScriptThatHasNotReportedHoldsTheInstanceInInit() throws Exception {
        var p = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        var firstRun = new CompletableFuture<Integer>();
        p.answerScripts(argv -> firstRun);
        var chk = new ScriptTrack("chk", List.of("/bin/chk"), Duration.ofMillis(100), Duration.ofSeconds(5),
                TrackerWeight.FAULT_WHEN_DOWN, 1, 1, false);
        var config = config("VI", 100, "10.0.0.5", Notifies.NONE, List.of(chk), Optional.empty(),
                GarpSchedule.KEEPALIVED_DEFAULTS);
        try (var e = new VrrpEngine(p, List.of(config), Map.of(), Map.of())) {
            e.start();
            await(() -> !p.scriptsRun().isEmpty(), "the script's first run starts");
            Thread.sleep(800); // more than twice Master_Down_Interval: without its first result it waits
            assertThat(state(e)).isEqualTo(VrrpState.INIT);
            assertThat(p.vipsHeld()).isEmpty();

            firstRun.complete(0);
            await(() -> state(e) == VrrpState.MASTER, "once it reported OK, BACKUP then (alone) MASTER");
            assertThat(e.lastTransition("VI").orElseThrow().from()).isEqualTo(VrrpState.BACKUP);
        }
    }

    @Test
    void theNotifyFifoGetsKeepalivedsLinesAndALowerPriorityMasterRunsItsScript() throws Exception {
        var wire = new InMemoryPlatform.Wire();
        var p1 = new InMemoryPlatform(wire, ip("10.0.0.5"));
        var p2 = new InMemoryPlatform(wire, ip("10.0.0.6"));
        var notifies = new Notifies(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(Script.asDaemon(List.of("/bin/rx-lower", "arg"))));
        var garp = new GarpSchedule(Duration.ZERO, 1, Duration.ZERO, 1, Duration.ZERO, 2);
        var e1 = new VrrpEngine(p1, List.of(config("VI", 100, "10.0.0.5", notifies, List.of(), Optional.empty(), garp)),
                Map.of(), Map.of());
        // lb02 with higher_prio_send_advert answers lb01's first advert with one of its own before it yields, so
        // lb01 surely hears a lower priority (without it, whoever advertises first after the cut decides).
        InstanceConfig c2 = plain("VI", 50, "10.0.0.6");
        var s2 = c2.settings();
        c2 = new InstanceConfig(new InstanceSettings(s2.name(), s2.version(), s2.vrid(), s2.basePriority(), false,
                s2.intervalCentis(), false, Duration.ZERO, s2.primaryAddress(), 3, false, true, s2.garp(), false),
                c2.expectations(), c2.interfaceName(), c2.sourceAddress(), c2.destinations(), c2.ttl(), c2.vips(),
                c2.excludedVips(), c2.authType(), c2.authData(), false, Notifies.NONE, c2.trackInterfaces(),
                List.of(), Optional.empty());
        var e2 = new VrrpEngine(p2, List.of(c2), Map.of(), Map.of());
        e1.useNotifyFifos(List.of(FIFO));
        try (e2) {
            wire.cut(true); // a partition: both become MASTER
            e1.start();
            e2.start();
            await(() -> state(e1) == VrrpState.MASTER && state(e2) == VrrpState.MASTER, "both MASTER while cut");
            int garpsBefore = p1.announced().size();
            wire.cut(false); // lb01 (100) hears lb02's lower advert; lb02 hears lb01's higher one and yields
            await(() -> state(e2) == VrrpState.BACKUP, "lb02 yields");
            await(() -> p1.scriptsRun().contains(List.of("/bin/rx-lower", "arg")),
                    "notify_master_rx_lower_pri with only its own arguments");
            assertThat(p1.announced().size() - garpsBefore).as("garp_lower_prio_repeat 2 for the one VIP").isGreaterThanOrEqualTo(2);
            assertThat(state(e1)).isEqualTo(VrrpState.MASTER);
        } finally {
            e1.close();
        }
        assertThat(p1.fifoLines(FIFO.toString())).startsWith("INSTANCE \"VI\" BACKUP 100\n", "INSTANCE \"VI\" MASTER 100\n")
                .contains("INSTANCE \"VI\" MASTER_RX_LOWER_PRI 100\n")
                .endsWith("INSTANCE \"VI\" STOP 100\n");
    }
}
