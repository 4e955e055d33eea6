package io.javalived.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.runtime.FileTrack;
import io.javalived.vrrp.runtime.InstanceConfig;
import io.javalived.vrrp.track.TrackerWeight;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** track_file / vrrp_track_file blocks joined with the instances' and sync groups' track_file lines. */
class TrackFileMappingTest {
    @TempDir
    Path dir;

    private static final String INSTANCES = """
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                priority 100
                track_file {
                    %s
                }
                virtual_ipaddress {
                    10.0.0.3/24
                }
            }
            """;

    private VrrpPlan map(String blocks, String lines) throws Exception {
        return MapperFixture.map(dir, blocks + INSTANCES.formatted(lines));
    }

    private static List<FileTrack> files(VrrpPlan plan) {
        return plan.instances().stream().filter(c -> c.name().equals("VI_1")).findFirst()
                .map(InstanceConfig::trackFiles).orElseThrow();
    }

    @Test
    void aBlockGivesTheFileItsWeightAndInitFileAndALineMayOverrideTheWeight() throws Exception {
        VrrpPlan plan = map("""
                track_file tf {
                    file /run/tf
                    weight -5 reverse
                    init_file 3 overwrite
                }
                vrrp_track_file old {
                    file /run/old
                }
                """, "tf\n old weight 7 reverse");
        assertThat(files(plan)).containsExactly(
                new FileTrack("tf", Path.of("/run/tf"), new TrackerWeight(-5, true), Optional.of(new FileTrack.InitFile(3, true))),
                new FileTrack("old", Path.of("/run/old"), new TrackerWeight(7, true), Optional.empty()));
    }

    @Test
    void mistakesAreReportedWithTheirLineInKeepalivedsWordsAndTheEntryDropped() throws Exception {
        VrrpPlan plan = map("""
                track_file nofile {
                    weight 3
                }
                track_file big {
                    file /run/big
                    weight 300
                }
                """, "nofile\n big\n missing\n big weight\n big foo 3");
        assertThat(files(plan)).containsExactly(new FileTrack("big", Path.of("/run/big"), new TrackerWeight(1, false),
                Optional.empty()));
        assertThat(String.join("\n", plan.problems()))
                .contains("keepalived.conf:1: No file set for track_file nofile - ignoring")
                .contains("keepalived.conf:6: Weight (300) for track_file big must be between [-254..254] inclusive. Ignoring...")
                .contains("(VI_1) track file missing not found, ignoring...")
                .contains("(VI_1) duplicate track_file big - ignoring");
    }

    @Test
    void aSyncGroupsFilesApplyToEveryMemberAndAMemberWithoutTrackingWeightKeepsOnlyUnweightedOnes() throws Exception {
        VrrpPlan plan = MapperFixture.map(dir, """
                track_file a {
                    file /run/a
                }
                track_file b {
                    file /run/b
                    weight 4
                }
                vrrp_sync_group G {
                    group {
                        VI_1
                        VI_2
                    }
                    track_file {
                        b
                    }
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    track_file {
                        a
                        b weight 9
                    }
                    virtual_ipaddress {
                        10.0.0.3/24
                    }
                }
                vrrp_instance VI_2 {
                    interface eth0
                    virtual_router_id 52
                    priority 100
                    virtual_ipaddress {
                        10.0.0.4/24
                    }
                }
                """);
        var byName = plan.instances().stream().collect(java.util.stream.Collectors.toMap(InstanceConfig::name,
                InstanceConfig::trackFiles));
        // VI_1: a (default weight 1) becomes unweighted, b weight 9 is dropped, then the group's b (weight 4) applies
        assertThat(byName.get("VI_1")).containsExactly(
                new FileTrack("a", Path.of("/run/a"), new TrackerWeight(0, false), Optional.empty()),
                new FileTrack("b", Path.of("/run/b"), new TrackerWeight(4, false), Optional.empty()));
        assertThat(byName.get("VI_2")).containsExactly(
                new FileTrack("b", Path.of("/run/b"), new TrackerWeight(4, false), Optional.empty()));
        assertThat(String.join("\n", plan.problems()))
                .contains("(VI_1) ignoring weight from tracked file a due to SYNC group. specify weight 0")
                .contains("(VI_1) ignoring tracked file b with weight 9 due to SYNC group");
    }
}
