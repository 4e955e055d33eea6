package io.javalived.parser;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.model.DnsCheck;
import io.javalived.parser.model.HttpGet;
import io.javalived.parser.model.HttpUrl;
import io.javalived.parser.model.LvsFlushOnStop;
import io.javalived.parser.model.LvsMethod;
import io.javalived.parser.model.MiscCheck;
import io.javalived.parser.model.ServiceProtocol;
import io.javalived.parser.model.SmtpCheck;
import io.javalived.parser.model.SslGet;
import io.javalived.parser.model.TcpCheck;
import io.javalived.parser.model.UdpCheck;
import io.javalived.parser.model.VirtualServer;
import io.javalived.parser.model.VirtualServerAddress;
import io.javalived.parser.model.VirtualServerGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.javalived.parser.Configs.line;
import static io.javalived.parser.Configs.parse;
import static io.javalived.parser.Configs.withCode;
import static org.assertj.core.api.Assertions.assertThat;

/** virtual_server_group, virtual_server, real_server and checker blocks and their defaults. */
class LvsBlocksTest {
    @TempDir
    Path dir;

    private VirtualServer vs(ParseResult r) {
        assertThat(r.config().virtualServers()).hasSize(1);
        return r.config().virtualServers().getFirst();
    }

    @Test
    void unsetProtocolSchedulerAndMethodDefaultWithWarnings() {
        ParseResult r = parse(dir, "virtual_server 10.0.0.3 80 {\n real_server 10.0.0.7 80 {\n }\n}\n");
        VirtualServer v = vs(r);
        assertThat(v.protocol()).isEqualTo(ServiceProtocol.UDP);
        assertThat(v.scheduler()).isEqualTo("wlc");
        assertThat(v.method()).isEqualTo(LvsMethod.NAT);
        assertThat(v.delayLoop()).isEqualTo(Duration.ofSeconds(60));
        assertThat(v.quorum()).isEqualTo(1);
        assertThat(v.realServers().getFirst().weight()).isEqualTo(1);
        assertThat(withCode(r, DiagnosticCode.DEFAULT_APPLIED)).extracting(d -> d.message()).containsExactly(
                "Virtual server [10.0.0.3]:none:80: no protocol set - defaulting to UDP",
                "Virtual server [10.0.0.3]:none:80: no scheduler set, setting default 'wlc'",
                "Virtual server [10.0.0.3]:none:80: no forwarding method set, setting default NAT");
    }

    @Test
    void deprecatedAliasesAndBarePersistence() {
        ParseResult r = parse(dir, """
                virtual_server 10.0.0.3 80 {
                    lb_algo wrr
                    lb_kind DR
                    protocol tcp
                    persistence_timeout
                    real_server 10.0.0.7 8080 {
                        weight 3
                    }
                }
                """);
        VirtualServer v = vs(r);
        assertThat(r.diagnostics()).extracting(d -> d.code()).containsExactly(DiagnosticCode.INCONSISTENT);
        assertThat(v.scheduler()).isEqualTo("wrr");
        assertThat(v.method()).isEqualTo(LvsMethod.DR);
        assertThat(v.protocol()).isEqualTo(ServiceProtocol.TCP);
        assertThat(v.persistenceTimeout()).contains(Duration.ofSeconds(360));
        assertThat(v.realServers().getFirst().port()).as("DR forces the VS port").isEqualTo(80);
        assertThat(v.realServers().getFirst().weight()).isEqualTo(3);
    }

    @Test
    void colonAddressesAreAcceptedWithAWarning() {
        ParseResult r = parse(dir, "virtual_server 10.0.0.3:80 {\n protocol TCP\n lvs_sched rr\n lvs_method NAT\n"
                + " real_server 10.0.0.7:8080 {\n }\n}\n");
        VirtualServer v = vs(r);
        assertThat(v.address()).hasToString("10.0.0.3:80");
        assertThat(v.realServers().getFirst().port()).isEqualTo(8080);
        assertThat(withCode(r, DiagnosticCode.COLON_ADDRESS)).extracting(Configs::line).containsExactly(1, 5);
    }

    @Test
    void invalidVirtualServerAddressSkipsTheBlock() {
        ParseResult r = parse(dir, "virtual_server 10.0.0.300 80 {\n protocol TCP\n}\nvirtual_server fwmark 7 {\n lvs_sched rr\n lvs_method DR\n}\n");
        assertThat(r.config().virtualServers()).singleElement()
                .satisfies(v -> assertThat(v.address()).isInstanceOf(VirtualServerAddress.Fwmark.class));
        assertThat(withCode(r, DiagnosticCode.INVALID_ADDRESS)).singleElement().satisfies(d -> assertThat(line(d)).isEqualTo(1));
    }

    @Test
    void natMaskIsObsolete() {
        ParseResult r = parse(dir, "virtual_server 10.0.0.3 80 {\n protocol TCP\n lvs_sched rr\n lvs_method NAT\n nat_mask 255.255.255.0\n}\n");
        assertThat(withCode(r, DiagnosticCode.OBSOLETE_KEYWORD)).singleElement().satisfies(d -> assertThat(line(d)).isEqualTo(5));
    }

    @Test
    void tcpCheckDefaultsInheritFromRealAndVirtualServer() {
        ParseResult r = parse(dir, """
                virtual_server 10.0.0.3 80 {
                    protocol TCP
                    lvs_sched rr
                    lvs_method NAT
                    delay_loop 6
                    connect_timeout 2
                    real_server 10.0.0.7 80 {
                        retry 4
                        TCP_CHECK {
                            connect_port 8080
                        }
                        TCP_CHECK {
                            nb_get_retry 9
                            delay_before_retry 2
                        }
                    }
                }
                """);
        var checks = vs(r).realServers().getFirst().checkers();
        var first = ((TcpCheck) checks.get(0)).settings();
        assertThat(first.connectIp().getHostAddress()).isEqualTo("10.0.0.7");
        assertThat(first.connectPort()).isEqualTo(8080);
        assertThat(first.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(first.retry()).isEqualTo(4);
        assertThat(first.delayBeforeRetry()).isEqualTo(Duration.ofSeconds(1));
        assertThat(first.delayLoop()).isEqualTo(Duration.ofSeconds(6));
        assertThat(first.warmup()).isEqualTo(Duration.ofSeconds(6));
        var second = ((TcpCheck) checks.get(1)).settings();
        assertThat(second.connectPort()).isEqualTo(80);
        assertThat(second.retry()).as("nb_get_retry applied as retry").isEqualTo(9);
        assertThat(withCode(r, DiagnosticCode.DEPRECATED_KEYWORD)).singleElement().satisfies(d -> assertThat(line(d)).isEqualTo(13));
    }

    @Test
    void checkerSpecificDefaults() {
        ParseResult r = parse(dir, """
                virtual_server 10.0.0.3 443 {
                    protocol TCP
                    lvs_sched rr
                    lvs_method NAT
                    real_server 10.0.0.7 443 {
                        HTTP_GET {
                            url {
                                path /health
                                digest FF20AD2481F97B1754EF3E12ECD3A9CC
                            }
                        }
                        SSL_GET {
                            url {
                                path /
                                status_code 200-299 404 503
                            }
                            enable_sni
                        }
                        DNS_CHECK {
                            type A
                        }
                        MISC_CHECK {
                            misc_path "/usr/bin/check.sh arg1"
                            misc_dynamic
                        }
                        SMTP_CHECK {
                            host {
                                connect_ip 10.0.0.9
                            }
                        }
                        UDP_CHECK {
                            payload 0102
                        }
                    }
                }
                """);
        assertThat(r.diagnostics()).isEmpty();
        var cs = vs(r).realServers().getFirst().checkers();
        HttpGet http = (HttpGet) cs.get(0);
        assertThat(http.settings().delayBeforeRetry()).isEqualTo(Duration.ofSeconds(3));
        assertThat(http.urls().getFirst().digest()).contains("ff20ad2481f97b1754ef3e12ecd3a9cc");
        assertThat(http.urls().getFirst().statusCodes()).isEqualTo(HttpUrl.DEFAULT_STATUS_CODES);
        SslGet ssl = (SslGet) cs.get(1);
        assertThat(ssl.enableSni()).isTrue();
        assertThat(ssl.urls().getFirst().statusCodes()).containsExactly(new HttpUrl.StatusRange(200, 299),
                new HttpUrl.StatusRange(404, 404), new HttpUrl.StatusRange(503, 503));
        DnsCheck dns = (DnsCheck) cs.get(2);
        assertThat(dns.settings().retry()).isEqualTo(3);
        assertThat(dns.settings().delayBeforeRetry()).isEqualTo(Duration.ofSeconds(60));
        assertThat(dns.name()).isEqualTo(".");
        MiscCheck misc = (MiscCheck) cs.get(3);
        assertThat(misc.settings().retry()).isZero();
        assertThat(misc.miscPath().argv()).containsExactly("/usr/bin/check.sh", "arg1");
        assertThat(misc.miscTimeout()).isEqualTo(Duration.ofSeconds(60));
        SmtpCheck smtp = (SmtpCheck) cs.get(4);
        assertThat(smtp.heloName()).isEqualTo("testhost.example");
        // keepalived 2.2.7: no connection keyword of its own, so the (only) host block is the checker's connection
        assertThat(smtp.hosts()).isEmpty();
        assertThat(smtp.settings().connectIp().getHostAddress()).isEqualTo("10.0.0.9");
        assertThat(smtp.settings().connectPort()).isEqualTo(443);
        UdpCheck udp = (UdpCheck) cs.get(5);
        assertThat(udp.maxReplyLength()).isEqualTo(255);
        assertThat(udp.payload()).contains("0102");
    }

    @Test
    void virtualServerGroupsAndGroupReferences() {
        ParseResult r = parse(dir, """
                virtual_server_group G {
                    10.0.0.1 8080
                    192.168.200.3-10 80
                    10.1.0.0/30 443
                    fwmark 7
                    ae00::2-9 80
                }
                virtual_server group G {
                    protocol TCP
                    lvs_sched rr
                    lvs_method NAT
                    real_server 10.0.0.7 80 {
                    }
                }
                virtual_server group MISSING {
                    protocol TCP
                }
                """);
        var g = r.config().virtualServerGroups().getFirst();
        assertThat(g.entries()).hasSize(5);
        var range = (VirtualServerGroup.AddressRange) g.entries().get(1);
        assertThat(range.first().getHostAddress()).isEqualTo("192.168.200.3");
        assertThat(range.last().getHostAddress()).isEqualTo("192.168.200.10");
        var cidr = (VirtualServerGroup.AddressRange) g.entries().get(2);
        assertThat(cidr.last().getHostAddress()).isEqualTo("10.1.0.3");
        assertThat(g.entries().get(3)).isInstanceOf(VirtualServerGroup.Fwmark.class);
        assertThat(r.config().virtualServers()).singleElement()
                .satisfies(v -> assertThat(v.address()).isEqualTo(new VirtualServerAddress.Group("G")));
        assertThat(withCode(r, DiagnosticCode.UNKNOWN_REFERENCE)).singleElement().satisfies(d -> assertThat(line(d)).isEqualTo(15));
    }

    /**
     * keepalived 2.2.7 reads lvs_method/lb_kind exactly: {@code lb_kind dr} (and Dr, TUNNEL, nat) is an unknown method,
     * reported at its line in keepalived's words; the virtual server falls back to NAT with keepalived's second
     * message, a real server keeps its virtual server's method. keepalived 2.2.7 on the same file (exit 5):
     * <pre>
     * (keepalived.conf: Line 3) PARSER : unknown [dr] routing method for virtual server.
     * (keepalived.conf: Line 6) PARSER : unknown [tun] routing method for sorry server.
     * (keepalived.conf: Line 8) PARSER : unknown [nat] routing method for real server.
     * Virtual server [10.0.0.3]:tcp:80: no forwarding method set, setting default NAT
     * </pre>
     */
    @Test
    void lvsMethodIsReadExactlyAsKeepalivedReadsItAndAnyOtherSpellingFallsBackWithItsMessage() {
        ParseResult r = parse(dir, """
                virtual_server 10.0.0.3 80 {
                    lb_algo rr
                    lb_kind dr
                    protocol TCP
                    sorry_server 10.0.0.9 80
                    sorry_server_lvs_method tun
                    real_server 10.0.0.7 80 {
                        lvs_method nat
                    }
                    real_server 10.0.0.8 80 {
                        lvs_method TUNNEL
                    }
                }
                """);
        VirtualServer v = vs(r);
        assertThat(v.method()).isEqualTo(LvsMethod.NAT);
        assertThat(v.realServers()).extracting(rs -> rs.method()).containsExactly(LvsMethod.NAT, LvsMethod.NAT);
        assertThat(withCode(r, DiagnosticCode.INVALID_VALUE)).extracting(d -> line(d) + " " + d.message()).containsExactly(
                "3 PARSER : unknown [dr] routing method for virtual server. keepalived reads only upper case: NAT, DR or TUN",
                "6 PARSER : unknown [tun] routing method for sorry server. keepalived reads only upper case: NAT, DR or TUN",
                "8 PARSER : unknown [nat] routing method for real server. keepalived reads only upper case: NAT, DR or TUN",
                "11 PARSER : unknown [TUNNEL] routing method for real server. (NAT, DR or TUN)");
        assertThat(withCode(r, DiagnosticCode.DEFAULT_APPLIED)).extracting(d -> d.message())
                .contains("Virtual server [10.0.0.3]:tcp:80: no forwarding method set, setting default NAT");
        assertThat(r.configTestExitCode()).as("keepalived 2.2.7: exit 5").isEqualTo(5);
    }

    @Test
    void fwmarkWithProtocolWarnsAsKeepalived() {
        ParseResult r = parse(dir, "virtual_server fwmark 1 {\n lvs_sched rr\n lvs_method NAT\n protocol TCP\n real_server 10.0.0.1 {\n }\n}\n");
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(line(d)).isEqualTo(4);
            assertThat(d.message()).isEqualTo("Warning: Virtual server FWM 1: protocol specified for fwmark - protocol will be ignored");
        });
    }

    @Test
    void duplicateRealServerIsRemoved() {
        ParseResult r = parse(dir, "virtual_server 10.0.0.3 80 {\n protocol TCP\n lvs_sched rr\n lvs_method NAT\n"
                + " real_server 10.0.0.7 80 {\n }\n real_server 10.0.0.7 80 {\n }\n}\n");
        assertThat(vs(r).realServers()).hasSize(1);
        assertThat(withCode(r, DiagnosticCode.DUPLICATE)).singleElement().satisfies(d -> assertThat(line(d)).isEqualTo(7));
    }

    @Test
    void lvsFlushOnStopIsFullBareAndVsWithItsArgumentAndGlobalKeywordsKeepTheirLines() {
        ParseResult bare = parse(dir, "global_defs {\n router_id x\n lvs_flush\n lvs_flush_on_stop\n}\n");
        assertThat(bare.config().globalDefs().lvsFlush()).isTrue();
        assertThat(bare.config().globalDefs().lvsFlushOnStop()).isEqualTo(LvsFlushOnStop.FULL);
        assertThat(bare.config().globalDefs().lineOf("lvs_flush_on_stop")).hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(4));
        assertThat(bare.config().globalDefs().lineOf("lvs_flush")).hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(3));
        assertThat(bare.config().globalDefs().lineOf("smtp_server")).isEmpty();

        ParseResult vs = parse(dir, "global_defs {\n lvs_flush_onstop VS\n}\n");
        assertThat(vs.config().globalDefs().lvsFlushOnStop()).isEqualTo(LvsFlushOnStop.VS);
        assertThat(vs.config().globalDefs().lineOf("lvs_flush_on_stop", "lvs_flush_onstop")).hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(2));

        ParseResult none = parse(dir, "global_defs {\n router_id x\n}\n");
        assertThat(none.config().globalDefs().lvsFlushOnStop()).isEqualTo(LvsFlushOnStop.DISABLED);
        assertThat(none.config().globalDefs().lvsFlush()).isFalse();

        ParseResult bad = parse(dir, "global_defs {\n lvs_flush_on_stop RS\n}\n");
        assertThat(bad.config().globalDefs().lvsFlushOnStop()).isEqualTo(LvsFlushOnStop.DISABLED);
        assertThat(withCode(bad, DiagnosticCode.INVALID_VALUE)).singleElement().satisfies(d -> {
            assertThat(line(d)).isEqualTo(2);
            assertThat(d.message()).startsWith("Unknown lvs_flush_on_stop type RS");
        });
    }

    @Test
    void tunnelOptionsOfLvsMethodTunAreKeptAsWrittenBesideTheMethod() {
        ParseResult r = parse(dir, """
                virtual_server 10.0.0.3 80 {
                    lvs_sched rr
                    lvs_method TUN type gue port 6080
                    protocol TCP
                    real_server 10.0.0.7 80 {
                        lvs_method TUN type gre csum
                    }
                    real_server 10.0.0.8 80 {
                        lvs_method TUN
                    }
                }
                """);
        VirtualServer v = vs(r);
        assertThat(v.method()).isEqualTo(LvsMethod.TUN);
        assertThat(v.other()).singleElement().satisfies(raw -> {
            assertThat(raw.keyword()).isEqualTo("lvs_method");
            assertThat(raw.args()).containsExactly("TUN", "type", "gue", "port", "6080");
            assertThat(raw.location().line()).isEqualTo(3);
        });
        assertThat(v.realServers().get(0).other()).singleElement().satisfies(raw ->
                assertThat(raw.args()).containsExactly("TUN", "type", "gre", "csum"));
        assertThat(v.realServers().get(1).other()).isEmpty();
    }
}
