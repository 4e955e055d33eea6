package io.javalived.vrrp.runtime;

import static io.javalived.vrrp.runtime.EngineInMemoryTest.await;
import static io.javalived.vrrp.runtime.EngineInMemoryTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.state.Vip;
import io.javalived.vrrp.state.VrrpState;
import io.javalived.vrrp.track.TrackerWeight;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine's VMAC life cycle on the in-memory twin: made before the socket, VIPs on it, removed at stop and reload. */
class EngineVmacTest {
    static final Vmac VMAC = new Vmac("vrrp.62", "eth0", Vmac.standardMac(62, IpFamily.IPV4), IpFamily.IPV4, Optional.empty());

    /** EngineInMemoryTest's instance with use_vmac: its VIP on vrrp.62, which it tracks too. */
    static InstanceConfig withVmac(String name, int prio, String addr) {
        InstanceConfig c = EngineInMemoryTest.config(name, prio, addr, Notifies.NONE);
        Vip vip = Vip.of(ip("10.0.0.3"), 24, VMAC.name());
        return new InstanceConfig(c.settings(), c.expectations(), c.interfaceName(), c.sourceAddress(), c.destinations(),
                c.ttl(), List.of(vip), List.of(), c.authType(), c.authData(), c.checksumAsV2(), c.notifies(),
                List.of(new InterfaceTrack("eth0", TrackerWeight.FAULT_WHEN_DOWN), new InterfaceTrack(VMAC.name(), TrackerWeight.FAULT_WHEN_DOWN)),
                List.of(), Optional.empty(), Optional.empty(), false).withVmacs(new Vmacs(Optional.of(VMAC), List.of(), false));
    }

    @Test
    void theVmacCarriesTheVipsAndGoesAtStop() throws Exception {
        var p = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        var e = new VrrpEngine(p, List.of(withVmac("VI", 100, "10.0.0.5")), Map.of(), Map.of());
        try {
            e.start();
            assertThat(p.vmacsPresent()).containsOnlyKeys("vrrp.62");
            await(() -> !p.vipsHeld().isEmpty(), "alone, it becomes MASTER");
            assertThat(p.vipsHeld()).extracting(Vip::device).containsExactly("vrrp.62");
        } finally {
            e.close();
        }
        assertThat(p.vipsHeld()).isEmpty();
        assertThat(p.vmacsPresent()).isEmpty();
        assertThat(p.vmacChanges()).containsExactly("+vrrp.62", "-vrrp.62");
    }

    @Test
    void withDontReleaseTheVmacStaysWithItsVips() throws Exception {
        var p = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        var e = new VrrpEngine(p, List.of(withVmac("VI", 100, "10.0.0.5")), Map.of(), Map.of());
        e.keepVipsOnStop();
        try {
            e.start();
            await(() -> !p.vipsHeld().isEmpty(), "alone, it becomes MASTER");
        } finally {
            e.close();
        }
        assertThat(p.vmacsPresent()).containsOnlyKeys("vrrp.62");
        assertThat(p.vipsHeld()).isNotEmpty();
    }

    @Test
    void aReloadThatRemovesTheInstanceRemovesItsVmac() throws Exception {
        var p = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        var e = new VrrpEngine(p, List.of(withVmac("VI", 100, "10.0.0.5")), Map.of(), Map.of());
        try {
            e.start();
            await(() -> !p.vipsHeld().isEmpty(), "alone, it becomes MASTER");
            e.removeInstances(List.of("VI"));
            assertThat(p.vipsHeld()).isEmpty();
            assertThat(p.vmacsPresent()).isEmpty();
        } finally {
            e.close();
        }
        assertThat(p.vmacChanges()).containsExactly("+vrrp.62", "-vrrp.62");
    }

    @Test
    void aReloadThatDropsUseVmacMovesTheVipBackAndRemovesTheVmac() throws Exception {
        var p = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        var e = new VrrpEngine(p, List.of(withVmac("VI", 100, "10.0.0.5")), Map.of(), Map.of());
        try {
            e.start();
            await(() -> !p.vipsHeld().isEmpty(), "alone, it becomes MASTER");
            e.updateInstance("VI", EngineInMemoryTest.config("VI", 100, "10.0.0.5", Notifies.NONE));
            assertThat(p.vipsHeld()).extracting(Vip::device).containsExactly("eth0");
            assertThat(p.vmacsPresent()).isEmpty();
            assertThat(e.status().getFirst().state()).isEqualTo(VrrpState.MASTER);
        } finally {
            e.close();
        }
    }

    @Test
    void aVmacThatCannotBeMadeKeepsTheInstanceInFault() throws Exception {
        var p = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        p.setLink("vrrp.62", true); // another interface has the name
        var e = new VrrpEngine(p, List.of(withVmac("VI", 100, "10.0.0.5")), Map.of(), Map.of());
        try {
            e.start();
            await(() -> e.status().getFirst().state() == VrrpState.FAULT, "FAULT");
            Thread.sleep(500);
            assertThat(p.vipsHeld()).isEmpty();
        } finally {
            e.close();
        }
        assertThat(p.vmacChanges()).isEmpty();
    }

    @Test
    void theVmacGoingDownIsAFault() throws Exception {
        var p = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        var e = new VrrpEngine(p, List.of(withVmac("VI", 100, "10.0.0.5")), Map.of(), Map.of());
        try {
            e.start();
            await(() -> !p.vipsHeld().isEmpty(), "alone, it becomes MASTER");
            p.setLink("vrrp.62", false);
            await(() -> e.status().getFirst().state() == VrrpState.FAULT, "FAULT when the VMAC is down");
            assertThat(p.vipsHeld()).isEmpty();
        } finally {
            e.close();
        }
    }
}
