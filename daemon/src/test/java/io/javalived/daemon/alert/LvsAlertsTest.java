package io.javalived.daemon.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.healthcheck.lvs.LvsPlanner;
import io.javalived.healthcheck.lvs.RealServerPlan;
import io.javalived.healthcheck.lvs.VirtualServerPlan;
import io.javalived.healthcheck.probe.CheckResult;
import io.javalived.healthcheck.probe.Failure;
import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.scripts.ScriptPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived 2.2.7's checker mails: per checker change, its words, the real server's state, no_checker_emails. */
class LvsAlertsTest {
    @TempDir
    Path dir;

    private KeepalivedConfig config(String globals) throws Exception {
        Path f = Files.writeString(dir.resolve("k.conf"), """
                global_defs {
                    router_id lb01
                %s
                }
                virtual_server 10.0.0.3 80 {
                    protocol TCP
                    quorum 2
                    hysteresis 1
                    smtp_alert
                    real_server 192.168.1.1 80 {
                        TCP_CHECK {
                        }
                        HTTP_GET {
                            url {
                                path /
                            }
                        }
                    }
                    real_server 192.168.1.2 80 {
                        smtp_alert off
                        TCP_CHECK {
                        }
                    }
                }
                """.formatted(globals));
        return KeepalivedParser.parse(f).config();
    }

    private record Fixture(InMemoryMailTransport transport, SmtpAlerter alerter, LvsAlerts alerts, VirtualServerPlan vs) {}

    private Fixture fixture(String globals) throws Exception {
        KeepalivedConfig c = config(globals);
        InMemoryMailTransport t = new InMemoryMailTransport();
        SmtpAlerter a = VrrpAlertsTest.alerter(t);
        return new Fixture(t, a, new LvsAlerts(a, c), LvsPlanner.plan(c, ScriptPolicy.unchecked()).virtualServers().getFirst());
    }

    private static List<String> sent(InMemoryMailTransport t, int n) throws InterruptedException {
        return t.awaitSent(n, Duration.ofSeconds(10)).stream().map(m -> m.subject() + " | " + m.body()).toList();
    }

    private static final CheckResult DOWN = new CheckResult.Down(Duration.ZERO, new Failure.Refused());
    private static final CheckResult UP = CheckResult.Up.after(Duration.ZERO);

    @Test
    void eachCheckerChangeIsMailedWithItsOwnWordsAndTheRealServersState() throws Exception {
        Fixture f = fixture("");
        RealServerPlan rs = f.vs().realServers().getFirst();
        var tcp = rs.checks().get(0);
        var http = rs.checks().get(1);
        f.alerts().checkerChanged(f.vs(), rs, tcp, false, DOWN, true, false);
        f.alerts().checkerChanged(f.vs(), rs, http, false, DOWN, false, false); // already down: mailed (no no_checker_emails)
        f.alerts().checkerChanged(f.vs(), rs, tcp, true, UP, false, false);
        f.alerts().checkerChanged(f.vs(), rs, http, true, UP, false, true);
        RealServerPlan quiet = f.vs().realServers().get(1);
        f.alerts().checkerChanged(f.vs(), quiet, quiet.checks().getFirst(), false, DOWN, true, false); // smtp_alert off
        f.alerts().quorumChanged(f.vs(), false, false, 1);
        f.alerts().quorumChanged(f.vs(), true, false, 3);
        String rsSubject = "[lb01] Realserver [192.168.1.1]:tcp:80 of virtual server [10.0.0.3]:tcp:80 - ";
        assertThat(sent(f.transport(), 6)).containsExactly(
                rsSubject + "DOWN | => TCP CHECK failed on service <=",
                rsSubject + "DOWN | => CHECK failed on service : HTTP request failed <=",
                rsSubject + "DOWN | => TCP CHECK succeed on service <=",
                rsSubject + "UP | => CHECK succeed on service <=",
                "[lb01] Virtualserver [10.0.0.3]:tcp:80 - DOWN | => Lost quorum 2+1=1 <= 1 <=",
                "[lb01] Virtualserver [10.0.0.3]:tcp:80 - UP | => Gained quorum 2+1=3 <= 3 <=");
        f.alerter().close(Duration.ofSeconds(1));
    }

    @Test
    void noCheckerEmailsMailsOnlyWhenTheRealServerChanges() throws Exception {
        Fixture f = fixture("    no_checker_emails");
        RealServerPlan rs = f.vs().realServers().getFirst();
        f.alerts().checkerChanged(f.vs(), rs, rs.checks().get(0), false, DOWN, true, false);
        f.alerts().checkerChanged(f.vs(), rs, rs.checks().get(1), false, DOWN, false, false);
        f.alerts().checkerChanged(f.vs(), rs, rs.checks().get(0), true, UP, false, false);
        f.alerts().checkerChanged(f.vs(), rs, rs.checks().get(1), true, UP, false, true);
        assertThat(sent(f.transport(), 2)).extracting(s -> s.substring(s.indexOf(" - ")))
                .containsExactly(" - DOWN | => TCP CHECK failed on service <=", " - UP | => CHECK succeed on service <=");
        f.alerter().close(Duration.ofSeconds(1));
    }

    @Test
    void checkerWords() {
        var timeout = new CheckResult.Down(Duration.ZERO, new Failure.Timeout(Failure.Phase.SCRIPT));
        assertThat(LvsAlerts.checkerBody("MISC_CHECK", false, timeout)).isEqualTo("=> MISC CHECK timed out on service <=");
        assertThat(LvsAlerts.checkerBody("MISC_CHECK", false, DOWN)).isEqualTo("=> MISC CHECK failed on service <=");
        assertThat(LvsAlerts.checkerBody("MISC_CHECK", true, UP)).isEqualTo("=> MISC CHECK succeeded on service <=");
        assertThat(LvsAlerts.checkerBody("DNS_CHECK", false, DOWN)).isEqualTo("=> DNS_CHECK: failed on service <=");
        assertThat(LvsAlerts.checkerBody("PING_CHECK", true, UP)).isEqualTo("=> ICMP CHECK succeed on service <=");
        assertThat(LvsAlerts.checkerBody("UDP_CHECK", false, DOWN)).isEqualTo("=> UDP CHECK failed on service <=");
    }
}
