package io.javalived.vrrp.runtime;

import static io.javalived.vrrp.runtime.EngineInMemoryTest.await;
import static io.javalived.vrrp.runtime.EngineInMemoryTest.config;
import static io.javalived.vrrp.runtime.EngineInMemoryTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.parser.model.IpPrefix;
import io.javalived.parser.model.IpRoute;
import io.javalived.parser.model.IpRule;
import io.javalived.parser.model.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** virtual_routes and virtual_rules follow MASTER on the in-memory twin: added on entering it, removed on leaving it. */
class EngineRoutingTest {
    static final SourceLocation AT = SourceLocation.of("keepalived.conf", 12);

    static InstanceConfig withRouting(InstanceConfig c, InstanceRouting r) {
        return c.withRouting(r);
    }

    @Test
    void routesAndRulesAreAddedOnMasterAndRemovedOnLeavingIt() throws Exception {
        IpRoute route = new IpRoute(IpRoute.RouteType.UNICAST, new IpPrefix(ip("10.60.0.0"), 16), Optional.empty(),
                Optional.empty(), Optional.of(ip("10.0.0.254")), Optional.of("eth0"), List.of(), 60, OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), false, false,
                "10.60.0.0/16 via 10.0.0.254 dev eth0 table 60", AT);
        IpRule rule = new IpRule(true, false, Optional.of(new IpPrefix(ip("10.0.0.3"), 32)), Optional.empty(),
                OptionalInt.of(6000), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty(),
                Optional.empty(), IpRule.Action.TABLE, 60, OptionalInt.empty(), false, "from 10.0.0.3 table 60 priority 6000", AT);
        var wire = new InMemoryPlatform.Wire();
        var p1 = new InMemoryPlatform(wire, ip("10.0.0.5"));
        var p2 = new InMemoryPlatform(wire, ip("10.0.0.6"));
        var routing = new InstanceRouting(List.of(route), List.of(rule));
        var e1 = new VrrpEngine(p1, List.of(withRouting(config("VI", 100, "10.0.0.5", Notifies.NONE), routing)), Map.of(), Map.of());
        var e2 = new VrrpEngine(p2, List.of(withRouting(config("VI", 50, "10.0.0.6", Notifies.NONE), routing)), Map.of(), Map.of());
        try (e1; e2) {
            e1.start();
            e2.start();
            await(() -> p1.routingEntries().size() == 2, "lb01 becomes MASTER and adds its route and rule");
            assertThat(p1.routingChanges()).containsExactly("+route 10.60.0.0/16 via 10.0.0.254 dev eth0 table 60",
                    "+rule from 10.0.0.3 table 60 priority 6000");
            assertThat(p1.vipsHeld()).isNotEmpty();
            assertThat(p2.routingEntries()).as("BACKUP has none").isEmpty();

            p1.setLink("eth0", false); // FAULT: leaves MASTER
            await(() -> p2.routingEntries().size() == 2, "lb02 takes over with the route and rule");
            await(() -> p1.routingEntries().isEmpty(), "lb01 removed them on leaving MASTER");
            assertThat(p1.routingChanges()).containsExactly("+route 10.60.0.0/16 via 10.0.0.254 dev eth0 table 60",
                    "+rule from 10.0.0.3 table 60 priority 6000", "-rule from 10.0.0.3 table 60 priority 6000",
                    "-route 10.60.0.0/16 via 10.0.0.254 dev eth0 table 60");
        }
        assertThat(p2.routingEntries()).as("a MASTER's stop removes them").isEmpty();
    }
}
