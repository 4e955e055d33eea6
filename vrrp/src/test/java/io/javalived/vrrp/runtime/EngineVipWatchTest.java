package io.javalived.vrrp.runtime;

import static io.javalived.vrrp.runtime.EngineInMemoryTest.await;
import static io.javalived.vrrp.runtime.EngineInMemoryTest.config;
import static io.javalived.vrrp.runtime.EngineInMemoryTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.state.VrrpState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine on the in-memory twin: a VIP deleted from outside and an interface renamed while MASTER. */
class EngineVipWatchTest {

    @Test
    void aVipDeletedFromOutsideIsRestoredWithoutATransitionAndStatusShowsTheTruth() throws Exception {
        var wire = new InMemoryPlatform.Wire();
        var p1 = new InMemoryPlatform(wire, ip("10.0.0.5"));
        var p2 = new InMemoryPlatform(wire, ip("10.0.0.6"));
        var e1 = new VrrpEngine(p1, List.of(config("VI", 100, "10.0.0.5", Notifies.NONE)), Map.of(), Map.of());
        var e2 = new VrrpEngine(p2, List.of(config("VI", 50, "10.0.0.6", Notifies.NONE)), Map.of(), Map.of());
        try (e1; e2) {
            e1.start();
            e2.start();
            await(() -> !p1.vipsHeld().isEmpty(), "lb01 becomes MASTER");
            var vip = p1.vipsHeld().iterator().next();
            assertThat(e1.status().getFirst().vipsPresent()).containsExactly("10.0.0.3/24 dev eth0");
            long garpsBefore = p1.announced().size();
            long becameMaster = e1.status().getFirst().becameMaster();
            p1.deleteFromOutside(vip);
            await(() -> p1.vipsHeld().contains(vip), "the VIP is back");
            await(() -> p1.announced().size() > garpsBefore, "announced again");
            assertThat(p1.vipChanges()).endsWith("-10.0.0.3/24 (outside)", "+10.0.0.3/24");
            var s = e1.status().getFirst();
            assertThat(s.state()).isEqualTo(VrrpState.MASTER);
            assertThat(s.becameMaster()).as("no transition").isEqualTo(becameMaster);
            assertThat(s.priorityZeroSent()).as("no priority-0 advert").isZero();
            assertThat(s.vipsRestored()).isEqualTo(1);
            assertThat(s.vipsPresent()).containsExactly("10.0.0.3/24 dev eth0");
            assertThat(s.vipsMissing()).isEmpty();
            assertThat(p2.vipsHeld()).as("the peer never took it").isEmpty();
            assertThat(p2.vipChanges()).doesNotContain("+10.0.0.3/24");
        }
    }

    @Test
    void aRenamedInterfaceIsFollowedAndTheInstanceRecoversWhenItIsUp() throws Exception {
        var wire = new InMemoryPlatform.Wire();
        var p1 = new InMemoryPlatform(wire, ip("10.0.0.5"));
        var e1 = new VrrpEngine(p1, List.of(config("VI", 100, "10.0.0.5", Notifies.NONE)), Map.of(), Map.of());
        try (e1) {
            e1.start();
            await(() -> !p1.vipsHeld().isEmpty(), "MASTER");
            p1.setLink("eth0", false);
            await(() -> e1.status().getFirst().state() == VrrpState.FAULT, "FAULT when down");
            p1.renameLink("eth0", "eth9");
            p1.setLink("eth9", true);
            await(() -> e1.status().getFirst().state() == VrrpState.MASTER, "back to MASTER once eth9 is up");
            var s = e1.status().getFirst();
            assertThat(s.interfaceNow()).isEqualTo("eth9");
            assertThat(s.vipsPresent()).containsExactly("10.0.0.3/24 dev eth9");
        }
    }
}
