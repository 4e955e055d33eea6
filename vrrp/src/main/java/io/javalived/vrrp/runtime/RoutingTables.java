package io.javalived.vrrp.runtime;

import io.javalived.parser.model.IpRoute;
import io.javalived.parser.model.IpRule;

/**
 * Adds and removes routes and policy routing rules ({@code virtual_routes}/{@code virtual_rules} on MASTER,
 * {@code static_routes}/{@code static_rules} while VRRP runs). All four are idempotent: adding a present entry or
 * removing an absent one is not an error. Failures throw {@link NetworkActionException} naming the entry.
 */
public interface RoutingTables {
    void add(IpRoute route);

    void remove(IpRoute route);

    void add(IpRule rule);

    void remove(IpRule rule);
}
