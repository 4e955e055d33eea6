package io.javalived.healthcheck.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.model.KeepalivedConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.javalived.scripts.ScriptPolicy;

/**
 * The planner's own warnings (what it does not apply is the daemon's one list, io.javalived.daemon.config.NotApplied)
 * and the global_defs it applies: lvs_flush, lvs_flush_on_stop [VS], ha_suspend.
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

    @Test
    void theSeedsConfigGetsNoWarningFromThePlanner() {
        Path conf = LvsPlannerTest.repo().resolve("examples/lb01/keepalived.conf");
        assertThat(LvsPlanner.plan(KeepalivedParser.parse(conf).config()).warnings()).isEmpty();
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

    @Test
    void urlRegexBecomesTheProbesRegexWithAWarningForWhatJavaUtilRegexCannotDo() throws IOException {
        LvsPlanner.Plan plan = LvsPlanner.plan(parse("""
                virtual_server 10.0.0.3 80 {
                    protocol TCP
                    real_server 10.0.0.7 80 {
                        HTTP_GET {
                            url {
                                path /a
                                regex "up and (running|ready)"
                                regex_no_match
                                regex_options caseless multiline ungreedy no_start_optimize bogus
                                regex_min_offset 3
                                regex_max_offset 100
                                regex_stack 32768 65536
                            }
                            url {
                                path /b
                                regex "(?<n>a)(?<n>b)"
                            }
                            url {
                                path /c
                                regex_min_offset 4
                            }
                            url {
                                path /d
                                regex ok
                                regex_min_offset 9
                                regex_max_offset 8
                            }
                        }
                    }
                }
                """));
        var probe = (io.javalived.healthcheck.probe.HttpProbe) plan.virtualServers().getFirst().realServers().getFirst()
                .checks().getFirst().probe();
        assertThat(probe.urls().get(0).regex()).contains(new io.javalived.healthcheck.probe.BodyRegex("up and (running|ready)",
                java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.MULTILINE, false, true, 3,
                java.util.OptionalInt.of(100)));
        assertThat(probe.urls().get(1).regex()).as("java.util.regex refuses it: the url is checked without it").isEmpty();
        assertThat(probe.urls().get(2).regex()).isEmpty();
        assertThat(probe.urls().get(3).regex()).contains(new io.javalived.healthcheck.probe.BodyRegex("ok", 0, false, false, 0,
                java.util.OptionalInt.empty()));
        String conf = dir.resolve("keepalived.conf").toString();
        assertThat(String.join("\n", plan.warnings())).isEqualTo(String.join("\n",
                conf + ":9: regex_options ungreedy has no java.util.regex equivalent; the regex is matched without it",
                conf + ":9: regex_options bogus is not a PCRE2 option keepalived knows - ignored",
                conf + ":14: url /b: invalid regex '(?<n>a)(?<n>b)' at offset 11: Named capturing group <n> is "
                        + "already defined (java.util.regex); the url is checked without it",
                conf + ":18: url /c: regex parameters specified without regex - ignored",
                conf + ":22: url /d: regex min offset 9 > regex_max_offset 8 - ignoring both"));
    }
}
