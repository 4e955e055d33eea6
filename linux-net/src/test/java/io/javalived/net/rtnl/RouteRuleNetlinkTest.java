package io.javalived.net.rtnl;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.net.TestNamespace;
import io.javalived.net.netns.InNamespace;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routes and rules: the codecs are symmetric, and on a real kernel (a namespace of this test's own, `ip` as the
 * observer) add, dump and delete do what {@code ip route}/{@code ip rule} show, idempotently.
 */
class RouteRuleNetlinkTest {
    private TestNamespace namespace;
    private String ns;

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static Route route(String dst, int len, String via, int oif, int table, int metric) throws Exception {
        return new Route(2, Optional.of(ip(dst)), len, Optional.empty(), 0, Optional.ofNullable(via == null ? null : ip(via)),
                Optional.empty(), oif == 0 ? OptionalInt.empty() : OptionalInt.of(oif), table, Rtnl.RTPROT_KEEPALIVED,
                Rtnl.RT_SCOPE_UNIVERSE, Rtnl.RTN_UNICAST, 0, 0, metric < 0 ? OptionalInt.empty() : OptionalInt.of(metric), List.of());
    }

    static Rule rule(String from, int len, int table, int priority) throws Exception {
        return new Rule(2, Optional.of(ip(from)), len, Optional.empty(), 0, 0, table, Rtnl.FR_ACT_TO_TBL, 0,
                OptionalInt.of(priority), OptionalInt.of(7), OptionalInt.of(0xff), Optional.of("lo"), Optional.empty(),
                OptionalInt.empty(), Rtnl.RTPROT_KEEPALIVED);
    }

    @Test
    void codecsAreSymmetric() throws Exception {
        Route r = route("192.0.2.0", 24, "198.51.100.1", 3, 1000, 50);
        assertThat(Route.decode(r.encode())).isEqualTo(r);
        Route v6 = new Route(10, Optional.of(ip("2001:db8::")), 64, Optional.of(ip("2001:db8:1::")), 48,
                Optional.empty(), Optional.of(ip("2001:db8::1")), OptionalInt.of(2), Rtnl.RT_TABLE_MAIN, 18,
                Rtnl.RT_SCOPE_LINK, Rtnl.RTN_BLACKHOLE, 0, Rtnl.RTNH_F_ONLINK, OptionalInt.empty(), List.of());
        assertThat(Route.decode(v6.encode())).isEqualTo(v6);
        Rule u = rule("10.1.0.0", 16, 100, 1000);
        assertThat(Rule.decode(u.encode())).isEqualTo(u);
        assertThat(u.toString()).isEqualTo("1000: from 10.1.0.0/16 fwmark 0x7/0xff iif lo lookup 100 proto 18");
        assertThat(r.toString()).isEqualTo("192.0.2.0/24 via 198.51.100.1 oif 3 table 1000 metric 50");
    }

    @BeforeEach
    void namespace() throws Exception {
        namespace = TestNamespace.create("rtnl");
        ns = namespace.name();
        run("ip", "-n", ns, "link", "add", "d0", "type", "veth", "peer", "name", "d1");
        run("ip", "-n", ns, "link", "set", "d1", "up");
        run("ip", "-n", ns, "link", "set", "d0", "up");
        run("ip", "-n", ns, "addr", "add", "198.51.100.2/24", "dev", "d0");
    }

    @AfterEach
    void removeNamespace() throws Exception {
        if (namespace != null) namespace.close();
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        return TestNamespace.run(cmd);
    }

    @Test
    void routesAndRulesReachTheKernelAndLeaveIt() throws Exception {
        InNamespace.call(Path.of("/run/netns", ns), () -> {
            try (RouteNetlink rt = RouteNetlink.open()) {
                int d0 = rt.requireLink("d0").index();
                Route viaGw = route("192.0.2.0", 24, "198.51.100.1", d0, Rtnl.RT_TABLE_MAIN, 50);
                Route inTable = route("203.0.113.0", 24, null, d0, 1000, -1);
                Route blackhole = new Route(2, Optional.of(ip("10.66.0.0")), 16, Optional.empty(), 0, Optional.empty(),
                        Optional.empty(), OptionalInt.empty(), Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_KEEPALIVED,
                        Rtnl.RT_SCOPE_UNIVERSE, Rtnl.RTN_BLACKHOLE, 0, 0, OptionalInt.empty(), List.of());
                Route multipath = new Route(2, Optional.of(ip("10.77.0.0")), 16, Optional.empty(), 0, Optional.empty(),
                        Optional.empty(), OptionalInt.empty(), Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_KEEPALIVED,
                        Rtnl.RT_SCOPE_UNIVERSE, Rtnl.RTN_UNICAST, 0, 0, OptionalInt.empty(), List.of(
                        new Route.NextHop(Optional.of(ip("198.51.100.7")), d0, 1),
                        new Route.NextHop(Optional.of(ip("198.51.100.8")), d0, 3)));
                assertThat(Route.decode(multipath.encode())).isEqualTo(multipath);
                assertThat(rt.addRoute(multipath)).isTrue();
                assertThat(run("ip", "-n", ns, "route", "show", "10.77.0.0/16")).contains(
                        "nexthop via 198.51.100.7 dev d0 weight 1", "nexthop via 198.51.100.8 dev d0 weight 3");
                assertThat(rt.deleteRoute(multipath)).isTrue();
                Rule toTable = rule("10.1.0.0", 16, 1000, 1000);
                assertThat(rt.addRoute(viaGw)).isTrue();
                assertThat(rt.addRoute(viaGw)).as("a second add is no change").isFalse();
                assertThat(rt.addRoute(inTable)).isTrue();
                assertThat(rt.addRoute(blackhole)).isTrue();
                assertThat(rt.addRule(toTable)).isTrue();
                assertThat(rt.addRule(toTable)).as("never a second copy").isFalse();

                assertThat(run("ip", "-n", ns, "route", "show", "proto", "keepalived")).contains(
                        "192.0.2.0/24 via 198.51.100.1 dev d0 metric 50", "blackhole 10.66.0.0/16");
                assertThat(run("ip", "-n", ns, "route", "show", "table", "1000")).contains("203.0.113.0/24 dev d0");
                assertThat(run("ip", "-n", ns, "rule", "show")).contains(
                        "1000:\tfrom 10.1.0.0/16 fwmark 0x7/0xff iif lo lookup 1000 proto keepalived");
                assertThat(rt.routes(2)).anySatisfy(r -> assertThat(r.toString()).isEqualTo(
                        "192.0.2.0/24 via 198.51.100.1 oif " + d0 + " metric 50"));
                assertThat(rt.rules(2)).anySatisfy(r -> assertThat(r.toString()).isEqualTo(
                        "1000: from 10.1.0.0/16 fwmark 0x7/0xff iif lo lookup 1000 proto 18"));

                for (Route r : List.of(viaGw, inTable, blackhole)) {
                    assertThat(rt.deleteRoute(r)).as("delete " + r).isTrue();
                    assertThat(rt.deleteRoute(r)).as("a second delete is no change").isFalse();
                }
                assertThat(rt.deleteRule(toTable)).isTrue();
                assertThat(rt.deleteRule(toTable)).isFalse();
            }
            return null;
        });
        assertThat(run("ip", "-n", ns, "route", "show", "proto", "keepalived")).isBlank();
        assertThat(run("ip", "-n", ns, "rule", "show")).doesNotContain("lookup 1000");
    }
}
