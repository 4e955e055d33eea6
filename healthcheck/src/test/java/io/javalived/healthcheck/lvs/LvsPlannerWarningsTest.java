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
}
