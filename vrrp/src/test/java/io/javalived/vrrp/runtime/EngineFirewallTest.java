package io.javalived.vrrp.runtime;

import static io.javalived.vrrp.runtime.EngineInMemoryTest.await;
import static io.javalived.vrrp.runtime.EngineInMemoryTest.config;
import static io.javalived.vrrp.runtime.EngineInMemoryTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * no_accept through the engine and the firewall's in-memory twin: the drop rule is set before the VIPs are added
 * and removed after they are removed (keepalived's order), only while MASTER, and never in accept mode.
 */
class EngineFirewallTest {
    static InstanceConfig noAccept(InstanceConfig c) {
        return c.withDropsVipTraffic(true);
    }

    @Test
    void theDropRuleSurroundsTheVipsWhileMaster() throws Exception {
        var p = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        var e = new VrrpEngine(p, List.of(noAccept(config("VI", 100, "10.0.0.5", Notifies.NONE))), Map.of(), Map.of());
        try (e) {
            e.start();
            await(() -> !p.vipsHeld().isEmpty(), "MASTER");
            assertThat(p.firewall().blocked()).containsExactly(ip("10.0.0.3"));
            p.setLink("eth0", false);   // FAULT: the VIPs go, then the rule
            await(() -> p.vipsHeld().isEmpty(), "FAULT");
            await(() -> p.firewall().blocked().isEmpty(), "the rule removed");
        }
        assertThat(p.vipChanges()).startsWith("drop+10.0.0.3", "+10.0.0.3/24", "-10.0.0.3/24", "drop-10.0.0.3");
    }

    @Test
    void acceptModeMakesNoRule() throws Exception {
        var p = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        var e = new VrrpEngine(p, List.of(config("VI", 100, "10.0.0.5", Notifies.NONE)), Map.of(), Map.of());
        try (e) {
            e.start();
            await(() -> !p.vipsHeld().isEmpty(), "MASTER");
        }
        assertThat(p.firewall().changes()).isEmpty();
    }
}
