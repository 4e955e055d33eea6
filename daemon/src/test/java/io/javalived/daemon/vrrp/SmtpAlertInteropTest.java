package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.daemon.alert.SmtpSink;
import io.javalived.lab.LabProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * VRRP alert mails in a namespace (lb01 of the seed lab), to a real SMTP server (aiosmtpd) on lb01's own loopback:
 * keepalived 2.2.7 and javalived run the same file in turn (instance and sync group with smtp_alert; alone, so
 * BACKUP at start and MASTER after Master_Down_Interval) and their mails are compared field by field: envelope
 * (HELO, MAIL FROM, RCPT TO), header names and values but the Date, body. keepalived 2.2.7 queues a "Stopping" mail
 * at SIGTERM but exits before it leaves (none arrives); javalived sends it within its drain time.
 */
@Tag("netns")
@Tag("keepalived")
class SmtpAlertInteropTest extends WithKeepalivedLab {

    private static final List<String> UNTIL_MASTER = List.of(
            "[lb01] VRRP Instance VI_1 - Entering BACKUP state",
            "[lb01] VRRP Group G1 - Entering BACKUP state",
            "[lb01] VRRP Instance VI_1 - Entering MASTER state",
            "[lb01] VRRP Group G1 - Entering MASTER state");

    private Path conf(String name, int smtpPort) {
        String c = VrrpLab.conf("lb01", 2, "BACKUP", 100, "0.2", null, List.of(), null, "  smtp_alert\n");
        c = c.replace("global_defs {\n", """
                global_defs {
                  notification_email {
                    ops@example.org
                    noc@example.org
                  }
                  notification_email_from keepalived@lb01.example.org
                  smtp_server 127.0.0.1 %d
                  smtp_helo_name lb01.example.org
                  smtp_connect_timeout 5
                """.formatted(smtpPort));
        // a second member without smtp_alert (javalived's parser drops a one-member group, keepalived 2.2.7 keeps it)
        c += """
                vrrp_instance VI_2 {
                  state BACKUP
                  interface eth0
                  virtual_router_id 63
                  priority 100
                  advert_int 0.2
                  virtual_ipaddress {
                    10.0.0.4/24 dev eth0
                  }
                }
                vrrp_sync_group G1 {
                  group {
                    VI_1
                    VI_2
                  }
                  smtp_alert
                }
                """;
        return lab.write(name, c);
    }

    private List<SmtpSink.Mail> run(boolean keepalived, int port) throws Exception {
        try (SmtpSink sink = SmtpSink.in(lab.host("lb01"), lab.lab.dir(), port)) {
            Path conf = conf((keepalived ? "ka" : "jl") + ".conf", port);
            LabProcess router = keepalived ? lab.keepalived("lb01", conf) : lab.javalived("lb01", conf);
            for (String subject : UNTIL_MASTER) sink.await(subject, Duration.ofSeconds(60));
            router.signal("TERM");
            assertThat(router.waitFor(Duration.ofSeconds(20))).as(router::output).isPresent();
            Thread.sleep(1_000);
            List<SmtpSink.Mail> mails = sink.mails();
            if (!keepalived) {
                assertThat(router.output()).doesNotContain("KA400").doesNotContain("not sent");
            }
            return mails;
        }
    }

    @Test
    void javalivedMailsWhatKeepalivedMails() throws Exception {
        List<SmtpSink.Mail> ka = run(true, 2525);
        List<SmtpSink.Mail> jl = run(false, 2526);
        assertThat(ka).extracting(SmtpSink.Mail::subject).as("keepalived 2.2.7's mails").containsExactlyInAnyOrderElementsOf(UNTIL_MASTER);
        assertThat(jl).extracting(SmtpSink.Mail::subject).containsAll(UNTIL_MASTER)
                .contains("[lb01] VRRP Instance VI_1 - Stopping", "[lb01] VRRP Group G1 - Stopping");
        for (SmtpSink.Mail k : ka) {
            SmtpSink.Mail j = jl.stream().filter(m -> k.subject().equals(m.subject())).findFirst().orElseThrow();
            assertThat(j.helo()).isEqualTo(k.helo());
            assertThat(j.from()).isEqualTo(k.from());
            assertThat(j.to()).isEqualTo(k.to());
            assertThat(j.headerNames()).isEqualTo(k.headerNames());
            for (String h : List.of("From", "Subject", "X-Mailer", "To")) assertThat(j.header(h)).isEqualTo(k.header(h));
            assertThat(j.header("Date")).matches("[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}");
            assertThat(j.body()).isEqualTo(k.body());
        }
        // instance before group at BACKUP or the other way round does not matter; MASTER comes after BACKUP
        List<String> order = jl.stream().map(SmtpSink.Mail::subject).toList();
        assertThat(order.indexOf(UNTIL_MASTER.get(2))).isGreaterThan(order.indexOf(UNTIL_MASTER.get(0)));
    }
}
