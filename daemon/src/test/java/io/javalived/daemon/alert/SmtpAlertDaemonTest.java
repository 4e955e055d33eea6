package io.javalived.daemon.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.daemon.HostDaemon;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daemon on the host (checkers only, {@code -C --ipvs memory}, a TCP_CHECK of a loopback port) mailing a real
 * SMTP server on loopback (aiosmtpd): the real server going down and coming back, the virtual server's quorum, as
 * keepalived 2.2.7 words them; a mail server that is not there costs one log line and nothing else.
 */
class SmtpAlertDaemonTest {
    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        return HostDaemon.freeLoopbackPort();
    }

    private static String conf(int smtpPort, int realPort, String extraGlobals) {
        return """
                global_defs {
                    router_id box
                    notification_email {
                        ops@example.org
                        noc@example.org
                    }
                    notification_email_from javalived@box.example.org
                    smtp_server 127.0.0.1 %d
                    smtp_helo_name box.example.org
                    smtp_connect_timeout 3
                %s}
                virtual_server 127.0.0.1 18999 {
                    delay_loop 1
                    protocol TCP
                    lvs_sched rr
                    lvs_method NAT
                    smtp_alert
                    real_server 127.0.0.1 %d {
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                }
                """.formatted(smtpPort, extraGlobals, realPort);
    }

    @Test
    void aRealServerGoingDownAndUpIsMailedAsKeepalivedMailsIt() throws Exception {
        try (SmtpSink sink = SmtpSink.onHost(dir)) {
            int realPort = freePort();
            ServerSocket web = new ServerSocket(realPort, 50, InetAddress.getLoopbackAddress());
            Path conf = Files.writeString(dir.resolve("k.conf"), conf(sink.port(), realPort, ""));
            try (HostDaemon d = HostDaemon.start(dir, conf, List.of(), List.of())) {
                d.await("health checks started", Duration.ofSeconds(60));
                Thread.sleep(2_500); // a few successful checks: no mail for them (the checker starts up)
                assertThat(sink.mails()).isEmpty();

                web.close();
                String rs = "[box] Realserver [127.0.0.1]:tcp:" + realPort + " of virtual server [127.0.0.1]:tcp:18999";
                SmtpSink.Mail down = sink.await(rs + " - DOWN", Duration.ofSeconds(20));
                assertThat(down.body()).isEqualTo("=> TCP CHECK failed on service <=\r\n\r\n");
                assertThat(down.helo()).isEqualTo("box.example.org");
                assertThat(down.from()).isEqualTo("javalived@box.example.org");
                assertThat(down.to()).containsExactly("ops@example.org", "noc@example.org");
                assertThat(down.headerNames()).containsExactly("Date", "From", "Subject", "X-Mailer", "To");
                assertThat(down.header("To")).isEqualTo("ops@example.org, noc@example.org");
                assertThat(down.header("X-Mailer")).isEqualTo("Keepalived");
                SmtpSink.Mail lost = sink.await("[box] Virtualserver [127.0.0.1]:tcp:18999 - DOWN", Duration.ofSeconds(10));
                assertThat(lost.body()).isEqualTo("=> Lost quorum 1+0=1 <= 0 <=\r\n\r\n");

                web = new ServerSocket(realPort, 50, InetAddress.getLoopbackAddress());
                SmtpSink.Mail up = sink.await(rs + " - UP", Duration.ofSeconds(20));
                assertThat(up.body()).isEqualTo("=> TCP CHECK succeed on service <=\r\n\r\n");
                SmtpSink.Mail gained = sink.await("[box] Virtualserver [127.0.0.1]:tcp:18999 - UP", Duration.ofSeconds(10));
                assertThat(gained.body()).isEqualTo("=> Gained quorum 1+0=1 <= 1 <=\r\n\r\n");
                assertThat(sink.mails()).hasSize(4);
                assertThat(d.lines()).noneMatch(l -> l.contains("KA400") && l.contains("smtp"));
            } finally {
                web.close();
            }
        }
    }

    @Test
    void aMailServerThatIsNotThereCostsOneLineAndTheChecksGoOn() throws Exception {
        int noSmtp = freePort();
        int realPort = freePort();
        Path conf = Files.writeString(dir.resolve("k.conf"), conf(noSmtp, realPort, ""));
        // nothing listens on realPort: the first check fails, and then every second nothing changes
        try (HostDaemon d = HostDaemon.start(dir, conf, List.of(), List.of())) {
            d.await("health checks started", Duration.ofSeconds(60));
            d.await("SMTP connection ERROR to [127.0.0.1]:" + noSmtp, Duration.ofSeconds(20));
            try (ServerSocket web = new ServerSocket(realPort, 50, InetAddress.getLoopbackAddress())) {
                d.await("Adding real server", Duration.ofSeconds(20)); // checks went on; two more mails failed
                Thread.sleep(1_000);
            }
            d.await(() -> d.count("Removing real server") >= 2, Duration.ofSeconds(20), "the second removal");
            Thread.sleep(1_000);
            assertThat(d.count("not sent: SMTP connection ERROR to [127.0.0.1]:" + noSmtp))
                    .as(String.join("\n", d.lines())).isEqualTo(1);
            assertThat(d.isAlive()).isTrue();
        }
    }
}
