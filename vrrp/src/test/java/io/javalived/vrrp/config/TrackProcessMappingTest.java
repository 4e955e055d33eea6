package io.javalived.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.runtime.InstanceConfig;
import io.javalived.vrrp.runtime.ProcessTrack;
import io.javalived.vrrp.track.ProcessPattern;
import io.javalived.vrrp.track.ProcessPattern.ParamMatch;
import io.javalived.vrrp.track.TrackerWeight;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vrrp_track_process blocks joined with the instances' track_process lines, as keepalived 2.2.7 reads them. */
class TrackProcessMappingTest {
    @TempDir
    Path dir;

    private VrrpPlan map(String blocks, String lines) throws Exception {
        return MapperFixture.map(dir, blocks + """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    track_process {
                        %s
                    }
                    virtual_ipaddress {
                        10.0.0.3/24
                    }
                }
                """.formatted(lines));
    }

    private static List<ProcessTrack> processes(VrrpPlan plan) {
        return plan.instances().stream().findFirst().map(InstanceConfig::trackProcesses).orElseThrow();
    }

    @Test
    void aBlockWithItsDefaultsParametersQuorumAndDelays() throws Exception {
        VrrpPlan plan = map("""
                vrrp_track_process nginx {
                    process nginx
                }
                vrrp_track_process app {
                    process /usr/bin/app -c a.conf
                    param_match partial
                    weight -10 reverse
                    quorum 2
                    quorum_max 4
                    delay 2
                    terminate_delay 0.5
                }
                """, "nginx\n app weight 5");
        assertThat(processes(plan)).containsExactly(
                new ProcessTrack("nginx", new ProcessPattern("nginx", List.of(), ParamMatch.NONE, false),
                        new TrackerWeight(0, false), 1, 0xffffffffL, Duration.ZERO, Duration.ZERO),
                new ProcessTrack("app", new ProcessPattern("/usr/bin/app", List.of("-c", "a.conf"), ParamMatch.PARTIAL, true),
                        new TrackerWeight(5, true), 2, 4, Duration.ofSeconds(2), Duration.ofMillis(500)));
    }

    @Test
    void mistakesAreReportedInKeepalivedsWords() throws Exception {
        VrrpPlan plan = map("""
                vrrp_track_process noproc {
                    weight 3
                }
                vrrp_track_process q {
                    process q
                    quorum_max 2
                    quorum 3
                    weight 999
                    fork_delay 0
                }
                """, "noproc\n q\n nope");
        assertThat(processes(plan)).extracting(ProcessTrack::name).containsExactly("q");
        assertThat(processes(plan).getFirst().quorumMax()).isEqualTo(2);
        assertThat(String.join("\n", plan.problems()))
                .contains("track process 'noproc' process name not specified")
                .contains("Quorum is greater than quorum_max - ignoring")
                .contains("Weight (999) for vrrp_track_process q must be between [-254..254] inclusive. Ignoring...")
                .contains("fork_delay (0) for vrrp_track_process q must be between [0.000001..3600] inclusive. Ignoring...")
                .contains("(VI_1) track process nope not found, ignoring...");
    }
}
