package io.javalived.parser;

import static io.javalived.parser.Configs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.RealServer;
import io.javalived.parser.model.StartStopScript;
import io.javalived.parser.model.VirtualServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * smtp_alert defaults as keepalived 2.2.7 resolves them (check_data.c, vrrp.c) and startup/shutdown_script with their
 * timeouts (global_parser.c).
 */
class MailAndStartStopTest {
    @TempDir
    Path dir;

    private static final String SERVERS = """
            vrrp_sync_group G1 {
                group {
                    VI_1
                    VI_2
                }
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 1
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
            virtual_server 10.0.0.3 80 {
                protocol TCP
                real_server 192.168.1.1 80 {
                }
                real_server 192.168.1.2 80 {
                    smtp_alert false
                }
            }
            virtual_server 10.0.0.3 443 {
                protocol TCP
                smtp_alert
                real_server 192.168.1.1 443 {
                    smtp_alert
                }
            }
            """;

    private KeepalivedConfig config(String globals) {
        return parse(dir, "global_defs {\n" + globals + "\n}\n" + SERVERS).config();
    }

    private static List<Boolean> lvs(KeepalivedConfig c) {
        VirtualServer a = c.virtualServers().get(0);
        VirtualServer b = c.virtualServers().get(1);
        return List.of(a.smtpAlert(), a.realServers().get(0).smtpAlert(), a.realServers().get(1).smtpAlert(),
                b.smtpAlert(), b.realServers().get(0).smtpAlert());
    }

    @Test
    void withoutGlobalsVirtualServersHaveNoAlertAndRealServersHaveOne() {
        KeepalivedConfig c = config("router_id x");
        assertThat(lvs(c)).containsExactly(false, true, false, true, true);
        assertThat(c.vrrpSyncGroups().getFirst().smtpAlert()).isFalse();
        assertThat(c.vrrpInstances()).allMatch(i -> !i.smtpAlert());
    }

    @Test
    void globalSmtpAlertIsTheDefaultOfEverythingThatDoesNotSetIt() {
        KeepalivedConfig off = config("smtp_alert false");
        assertThat(lvs(off)).containsExactly(false, false, false, true, true);
        KeepalivedConfig on = config("smtp_alert");
        assertThat(lvs(on)).containsExactly(true, true, false, true, true);
        assertThat(on.vrrpSyncGroups().getFirst().smtpAlert()).isTrue();
        assertThat(on.vrrpInstances()).allMatch(i -> i.smtpAlert());
    }

    @Test
    void smtpAlertCheckerAndVrrpWinOverSmtpAlertEvenWhenWrittenAfterTheBlocks() {
        KeepalivedConfig c = parse(dir, SERVERS + "global_defs {\n smtp_alert\n smtp_alert_checker false\n smtp_alert_vrrp false\n}\n").config();
        assertThat(lvs(c)).containsExactly(false, false, false, true, true);
        assertThat(c.vrrpSyncGroups().getFirst().smtpAlert()).isFalse();
        assertThat(c.vrrpInstances()).allMatch(i -> !i.smtpAlert());
        RealServer kept = c.virtualServers().get(1).realServers().getFirst();
        assertThat(kept.address().getHostAddress()).isEqualTo("192.168.1.1");
    }

    @Test
    void startupAndShutdownScriptsWithTheirTimeouts() {
        var r = parse(dir, """
                global_defs {
                    startup_script "/usr/local/bin/up.sh arg1" nobody nogroup
                    startup_script_timeout 3
                    shutdown_script /usr/local/bin/down.sh
                }
                """);
        StartStopScript up = r.config().globalDefs().startupScript().orElseThrow();
        assertThat(up.command().argv()).containsExactly("/usr/local/bin/up.sh", "arg1");
        assertThat(up.command().user()).contains("nobody");
        assertThat(up.command().group()).contains("nogroup");
        assertThat(up.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(up.location().line()).isEqualTo(2);
        StartStopScript down = r.config().globalDefs().shutdownScript().orElseThrow();
        assertThat(down.command().argv()).containsExactly("/usr/local/bin/down.sh");
        assertThat(down.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(r.config().globalDefs().other()).noneMatch(v -> v.keyword().contains("script"));
    }

    @Test
    void aSecondScriptAndATimeoutOutOfRangeAreReportedAtTheirLine() {
        var r = parse(dir, """
                global_defs {
                    startup_script /bin/a
                    startup_script /bin/b
                    shutdown_script_timeout 0
                }
                """);
        assertThat(r.config().globalDefs().startupScript().orElseThrow().command().argv()).containsExactly("/bin/a");
        assertThat(r.diagnostics()).anySatisfy(d -> {
            assertThat(d.location().orElseThrow().line()).isEqualTo(3);
            assertThat(d.message()).contains("startup script already specified");
        });
        assertThat(r.diagnostics()).anySatisfy(d -> assertThat(d.location().orElseThrow().line()).isEqualTo(4));
        assertThat(r.config().globalDefs().shutdownScript()).isEmpty();
    }
}
