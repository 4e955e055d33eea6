package io.javalived.vrrp.runtime;

import io.javalived.net.rtnl.Route;
import io.javalived.net.rtnl.RouteNetlink;
import io.javalived.net.rtnl.Rtnl;
import io.javalived.net.rtnl.Rule;
import io.javalived.parser.model.IpRoute;
import io.javalived.parser.model.IpRule;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.ToIntFunction;

/**
 * {@link RoutingTables} on the kernel through rtnetlink, with keepalived 2.2.7's defaults: a route without
 * {@code proto} carries protocol 18 ("keepalived"), and so does every rule (FRA_PROTOCOL), scope universe unless {@code scope} says otherwise; a delete
 * matches any scope unless one was configured (as keepalived deletes).
 */
final class KernelRoutingTables implements RoutingTables {
    private final RouteNetlink rtnl;
    /** An interface's index by name; throws {@link NetworkActionException} naming it when there is none. */
    private final ToIntFunction<String> index;

    KernelRoutingTables(RouteNetlink rtnl, ToIntFunction<String> index) {
        this.rtnl = rtnl;
        this.index = index;
    }

    @Override
    public void add(IpRoute r) {
        call(() -> rtnl.addRoute(kernel(r, false)), "route", r.written());
    }

    @Override
    public void remove(IpRoute r) {
        call(() -> rtnl.deleteRoute(kernel(r, true)), "route", r.written());
    }

    @Override
    public void add(IpRule r) {
        call(() -> rtnl.addRule(kernel(r)), "rule", r.written());
    }

    @Override
    public void remove(IpRule r) {
        call(() -> rtnl.deleteRule(kernel(r)), "rule", r.written());
    }

    private static void call(java.util.function.BooleanSupplier change, String what, String written) {
        try {
            change.getAsBoolean();
        } catch (NetworkActionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NetworkActionException(what + " '" + written + "': " + e.getMessage());
        }
    }

    Route kernel(IpRoute r, boolean forDelete) {
        int family = r.ipv4() ? 2 : 10;
        int scope = r.scope().orElse(forDelete ? Rtnl.RT_SCOPE_NOWHERE : Rtnl.RT_SCOPE_UNIVERSE);
        OptionalInt oif = r.device().map(d -> OptionalInt.of(index.applyAsInt(d))).orElse(OptionalInt.empty());
        return new Route(family, Optional.of(r.destination().address()), r.destination().length(),
                r.source().map(p -> p.address()), r.source().map(p -> p.length()).orElse(0), r.via(),
                r.preferredSource(), oif, r.table(), r.protocol().orElse(Rtnl.RTPROT_KEEPALIVED), scope, r.type().kernel,
                r.tos().orElse(0), r.onlink() ? Rtnl.RTNH_F_ONLINK : 0, r.metric(),
                r.nextHops().stream().map(h -> new Route.NextHop(h.via(),
                        h.device().map(index::applyAsInt).orElse(0), h.weight())).toList());
    }

    static Rule kernel(IpRule r) {
        return new Rule(r.ipv4() ? 2 : 10, r.from().map(p -> p.address()), r.from().map(p -> p.length()).orElse(0),
                r.to().map(p -> p.address()), r.to().map(p -> p.length()).orElse(0), r.tos().orElse(0), r.table(),
                r.action().kernel, r.invert() ? Rtnl.FIB_RULE_INVERT : 0, r.priority(), r.fwmark(), r.fwmask(), r.iif(),
                r.oif(), r.gotoTarget(), Rtnl.RTPROT_KEEPALIVED);
    }
}
