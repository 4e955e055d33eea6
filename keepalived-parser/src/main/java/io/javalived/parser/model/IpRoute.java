package io.javalived.parser.model;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code static_routes} / {@code virtual_routes} line, as keepalived 2.2.7 reads it: {@code [TYPE] [to] DST
 * [from SRC] [src PREFSRC] [via|gw GW [or GW2]] [dev IF] [table T] [metric M] [proto P] [scope S] [tos T] [onlink]
 * [no_track] [nexthop via GW [dev IF] [weight W] ...]}.
 *
 * @param type            {@code unicast} (default), {@code blackhole}, {@code unreachable}, {@code prohibit}...
 * @param source          {@code from}: the source prefix the route applies to (policy routing, IPv6)
 * @param preferredSource {@code src}: the source address for traffic using the route
 * @param via             {@code via} / {@code gw}: the gateway
 * @param nextHops        multipath: {@code or} (via first, then the "or" gateway) or {@code nexthop} groups; empty
 *                        for a single path
 * @param table           the routing table (default main, 254)
 * @param protocol        {@code proto}; empty: keepalived's own (18)
 * @param scope           {@code scope}; empty: universe
 * @param noTrack         {@code no_track}: keepalived does not watch the route
 * @param written         the line as written, for messages
 */
public record IpRoute(RouteType type, IpPrefix destination, Optional<IpPrefix> source,
                      Optional<InetAddress> preferredSource, Optional<InetAddress> via, Optional<String> device,
                      List<NextHop> nextHops, int table, OptionalInt metric, OptionalInt protocol, OptionalInt scope,
                      OptionalInt tos, boolean onlink, boolean noTrack, String written, SourceLocation location) {
    public IpRoute {
        nextHops = List.copyOf(nextHops);
    }

    public static final int TABLE_MAIN = 254;

    public boolean ipv4() {
        return destination.address() instanceof Inet4Address;
    }

    /** Route types keepalived accepts, with their kernel numbers (RTN_*). */
    public enum RouteType {
        UNICAST(1), LOCAL(2), BROADCAST(3), ANYCAST(4), MULTICAST(5), BLACKHOLE(6), UNREACHABLE(7), PROHIBIT(8),
        THROW(9), NAT(10);

        public final int kernel;

        RouteType(int kernel) {
            this.kernel = kernel;
        }
    }

    /** One path of a multipath route. */
    public record NextHop(Optional<InetAddress> via, Optional<String> device, int weight) {}

    @Override
    public String toString() {
        return written;
    }
}
