package io.javalived.daemon.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.vrrp.state.VrrpState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived 2.2.7's VRRP mails: which transitions mail, with which subject and body. */
class VrrpAlertsTest {
    @TempDir
    Path dir;

    private KeepalivedConfig config(String globals) throws Exception {
        Path f = Files.writeString(dir.resolve("k.conf"), """
                global_defs {
                    router_id lb01
                %s
                }
                vrrp_sync_group G1 {
                    group {
                        VI_1
                        VI_2
                    }
                    smtp_alert
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 1
                    smtp_alert
                    virtual_ipaddress {
                        10.0.0.1
                    }
                }
                vrrp_instance VI_2 {
                    interface eth0
                    virtual_router_id 2
                    virtual_ipaddress {
                        10.0.0.2
                    }
                }
                """.formatted(globals));
        return KeepalivedParser.parse(f).config();
    }

    private static List<String> sent(InMemoryMailTransport t, int n) throws InterruptedException {
        return t.awaitSent(n, Duration.ofSeconds(10)).stream().map(m -> m.subject() + " | " + m.body()).toList();
    }

    static SmtpAlerter alerter(InMemoryMailTransport t) {
        return SmtpAlerter.start(new SmtpSettings("h", 25, "h", "f", List.of("t"), Duration.ofSeconds(1), "lb01"), t, false);
    }

    @Test
    void eachNewStateOfAnInstanceOrGroupWithSmtpAlertIsMailed() throws Exception {
        InMemoryMailTransport t = new InMemoryMailTransport();
        SmtpAlerter a = alerter(t);
        VrrpAlerts v = new VrrpAlerts(a, config(""));
        v.stateChanged("VI_1", VrrpState.INIT, VrrpState.BACKUP);
        v.stateChanged("VI_2", VrrpState.INIT, VrrpState.BACKUP); // no smtp_alert
        v.groupStateChanged("G1", VrrpState.BACKUP);
        v.stateChanged("VI_1", VrrpState.BACKUP, VrrpState.MASTER);
        v.stateChanged("VI_1", VrrpState.MASTER, VrrpState.FAULT);
        v.stateChanged("VI_1", VrrpState.FAULT, VrrpState.INIT); // not mailed
        v.stateChanged("VI_1", VrrpState.INIT, VrrpState.FAULT); // same as the last mail: not mailed
        v.stateChanged("VI_1", VrrpState.FAULT, VrrpState.STOP);
        v.groupStateChanged("G1", VrrpState.STOP);
        assertThat(sent(t, 6)).containsExactly(
                "[lb01] VRRP Instance VI_1 - Entering BACKUP state | => VRRP Instance is no longer owning VRRP VIPs <=",
                "[lb01] VRRP Group G1 - Entering BACKUP state | => All VRRP group instances are now in BACKUP state <=",
                "[lb01] VRRP Instance VI_1 - Entering MASTER state | => VRRP Instance is now owning VRRP VIPs <=",
                "[lb01] VRRP Instance VI_1 - Entering FAULT state | => VRRP Instance is no longer owning VRRP VIPs <=",
                "[lb01] VRRP Instance VI_1 - Stopping | => VRRP Instance stopping <=",
                "[lb01] VRRP Group G1 - Stopping | => All VRRP group instances are now stopping <=");
        a.close(Duration.ofSeconds(1));
    }

    @Test
    void noEmailFaultsLeavesFaultOut() throws Exception {
        InMemoryMailTransport t = new InMemoryMailTransport();
        SmtpAlerter a = alerter(t);
        VrrpAlerts v = new VrrpAlerts(a, config("    no_email_faults"));
        v.stateChanged("VI_1", VrrpState.INIT, VrrpState.FAULT);
        v.groupStateChanged("G1", VrrpState.FAULT);
        v.stateChanged("VI_1", VrrpState.FAULT, VrrpState.BACKUP);
        assertThat(sent(t, 1)).containsExactly(
                "[lb01] VRRP Instance VI_1 - Entering BACKUP state | => VRRP Instance is no longer owning VRRP VIPs <=");
        a.close(Duration.ofSeconds(1));
    }

    @Test
    void aReloadChangesTheFlagsAndARemovedInstanceStillMailsItsStop() throws Exception {
        InMemoryMailTransport t = new InMemoryMailTransport();
        SmtpAlerter a = alerter(t);
        VrrpAlerts v = new VrrpAlerts(a, config(""));
        Path f = Files.writeString(dir.resolve("next.conf"), """
                global_defs {
                    router_id lb01
                }
                vrrp_instance VI_2 {
                    interface eth0
                    virtual_router_id 2
                    smtp_alert
                    virtual_ipaddress {
                        10.0.0.2
                    }
                }
                """);
        v.reconfigure(KeepalivedParser.parse(f).config());
        v.stateChanged("VI_2", VrrpState.BACKUP, VrrpState.MASTER); // smtp_alert added by the reload
        v.stateChanged("VI_1", VrrpState.BACKUP, VrrpState.STOP); // removed by the reload
        assertThat(sent(t, 2)).containsExactly(
                "[lb01] VRRP Instance VI_2 - Entering MASTER state | => VRRP Instance is now owning VRRP VIPs <=",
                "[lb01] VRRP Instance VI_1 - Stopping | => VRRP Instance stopping <=");
        a.close(Duration.ofSeconds(1));
    }
}
