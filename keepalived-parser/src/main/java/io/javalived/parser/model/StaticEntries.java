package io.javalived.parser.model;

import java.util.List;

/**
 * The top-level {@code static_ipaddress}, {@code static_routes} and {@code static_rules} blocks: installed when
 * VRRP starts (whatever its instances' states), reconciled at reload, removed at stop, as keepalived 2.2.7 does.
 */
public record StaticEntries(List<VirtualIpAddress> addresses, List<IpRoute> routes, List<IpRule> rules) {
    public static final StaticEntries NONE = new StaticEntries(List.of(), List.of(), List.of());

    public StaticEntries {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
    }

    public boolean isEmpty() {
        return addresses.isEmpty() && routes.isEmpty() && rules.isEmpty();
    }
}
