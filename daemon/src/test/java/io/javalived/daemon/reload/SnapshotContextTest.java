package io.javalived.daemon.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.model.KeepalivedConfig;
import org.junit.jupiter.api.Test;

/**
 * What an instance depends on outside its own block is part of its snapshot: a sync group or a tracked vrrp_script
 * edited elsewhere in the file is a change of that instance (so a reload applies it), and nothing else is.
 */
class SnapshotContextTest {
    static final String BASE = """
            vrrp_script chk {
                script "/bin/true"
                interval 2
            }
            vrrp_sync_group G {
                group {
                    A
                    B
                }
            }
            vrrp_instance A {
                interface eth0
                virtual_router_id 1
                priority 100
                track_script {
                    chk
                }
            }
            vrrp_instance B {
                interface eth0
                virtual_router_id 2
                priority 100
            }
            vrrp_instance C {
                interface eth0
                virtual_router_id 3
                priority 100
            }
            """;

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path dir;

    static KeepalivedConfig parse(String text) {
        try {
            java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve("k.conf"), text);
            return KeepalivedParser.parse(f).config();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ReloadPlan plan(String from, String to) {
        return ReloadPlanner.plan(parse(from), parse(to));
    }

    @Test
    void anEditedTrackedScriptChangesOnlyTheInstanceTrackingIt() {
        ReloadPlan p = plan(BASE, BASE.replace("interval 2", "interval 5"));
        assertThat(p.changes()).singleElement().isInstanceOfSatisfying(ReloadChange.InstanceSettingsChanged.class,
                c -> {
                    assertThat(c.instance()).isEqualTo("A");
                    assertThat(c.changes()).singleElement().satisfies(s -> assertThat(s.setting()).isEqualTo("vrrp_script chk"));
                });
    }

    @Test
    void aSyncGroupThatGainsAMemberChangesEveryMemberAndSaysTheGroupRestarts() {
        ReloadPlan p = plan(BASE, BASE.replace("        B\n    }", "        B\n        C\n    }"));
        assertThat(p.changes()).hasSize(3).allSatisfy(c -> assertThat(c.describe()).contains("sync_group", "restart in BACKUP"));
        assertThat(p.changes()).extracting(c -> ((ReloadChange.InstanceSettingsChanged) c).instance())
                .containsExactly("A", "B", "C");
    }

    @Test
    void theSameFileIsNoChange() {
        assertThat(plan(BASE, BASE).changes()).isEmpty();
    }
}
