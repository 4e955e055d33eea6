package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.Vip;

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
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import io.javalived.scripts.Script;
import io.javalived.vrrp.track.TrackerWeight;

/** The engine's wiring on the in-memory twin: real bytes through the receive checks, real threads, no kernel. */
class EngineInMemoryTest {

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static InstanceConfig config(String name, int prio, String addr, Notifies notifies) {
        Vip vip = Vip.of(ip("10.0.0.3"), 24, "eth0");
        var settings = new InstanceSettings(name, VrrpVersion.V2, 62, prio, prio > 60, 100, false, Duration.ZERO,
                ip(addr), 3, false, false, new GarpSchedule(Duration.ZERO, 2, Duration.ZERO, 1), false)
                .withGarp(new GarpSchedule(Duration.ZERO, 2, Duration.ZERO, 1));
        var exp = new Expectations(VrrpVersion.V2, IpFamily.IPV4, 62, AuthType.PASS, AuthData.password("pw"), 100, false,
                AdvertValidator.VRRP_GROUP_V4, List.of(), false, false, List.of(vip.address()), false);
        return new InstanceConfig(settings, exp, "eth0", ip(addr), List.of(AdvertValidator.VRRP_GROUP_V4), 255, List.of(vip),
                List.of(), AuthType.PASS, AuthData.password("pw"), false, notifies,
                List.of(new InterfaceTrack("eth0", TrackerWeight.FAULT_WHEN_DOWN)), List.of(), Optional.empty());
    }

    static void await(BooleanSupplier c, String what) throws InterruptedException {
        for (int i = 0; i < 200 && !c.getAsBoolean(); i++) Thread.sleep(50);
        assertThat(c.getAsBoolean()).as(what).isTrue();
    }

    @Test
    void pairElectsTheHigherPriorityFailsOverOnCrashAndOnLinkDownAndNotifies() throws Exception {
        var wire = new InMemoryPlatform.Wire();
        var p1 = new InMemoryPlatform(wire, ip("10.0.0.5"));
        var p2 = new InMemoryPlatform(wire, ip("10.0.0.6"));
        var notify = new Notifies(Optional.of(Script.asDaemon(List.of("/m"))), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Script.asDaemon(List.of("/n"))));
        var e1 = new VrrpEngine(p1, List.of(config("VI", 100, "10.0.0.5", notify)), Map.of(), Map.of());
        var e2 = new VrrpEngine(p2, List.of(config("VI", 50, "10.0.0.6", Notifies.NONE)), Map.of(), Map.of());
        try (e2) {
            e1.start();
            e2.start();
            await(() -> !p1.vipsHeld().isEmpty(), "lb01 becomes MASTER");
            Thread.sleep(1500);
            assertThat(p2.vipsHeld()).isEmpty();
            assertThat(p1.announced()).contains("10.0.0.3");
            assertThat(p1.scriptsRun()).contains(List.of("/m"), List.of("/n", "INSTANCE", "VI", "MASTER", "100"));
            assertThat(e2.statistics("VI").received()).isPositive();
            assertThat(e2.status().getFirst().state()).isEqualTo(VrrpState.BACKUP);

            p1.setLink("eth0", false); // track_interface weight 0: FAULT, priority 0 advert, VIPs removed
            await(() -> !p2.vipsHeld().isEmpty(), "lb02 takes over when lb01's link goes down");
            assertThat(p1.vipsHeld()).isEmpty();
            assertThat(e1.status().getFirst().state()).isEqualTo(VrrpState.FAULT);
            assertThat(e1.status().getFirst().priorityZeroSent()).isPositive();

            p1.setLink("eth0", true);
            await(() -> !p1.vipsHeld().isEmpty() && p2.vipsHeld().isEmpty(), "lb01 preempts back");

            p1.crash();
            await(() -> !p2.vipsHeld().isEmpty(), "lb02 takes over after lb01 crashed");
        } finally {
            e1.close();
        }
    }

    @Test
    void recordsTheLastTransitionAndWithDontReleaseLeavesTheVipsAtStop() throws Exception {
        var wire = new InMemoryPlatform.Wire();
        var p1 = new InMemoryPlatform(wire, ip("10.0.0.5"));
        var e1 = new VrrpEngine(p1, List.of(config("VI", 100, "10.0.0.5", Notifies.NONE)), Map.of(), Map.of());
        assertThat(e1.lastTransition("VI")).isEmpty();
        e1.keepVipsOnStop();
        try {
            e1.start();
            await(() -> !p1.vipsHeld().isEmpty(), "alone, it becomes MASTER");
            var t = e1.lastTransition("VI").orElseThrow();
            assertThat(t.from()).isEqualTo(VrrpState.BACKUP);
            assertThat(t.to()).isEqualTo(VrrpState.MASTER);
            assertThat(t.reason()).isNotBlank();
            assertThat(t.atNanos()).isLessThanOrEqualTo(e1.clockNanos());
            assertThat(e1.lastTransition("nope")).isEmpty();
        } finally {
            e1.close();
        }
        assertThat(p1.vipsHeld()).as("VIPs left in place (--dont-release-vrrp)").isNotEmpty();
        assertThat(e1.status().getFirst().priorityZeroSent()).isZero();
    }
}
