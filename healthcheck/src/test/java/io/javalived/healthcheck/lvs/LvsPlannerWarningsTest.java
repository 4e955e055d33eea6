package io.javalived.healthcheck.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.model.KeepalivedConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The healthcheck README's promise: every LVS or checker keyword the run path does not apply gives one warning at
 * start naming its file:line. A configuration with each such keyword, parsed by the real parser: exactly one warning
 * per item, at the expected line. Also the global_defs the planner does apply: lvs_flush, lvs_flush_on_stop [VS],
 * ha_suspend.
 */
class LvsPlannerWarningsTest {

    @TempDir
    Path dir;

    KeepalivedConfig parse(String text) throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, text);
        var r = KeepalivedParser.parse(file);
        return r.config();
    }

    /**
     * Each "# warn KEYWORD" marks a warning expected at that line naming KEYWORD. Lines without a mark are applied,
     * or belong to VRRP (vrrp_strict), or have no effect in keepalived either without what javalived lacks
     * (smtp_alert, smtp_alert_checker: covered by the smtp_server warning; no_checker_emails: javalived sends none).
     */
    static final String EVERYTHING = """
            global_defs {
                router_id lb01
                notification_email {
                    ops@example.com
                }
                smtp_server 127.0.0.1                # warn smtp_server
                smtp_alert_checker
                no_checker_emails
                notify_fifo /run/ka.fifo             # warn notify_fifo
                notify_fifo_script /bin/fifo.sh      # warn notify_fifo_script
                lvs_notify_fifo /run/lvs.fifo        # warn lvs_notify_fifo
                lvs_notify_fifo_script /bin/lvs.sh   # warn lvs_notify_fifo_script
                lvs_sync_daemon eth0 VI_1
                lvs_flush
                lvs_flush_on_stop
                script_user nobody                   # warn script_user
                enable_script_security               # warn enable_script_security
                checker_process_name checkers        # warn checker_process_name
                checker_priority -5                  # warn checker_priority
                checker_no_swap                      # warn checker_no_swap
                checker_rt_priority 10               # warn checker_rt_priority
                checker_cpu_affinity 1               # warn checker_cpu_affinity
                checker_rlimit_rttime 1000           # warn checker_rlimit_rttime
                checker_log_all_failures             # warn checker_log_all_failures
                lvs_netlink_cmd_rcv_bufs 1048576     # warn lvs_netlink_cmd_rcv_bufs
                lvs_netlink_monitor_rcv_bufs 1048576 # warn lvs_netlink_monitor_rcv_bufs
                rs_init_notifies                     # warn rs_init_notifies
                enable_snmp_checker                  # warn enable_snmp_checker
                snmp_vs_stats_update_interval 5      # warn snmp_vs_stats_update_interval
                snmp_rs_stats_update_interval 5      # warn snmp_rs_stats_update_interval
                nftables_ipvs                        # warn nftables_ipvs
                net_namespace_ipvs lvs               # warn net_namespace_ipvs
                vrrp_strict
            }
            SSL {                                    # warn SSL
                certificate /etc/ssl/client.pem
                key /etc/ssl/client.key
                ca /etc/ssl/ca.pem
                password secret
            }
            virtual_server 10.0.0.3 443 {
                lvs_sched rr
                lvs_method DR
                protocol TCP
                ha_suspend
                smtp_alert
                snmp_name web-https                  # warn snmp_name
                quorum_up /bin/up.sh
                real_server 10.0.0.7 443 {
                    snmp_name web01                  # warn snmp_name
                    lvs_method TUN type gue port 6080 # warn lvs_method
                    SSL_GET {                        # warn fast_recovery # warn tls_compliant # warn log_all_failures
                        url {                        # warn regex
                            path /health
                            regex ok
                            regex_options caseless   # warn regex_options
                        }
                        fast_recovery
                        tls_compliant
                        log_all_failures
                    }
                    MISC_CHECK {                     # warn user
                        misc_path "/bin/true"
                        user nobody
                    }
                    FILE_CHECK {                     # warn FILE_CHECK
                        track_file maintenance
                    }
                }
            }
            virtual_server fwmark 7 {
                lvs_sched rr
                lvs_method DR
                ha_suspend
                real_server 10.0.0.8 {
                    HTTP_GET {                       # warn fast_recovery
                        url {
                            path /
                        }
                        fast_recovery
                    }
                }
            }
            track_file maintenance {
                file /run/maintenance
            }
            """;

    @Test
    void everyKeywordTheRunPathIgnoresGivesOneWarningAtItsLine() throws IOException {
        LvsPlanner.Plan plan = LvsPlanner.plan(parse(EVERYTHING));
        List<String> lines = EVERYTHING.lines().toList();
        int expected = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int at = line.indexOf("# warn ");
            while (at >= 0) {
                String keyword = line.substring(at + 7).split("[\\s#]")[0];
                String where = "/keepalived.conf:" + (i + 1) + ": ";
                assertThat(plan.warnings()).as("one warning for " + keyword + " at line " + (i + 1) + " in " + plan.warnings())
                        .filteredOn(w -> w.startsWith(dir + where) && w.contains(keyword)).hasSize(1);
                expected++;
                at = line.indexOf("# warn ", at + 7);
            }
        }
        assertThat(plan.warnings()).as("nothing else: " + String.join("\n", plan.warnings())).hasSize(expected);
        assertThat(plan.warnings()).allMatch(w -> w.matches(java.util.regex.Pattern.quote(dir + "/keepalived.conf:") + "\\d+: .+"));
    }

    @Test
    void theSeedsConfigGetsNoWarningFromThePlanner() {
        Path conf = LvsPlannerTest.repo().resolve("examples/lb01/keepalived.conf");
        assertThat(LvsPlanner.plan(KeepalivedParser.parse(conf).config()).warnings()).isEmpty();
    }

    @Test
    void scriptUserIsOnlyReportedWhenTheCheckersHaveScripts() throws IOException {
        LvsPlanner.Plan plan = LvsPlanner.plan(parse("""
                global_defs {
                    script_user nobody
                    enable_script_security
                }
                virtual_server 10.0.0.3 80 {
                    lvs_sched rr
                    lvs_method DR
                    protocol TCP
                    real_server 10.0.0.7 80 {
                        TCP_CHECK {
                        }
                    }
                }
                """));
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void lvsFlushAndLvsFlushOnStopBecomeTheReconcilersOptions() throws IOException {
        String vs = """
                virtual_server 10.0.0.3 80 {
                    lvs_sched rr
                    lvs_method DR
                    protocol TCP
                    real_server 10.0.0.7 80 {
                    }
                }
                """;
        assertThat(LvsPlanner.plan(parse(vs)).options()).isEqualTo(Reconciler.Options.DEFAULT);
        assertThat(LvsPlanner.plan(parse("global_defs {\n lvs_flush\n lvs_flush_on_stop\n}\n" + vs)).options())
                .isEqualTo(new Reconciler.Options(true, Reconciler.OnStop.FLUSH, LocalAddresses.NONE));
        assertThat(LvsPlanner.plan(parse("global_defs {\n lvs_flush_onstop VS\n}\n" + vs)).options())
                .isEqualTo(new Reconciler.Options(false, Reconciler.OnStop.DELETE_INSTALLED, LocalAddresses.NONE));
    }

    @Test
    void haSuspendFollowsTheVirtualServersAddressesAndIsClearedOnFwmarks() throws IOException {
        LvsPlanner.Plan plan = LvsPlanner.plan(parse("""
                virtual_server_group web {
                    10.0.0.20-21 80
                }
                virtual_server_group marked {
                    10.0.0.30 80
                    fwmark 3
                }
                virtual_server 10.0.0.3 80 {
                    lvs_sched rr
                    lvs_method DR
                    protocol TCP
                    ha_suspend
                    real_server 10.0.0.7 80 {
                    }
                }
                virtual_server group web {
                    lvs_sched rr
                    lvs_method DR
                    protocol TCP
                    ha_suspend
                    real_server 10.0.0.7 80 {
                    }
                }
                virtual_server group marked {
                    lvs_sched rr
                    lvs_method DR
                    protocol TCP
                    ha_suspend
                    real_server 10.0.0.7 80 {
                    }
                }
                virtual_server 10.0.0.4 80 {
                    lvs_sched rr
                    lvs_method DR
                    protocol TCP
                    real_server 10.0.0.7 80 {
                    }
                }
                """));
        assertThat(plan.virtualServers()).extracting(VirtualServerPlan::haSuspend).containsExactly(
                Set.of(ip("10.0.0.3")), Set.of(ip("10.0.0.20"), ip("10.0.0.21")), Set.of(), Set.of());
        // (a fwmark virtual server's ha_suspend is the parser's to report: it knows at its line)
        assertThat(plan.warnings()).singleElement().satisfies(w -> assertThat(w).startsWith(dir + "/keepalived.conf:24: ")
                .contains("cannot use ha_suspend with fwmarks"));
    }

    static InetAddress ip(String s) {
        return ReconcilerTest.ip(s);
    }
}
