package io.javalived.parser;

import static io.javalived.parser.Configs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.parser.diag.Diagnostic;
import io.javalived.parser.model.IpRoute;
import io.javalived.parser.model.IpRule;
import io.javalived.parser.model.KeepalivedConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** static_routes/virtual_routes and static_rules/virtual_rules lines in keepalived 2.2.7's syntax, typed. */
class RoutesRulesTest {
    @TempDir
    Path dir;

    @Test
    void routesOfKeepalivedsSamplesAreTyped() {
        ParseResult r = parse(dir, """
                static_ipaddress {
                    192.168.200.17/24 dev eth1
                }
                static_routes {
                    src 192.168.100.1 192.168.209.0/24 via 192.168.200.254 dev eth0
                    192.168.212.0/24 dev eth3 scope site
                    blackhole 192.168.113.1/32
                    to unreachable 10.1.0.0/16 table 100 metric 7 proto static no_track
                    192.168.113.0/24 via 192.168.100.252 or 192.168.100.253
                    default via 192.168.200.1
                    2001:db8::/64 nexthop via 2001:db8:1::1 dev eth0 weight 2 nexthop via 2001:db8:1::2 dev eth1
                }
                static_rules {
                    from 192.168.100.0/24 table 1
                    not from all to 10.0.0.0/8 fwmark 0x10/0xff iif eth0 priority 100 prohibit
                }
                """);
        KeepalivedConfig c = r.config();
        assertThat(c.statics().addresses()).singleElement().satisfies(a -> assertThat(a.device()).hasValue("eth1"));
        List<IpRoute> routes = c.statics().routes();
        assertThat(routes).hasSize(7);
        IpRoute first = routes.get(0);
        assertThat(first.destination().toString()).isEqualTo("192.168.209.0/24");
        assertThat(first.preferredSource().orElseThrow().getHostAddress()).isEqualTo("192.168.100.1");
        assertThat(first.via().orElseThrow().getHostAddress()).isEqualTo("192.168.200.254");
        assertThat(first.device()).hasValue("eth0");
        assertThat(first.table()).isEqualTo(254);
        assertThat(first.location().line()).isEqualTo(5);
        assertThat(routes.get(1).scope()).hasValue(200);
        assertThat(routes.get(2).type()).isEqualTo(IpRoute.RouteType.BLACKHOLE);
        assertThat(routes.get(2).destination().length()).isEqualTo(32);
        IpRoute u = routes.get(3);
        assertThat(u.type()).isEqualTo(IpRoute.RouteType.UNREACHABLE);
        assertThat(u.table()).isEqualTo(100);
        assertThat(u.metric()).hasValue(7);
        assertThat(u.protocol()).hasValue(4);
        assertThat(u.noTrack()).isTrue();
        assertThat(routes.get(4).nextHops()).hasSize(2);
        assertThat(routes.get(5).destination().toString()).isEqualTo("0.0.0.0/0");
        assertThat(routes.get(6).ipv4()).isFalse();
        assertThat(routes.get(6).nextHops()).extracting(IpRoute.NextHop::weight).containsExactly(2, 1);

        List<IpRule> rules = c.statics().rules();
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).action()).isEqualTo(IpRule.Action.TABLE);
        assertThat(rules.get(0).table()).isEqualTo(1);
        IpRule p = rules.get(1);
        assertThat(p.invert()).isTrue();
        assertThat(p.from()).isEmpty();
        assertThat(p.to().orElseThrow().toString()).isEqualTo("10.0.0.0/8");
        assertThat(p.fwmark()).hasValue(0x10);
        assertThat(p.fwmask()).hasValue(0xff);
        assertThat(p.iif()).hasValue("eth0");
        assertThat(p.priority()).hasValue(100);
        assertThat(p.action()).isEqualTo(IpRule.Action.PROHIBIT);
        assertThat(c.otherBlocks()).as("no longer kept raw").isEmpty();
    }

    @Test
    void aBadLineIsReportedAtItsLineAndLeftOutTheOthersStay() {
        ParseResult r = parse(dir, """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress {
                        10.0.0.3/24
                    }
                    virtual_routes {
                        10.8.0.0/16 via 10.0.0.1 dev eth0
                        10.9.0.0/16 via 10.0.0.300
                        10.10.0.0/16 metric lots
                        10.11.0.0/16 via 2001:db8::1
                    }
                    virtual_rules {
                        from 10.8.0.0/16 table 10 priority 100
                        to 192.168.100./24 table 1
                        from 10.9.0.0/16 table 1 goto 5
                    }
                }
                """);
        var i = r.config().vrrpInstances().getFirst();
        assertThat(i.virtualRoutes()).extracting(IpRoute::written).containsExactly("10.8.0.0/16 via 10.0.0.1 dev eth0");
        assertThat(i.virtualRules()).extracting(IpRule::written).containsExactly("from 10.8.0.0/16 table 10 priority 100");
        assertThat(r.diagnostics()).extracting(Diagnostic::format).anySatisfy(m -> assertThat(m)
                .contains("Line 9)").contains("invalid route via address 10.0.0.300"));
        assertThat(r.diagnostics()).extracting(Diagnostic::format).anySatisfy(m -> assertThat(m)
                .contains("Line 10)").contains("invalid metric lots"));
        assertThat(r.diagnostics()).extracting(Diagnostic::format).anySatisfy(m -> assertThat(m)
                .contains("Line 11)").contains("Cannot mix IPv4 and IPv6"));
        assertThat(r.diagnostics()).extracting(Diagnostic::format).anySatisfy(m -> assertThat(m)
                .contains("Line 15)").contains("invalid rule to address 192.168.100./24"));
        assertThat(r.diagnostics()).extracting(Diagnostic::format).anySatisfy(m -> assertThat(m)
                .contains("Line 16)").contains("rule has two actions"));
    }
}
