package io.javalived.vrrp.runtime;

import io.javalived.parser.model.IpRoute;
import io.javalived.parser.model.IpRule;
import java.util.List;

/** An instance's {@code virtual_routes} and {@code virtual_rules}: installed on entering MASTER, removed on leaving it. */
public record InstanceRouting(List<IpRoute> routes, List<IpRule> rules) {
    public static final InstanceRouting NONE = new InstanceRouting(List.of(), List.of());

    public InstanceRouting {
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
    }

    public boolean isEmpty() {
        return routes.isEmpty() && rules.isEmpty();
    }
}
