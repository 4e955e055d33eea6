package io.javalived.healthcheck.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.healthcheck.probe.Connection;
import io.javalived.healthcheck.probe.DnsProbe;
import io.javalived.healthcheck.probe.HttpProbe;
import io.javalived.healthcheck.probe.MiscProbe;
import io.javalived.healthcheck.probe.PingProbe;
import io.javalived.healthcheck.probe.SmtpProbe;
import io.javalived.healthcheck.probe.StatusCodes;
import io.javalived.healthcheck.probe.TcpProbe;
import io.javalived.healthcheck.probe.UdpProbe;
import io.javalived.healthcheck.schedule.CheckSpec;
import io.javalived.healthcheck.schedule.CheckTiming;
import io.javalived.ipvs.ForwardingMethod;
import io.javalived.ipvs.Protocol;
import io.javalived.ipvs.ServiceFlag;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.Timeouts;
import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.model.KeepalivedConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.javalived.scripts.Script;

/** The planner on configurations parsed by the real parser. */
class LvsPlannerTest {

    @TempDir
    Path dir;

    KeepalivedConfig parse(String text) throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, text);
        return KeepalivedParser.parse(file).config();
    }

    static Path repo() {
        return Path.of(System.getProperty("javalived.repo", ".."));
    }

    @Test
    void theSeedsLb01ConfigPlansItsDirectRoutingServiceWithTwoTcpChecks() {
        Path conf = repo().resolve("examples/lb01/keepalived.conf");
        LvsPlanner.Plan plan = LvsPlanner.plan(KeepalivedParser.parse(conf).config());
        assertThat(plan.virtualServers()).hasSize(1);
        VirtualServerPlan vs = plan.virtualServers().getFirst();
        assertThat(vs.services()).hasSize(1);
        var service = vs.services().getFirst();
        assertThat(service.key()).isEqualTo(new ServiceKey.Address(Protocol.TCP, ip("10.0.0.3"), 80));
        assertThat(service.scheduler()).isEqualTo("wrr");
        assertThat(service.timeout()).isEqualTo(50);
        assertThat(vs.realServers()).extracting(RealServerPlan::name).containsExactly("[10.0.0.7]:tcp:80", "[10.0.0.8]:tcp:80");
        for (RealServerPlan rs : vs.realServers()) {
            assertThat(rs.destination().forwarding()).isEqualTo(ForwardingMethod.ROUTE);
            assertThat(rs.destination().weight()).isEqualTo(1);
            assertThat(rs.checks()).hasSize(1);
            CheckSpec check = rs.checks().getFirst();
            assertThat(check.probe()).isInstanceOfSatisfying(TcpProbe.class, t -> {
                assertThat(t.connection().target()).isEqualTo(new InetSocketAddress(rs.destination().address(), 80));
                assertThat(t.connection().timeout()).isEqualTo(Duration.ofSeconds(8));
            });
            assertThat(check.timing().delayLoop()).isEqualTo(Duration.ofSeconds(6));
            assertThat(check.timing().delayBeforeRetry()).isEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void checkersSchedulingQuorumSorryServerAndTimeoutsAreResolved() throws IOException {
        LvsPlanner.Plan plan = LvsPlanner.plan(parse("""
                global_defs {
                    lvs_timeouts tcp 7200 tcpfin 60
                }
                virtual_server 192.168.1.10 443 {
                    delay_loop 10
                    lvs_sched sh
                    sh-port
                    lvs_method NAT
                    protocol TCP
                    persistence_timeout 600
                    persistence_granularity 255.255.255.0
                    quorum 2
                    hysteresis 1
                    quorum_up "/usr/local/bin/quorum up"
                    sorry_server 192.168.2.99 8443
                    real_server 192.168.2.1 8443 {
                        weight 3
                        inhibit_on_failure
                        notify_down "/bin/echo down 'web 1'"
                        SSL_GET {
                            url {
                                path /health
                                digest 5d41402abc4b2a76b9719d911017c592
                                status_code 200-204 301
                            }
                            http_protocol 1.1
                            enable_sni
                            sni_name web1.example.com
                            connect_timeout 2
                            retry 4
                        }
                        MISC_CHECK {
                            misc_path "/usr/local/bin/check web1"
                            misc_timeout 3
                            misc_dynamic
                        }
                    }
                    real_server 192.168.2.2 8443 {
                        alpha
                        UDP_CHECK {
                            connect_port 53
                            payload 0102
                            require_reply 01XX
                        }
                        PING_CHECK {
                        }
                    }
                }
                """), io.javalived.scripts.ScriptPolicy.unchecked());
        assertThat(plan.timeouts()).contains(new Timeouts(7200, 60, 0));
        VirtualServerPlan vs = plan.virtualServers().getFirst();
        var service = vs.services().getFirst();
        assertThat(service.scheduler()).isEqualTo("sh");
        assertThat(service.flags()).isEqualTo(Set.of(ServiceFlag.SCHED2));
        assertThat(service.timeout()).isEqualTo(600);
        assertThat(service.netmask()).isEqualTo(0xffffff00);
        assertThat(vs.quorum()).isEqualTo(2);
        assertThat(vs.hysteresis()).isEqualTo(1);
        assertThat(vs.quorumUp().map(Script::argv)).contains(List.of("/usr/local/bin/quorum", "up"));
        assertThat(vs.sorryServer()).hasValueSatisfying(s -> {
            assertThat(s.destination().address()).isEqualTo(ip("192.168.2.99"));
            assertThat(s.destination().port()).isEqualTo(8443);
            assertThat(s.destination().forwarding()).isEqualTo(ForwardingMethod.MASQ);
        });

        RealServerPlan web1 = vs.realServers().get(0);
        assertThat(web1.inhibitOnFailure()).isTrue();
        assertThat(web1.destination().weight()).isEqualTo(3);
        assertThat(web1.notifyDown().map(Script::argv)).contains(List.of("/bin/echo", "down", "web 1"));
        assertThat(web1.checks()).hasSize(2);
        CheckSpec ssl = web1.checks().get(0);
        assertThat(ssl.probe()).isInstanceOfSatisfying(HttpProbe.class, h -> {
            assertThat(h.tls()).isTrue();
            assertThat(h.protocol()).isEqualTo(HttpProbe.HttpProtocol.HTTP_1_1);
            assertThat(h.sniName()).contains("web1.example.com");
            assertThat(h.connection().timeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(h.urls()).containsExactly(new HttpProbe.Url("/health", new StatusCodes(List.of(
                    new StatusCodes.Range(200, 204), new StatusCodes.Range(301, 301))),
                    Optional.of("5d41402abc4b2a76b9719d911017c592"), Optional.empty()));
        });
        assertThat(ssl.timing()).as("no fast_recovery: a recovery is confirmed").isEqualTo(new CheckTiming(Duration.ofSeconds(10),
                Duration.ofSeconds(10), 4, Duration.ofSeconds(3), true));
        assertThat(web1.checks().get(1).probe()).isEqualTo(new MiscProbe(List.of("/usr/local/bin/check", "web1"), Duration.ofSeconds(3), true));
        assertThat(web1.checks().get(1).timing().retry()).isZero();

        RealServerPlan web2 = vs.realServers().get(1);
        assertThat(web2.checks()).hasSize(2);
        assertThat(web2.checks().getFirst().alpha()).isTrue();
        assertThat(web2.checks().getFirst().probe()).isInstanceOfSatisfying(UdpProbe.class, u -> {
            assertThat(u.connection().target()).isEqualTo(new InetSocketAddress(ip("192.168.2.2"), 53));
            assertThat(u.payloadHex()).isEqualTo("0102");
            assertThat(u.requireReply()).contains("01XX");
        });
        CheckSpec ping = web2.checks().get(1);
        assertThat(ping.probe()).isEqualTo(new PingProbe(Connection.to(new InetSocketAddress(ip("192.168.2.2"), 8443), Duration.ofSeconds(5))));
        assertThat(ping.timing().retry()).as("PING_CHECK's default retry").isEqualTo(1);
        assertThat(plan.warnings()).noneMatch(w -> w.contains("PING_CHECK"));
    }

    @Test
    void smtpAndDnsChecksBecomeProbesWithKeepalivedsDefaults() throws IOException {
        LvsPlanner.Plan plan = LvsPlanner.plan(parse("""
                virtual_server 10.0.0.3 25 {
                    protocol TCP
                    real_server 10.0.0.7 25 {
                        SMTP_CHECK {
                            helo_name lb01.example.com
                            host {
                                connect_ip 10.0.0.9
                            }
                        }
                    }
                }
                virtual_server 10.0.0.3 53 {
                    protocol UDP
                    real_server 10.0.0.8 53 {
                        DNS_CHECK {
                            type A
                            name www.example.com
                        }
                    }
                }
                """));
        // keepalived 2.2.7: the only host block (the checker has no connection keyword of its own) is its connection
        var smtp = plan.virtualServers().get(0).realServers().getFirst().checks();
        assertThat(smtp).extracting(CheckSpec::probe).containsExactly(new SmtpProbe(Connection.to(
                new InetSocketAddress(ip("10.0.0.9"), 25), Duration.ofSeconds(5)), "lb01.example.com"));
        var dns = plan.virtualServers().get(1).realServers().getFirst().checks().getFirst();
        assertThat(dns.probe()).isEqualTo(new DnsProbe(Connection.to(new InetSocketAddress(ip("10.0.0.8"), 53), Duration.ofSeconds(5)),
                "A", "www.example.com"));
        assertThat(dns.timing().retry()).as("DNS_CHECK's default retry").isEqualTo(3);
    }

    @Test
    void smtpHostBlocksAreCheckersOfTheirOwnBesideTheCheckersConnectionWhenItHasOne() throws IOException {
        LvsPlanner.Plan plan = LvsPlanner.plan(parse("""
                virtual_server 10.0.0.3 25 {
                    protocol TCP
                    real_server 10.0.0.7 25 {
                        SMTP_CHECK {
                            helo_name lb01
                            connect_timeout 2
                            retry 4
                            host {
                                connect_ip 10.0.0.9
                                connect_port 2525
                            }
                            host {
                                connect_port 587
                                connect_timeout 7
                            }
                        }
                    }
                }
                """));
        var checks = plan.virtualServers().getFirst().realServers().getFirst().checks();
        assertThat(checks).extracting(CheckSpec::probe).containsExactly(
                new SmtpProbe(Connection.to(new InetSocketAddress(ip("10.0.0.7"), 25), Duration.ofSeconds(2)), "lb01"),
                new SmtpProbe(Connection.to(new InetSocketAddress(ip("10.0.0.9"), 2525), Duration.ofSeconds(2)), "lb01"),
                new SmtpProbe(Connection.to(new InetSocketAddress(ip("10.0.0.7"), 587), Duration.ofSeconds(7)), "lb01"));
        assertThat(checks).allSatisfy(c -> assertThat(c.timing().retry()).isEqualTo(4));
    }

    @Test
    void aVirtualServerGroupBecomesOneServicePerAddress() throws IOException {
        LvsPlanner.Plan plan = LvsPlanner.plan(parse("""
                virtual_server_group web {
                    10.0.0.3-5 80
                    fwmark 7
                }
                virtual_server group web {
                    lvs_sched rr
                    lvs_method DR
                    protocol TCP
                    real_server 10.0.0.7 80 {
                        TCP_CHECK {
                        }
                    }
                }
                """));
        assertThat(plan.virtualServers().getFirst().services()).extracting(s -> s.key().toString())
                .containsExactly("TCP 10.0.0.3:80", "TCP 10.0.0.4:80", "TCP 10.0.0.5:80", "FWM 7");
    }

    static InetAddress ip(String text) {
        return ReconcilerTest.ip(text);
    }
}
