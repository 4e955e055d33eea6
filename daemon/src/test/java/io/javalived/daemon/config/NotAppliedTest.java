package io.javalived.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.ParseResult;
import io.javalived.parser.bind.ConfigBinder;
import io.javalived.parser.diag.Diagnostic;
import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.diag.Diagnostics;
import io.javalived.parser.ParseOptions;
import io.javalived.parser.diag.Severity;
import io.javalived.parser.model.KeepalivedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one list of what javalived does not apply: each such keyword gives one KA400 warning (or KA401 INFO when left
 * out on purpose) at its own line, nothing else is reported, and every keyword the parser keeps raw has an entry.
 */
class NotAppliedTest {
    @TempDir
    Path dir;

    ParseResult parse(String text) throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, text);
        return KeepalivedParser.parse(file, new ParseOptions("lb01", "lb01.example.com"));
    }

    List<Diagnostic> notApplied(String text) throws IOException {
        return NotApplied.of(parse(text).config());
    }

    /**
     * "# warn KEYWORD": one KA400 expected at that line naming KEYWORD; "# info KEYWORD": one KA401. Lines without a
     * mark are applied.
     */
    static final String EVERYTHING = """
            global_defs {
                router_id lb01
                notification_email {
                    ops@example.com
                }
                smtp_server 127.0.0.1
                smtp_alert_checker
                no_checker_emails
                notify_fifo /run/ka.fifo             # warn notify_fifo
                notify_fifo_script /bin/fifo.sh      # warn notify_fifo_script
                lvs_notify_fifo /run/lvs.fifo        # warn lvs_notify_fifo
                lvs_sync_daemon eth0 VI_1
                lvs_flush
                script_user nobody
                enable_script_security
                checker_process_name checkers        # info checker_process_name
                checker_priority -5                  # info checker_priority
                lvs_netlink_cmd_rcv_bufs 1048576     # info lvs_netlink_cmd_rcv_bufs
                rs_init_notifies
                enable_snmp_checker                  # info enable_snmp_checker
                enable_dbus                          # info enable_dbus
                nftables_ipvs                        # warn nftables_ipvs
                vrrp_garp_interval 0.01
                vrrp_iptables                        # warn vrrp_iptables
                log_unknown_vrids
                startup_script /bin/start.sh
                shutdown_script /bin/stop.sh
                umask 0077
                max_auto_priority 10
                min_auto_priority_delay 500000
                vrrp_notify_priority_changes
                state_dump_file /tmp/k.data
            }
            net_namespace blue
            static_routes {
                10.9.0.0/16 via 10.0.0.1
            }
            vrrp_script chk {
                script "/bin/true"
                user nobody
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 62
                priority 100
                use_vmac
                vmac_xmit_base
                promote_secondaries                  # warn promote_secondaries
                no_accept
                notify_master "/bin/true" nobody
                authentication {
                    auth_type AH
                    auth_pass secret
                }
                virtual_ipaddress {
                    10.0.0.3/24 dev eth0 home        # warn home
                }
                virtual_routes {
                    10.8.0.0/16 via 10.0.0.1
                }
                track_script {
                    chk
                }
            }
            SSL {
                certificate /etc/ssl/client.pem
            }
            virtual_server 10.0.0.3 443 {
                lvs_sched rr
                lvs_method DR
                protocol TCP
                snmp_name web-https                  # info snmp_name
                real_server 10.0.0.7 443 {
                    lvs_method TUN type gue port 6080 # warn lvs_method
                    SSL_GET {                        # warn log_all_failures
                        url {
                            path /health
                            regex ok
                            regex_options caseless
                        }
                        fast_recovery
                        tls_compliant
                        log_all_failures
                    }
                    MISC_CHECK {
                        misc_path "/bin/true"
                        user nobody
                    }
                    FILE_CHECK {                     # warn FILE_CHECK
                        track_file maintenance
                    }
                    SMTP_CHECK {
                        host {
                            connect_ip 10.0.0.7
                        }
                    }
                }
            }
            """;

    @Test
    void everyKeywordNotAppliedGivesOneDiagnosticAtItsLineAndNothingElse() throws IOException {
        ParseResult parsed = parse(EVERYTHING);
        List<Diagnostic> found = NotApplied.of(parsed.config());
        List<String> lines = EVERYTHING.lines().toList();
        int expected = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            for (String mark : List.of("warn", "info")) {
                int at = line.indexOf("# " + mark + " ");
                while (at >= 0) {
                    String keyword = line.substring(at + mark.length() + 3).split("[\\s#]")[0];
                    int lineNo = i + 1;
                    DiagnosticCode code = mark.equals("warn") ? DiagnosticCode.NOT_APPLIED : DiagnosticCode.LEFT_OUT;
                    assertThat(found).as(mark + " " + keyword + " at line " + lineNo + " in\n" + text(found))
                            .filteredOn(d -> d.location().orElseThrow().line() == lineNo && d.code() == code
                                    && d.message().contains(keyword)).hasSize(1);
                    expected++;
                    at = line.indexOf("# " + mark + " ", at + 3);
                }
            }
        }
        assertThat(found).as("nothing else:\n" + text(found)).hasSize(expected);
        assertThat(found).allSatisfy(d -> {
            assertThat(d.location().orElseThrow().file()).isEqualTo(dir.resolve("keepalived.conf").toString());
            assertThat(d.severity()).isEqualTo(d.code() == DiagnosticCode.NOT_APPLIED ? Severity.WARNING : Severity.INFO);
            assertThat(d.message()).containsAnyOf(" is not applied by javalived (", " is left out of javalived on purpose (");
        });
        assertThat(found).extracting(d -> d.location().orElseThrow().line()).as("in file order").isSorted();
    }

    @Test
    void theMessageSaysWhereWhatAndWhatHappensInstead() throws IOException {
        List<Diagnostic> found = notApplied("""
                global_defs {
                    disable_local_igmp
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 62
                    promote_secondaries
                    virtual_ipaddress {
                        10.0.0.3/24
                    }
                }
                """);
        assertThat(found).extracting(Diagnostic::format).containsExactly(
                "(" + dir.resolve("keepalived.conf") + ": Line 2) global_defs: disable_local_igmp is not applied by javalived "
                        + "(IGMP reports are left as they are) [warning KA400]",
                "(" + dir.resolve("keepalived.conf") + ": Line 7) vrrp_instance VI_1: promote_secondaries is not applied by "
                        + "javalived (the interface's promote_secondaries setting is left as it is) [warning KA400]");
    }

    /** The list of keywords ignored with no word at all, each now reported, on a VRRP-only file. */
    @Test
    void theKeywordsThatWereIgnoredSilentlyAreReported() throws IOException {
        List<Diagnostic> found = notApplied("""
                net_namespace blue
                global_defs {
                    startup_script /bin/start.sh
                    shutdown_script /bin/stop.sh
                    umask 0077
                    max_auto_priority
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 62
                    virtual_ipaddress {
                        10.0.0.3/24
                    }
                }
                """);
        assertThat(found).extracting(d -> d.location().orElseThrow().line() + " " + d.code().id() + " "
                        + d.message().substring(0, d.message().indexOf(" is ")))
                // startup_script and shutdown_script (lines 3, 4) are applied now: daemon.lifecycle.StartStopScripts;
                // umask and max_auto_priority (lines 5, 6): FileCreationMask, AutoPriority; net_namespace: NetNamespace
                .isEmpty();
    }

    @Test
    void aPlainConfigurationAndTheSeedsHaveNothingToReport() throws IOException {
        assertThat(notApplied("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 62
                    virtual_ipaddress {
                        10.0.0.3/24
                    }
                }
                """)).isEmpty();
        Path repo = Path.of(System.getProperty("javalived.repo", "..")).toAbsolutePath().normalize();
        for (String seed : List.of("examples/lb01/keepalived.conf", "examples/lb02/keepalived.conf")) {
            KeepalivedConfig c = KeepalivedParser.parse(repo.resolve(seed)).config();
            assertThat(NotApplied.of(c)).as(seed).filteredOn(d -> d.code() == DiagnosticCode.NOT_APPLIED).isEmpty();
        }
    }

    @Test
    void keywordsThatOnlyMatterWithTheirSubsystemAreReportedOnlyWithIt() throws IOException {
        assertThat(notApplied("""
                global_defs {
                    vrrp_garp_interval 0.01
                    script_user nobody
                    nftables_ipvs
                }
                """)).isEmpty();
    }

    /**
     * Every keyword the parser keeps raw (in global_defs, at the top level, in vrrp_instance, vrrp_sync_group,
     * virtual_server, real_server and url) has an entry or is applied: the "ignored" fallback never fires.
     */
    @Test
    void everyRawKeywordOfTheParsersVocabularyHasAnEntry() throws IOException {
        Map<String, Set<String>> vocabulary = new ConfigBinder(new Diagnostics(), new ParseOptions("lb01", "lb01")).vocabulary();
        StringBuilder b = new StringBuilder();
        b.append("global_defs {\n");
        vocabulary.get("global_defs").forEach(k -> b.append(' ').append(k).append(" 1\n"));
        b.append("}\n");
        for (String k : vocabulary.get("the top level")) {
            if (!Set.of("global_defs", "vrrp_instance", "vrrp_sync_group", "vrrp_script", "virtual_server",
                    "virtual_server_group", "include", "SSL").contains(k)) {
                b.append(k).append(" 1\n");
            }
        }
        b.append("vrrp_sync_group G {\n group {\n  VI_1\n }\n");
        vocabulary.get("vrrp_sync_group").forEach(k -> b.append(' ').append(k).append(" 1\n"));
        b.append("}\nvrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n  10.0.0.3\n }\n");
        vocabulary.get("vrrp_instance").forEach(k -> b.append(' ').append(k).append(" 1\n"));
        b.append("}\nvirtual_server 10.0.0.3 80 {\n protocol TCP\n");
        vocabulary.get("virtual_server").forEach(k -> b.append(' ').append(k).append(" 1\n"));
        b.append(" real_server 10.0.0.7 80 {\n");
        vocabulary.get("real_server").forEach(k -> b.append("  ").append(k).append(" 1\n"));
        b.append("  HTTP_GET {\n   url {\n    path /\n");
        vocabulary.get("url").forEach(k -> b.append("    ").append(k).append(" 1\n"));
        b.append("   }\n  }\n }\n}\n");
        KeepalivedConfig c = parse(b.toString()).config();
        assertThat(NotApplied.raws(c).count()).as("the file puts keywords in every raw list").isGreaterThan(100);
        assertThat(NotApplied.uncovered(c)).as("raw keywords with no entry").isEmpty();
    }

    private static String text(List<Diagnostic> ds) {
        List<String> out = new ArrayList<>();
        ds.forEach(d -> out.add(d.format()));
        return String.join("\n", out);
    }
}
