package io.javalived.daemon.reload;

import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.ParseOptions;
import io.javalived.parser.ParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.javalived.daemon.reload.ReloadFixtures.LB01;
import static io.javalived.daemon.reload.ReloadFixtures.edit;
import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots and plans of real configuration files through the real parser. */
class ConfigSnapshotsTest {
    @TempDir
    Path dir;

    ParseResult parse(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return KeepalivedParser.parse(f, new ParseOptions("lb01", "lb01.example"));
    }

    ReloadPlan plan(String old, String now) throws IOException {
        return ReloadPlanner.plan(ConfigSnapshots.of(parse("old.conf", old)), parse("new.conf", now));
    }

    @Test
    void theSeedsIdentitiesAndKernelFields() throws IOException {
        ConfigSnapshot s = ConfigSnapshots.of(parse("k.conf", LB01));
        ConfigSnapshot.Instance i = s.instances().getFirst();
        assertThat(i.key()).isEqualTo(new ConfigSnapshot.InstanceKey(62, "INET", "eth0", false, false, ""));
        assertThat(i.vips()).containsExactly(new ConfigSnapshot.Vip("10.0.0.3/24", "dev eth0 label eth0:0", false));
        assertThat(i.settings()).containsEntry("priority", "100");
        assertThat(i.settings().get("authentication")).startsWith("PASS secret#").doesNotContain("1234");
        assertThat(i.location()).endsWith("k.conf:4");
        ConfigSnapshot.Service vs = s.services().getFirst();
        assertThat(vs.id()).isEqualTo("TCP 10.0.0.3:80");
        assertThat(vs.kernel()).containsEntry("scheduler", "wrr").containsEntry("persistence_timeout", "50s");
        assertThat(vs.realServers()).extracting(ConfigSnapshot.Destination::id).containsExactly("10.0.0.7:80", "10.0.0.8:80");
        assertThat(vs.realServers().getFirst().kernel()).containsEntry("weight", "1").containsEntry("method", "DR");
    }

    @Test
    void theSameFileReparsedPlansNothing() throws IOException {
        ReloadPlan p = plan(LB01, LB01);
        assertThat(p.changes()).isEmpty();
        assertThat(p.isRefused()).isFalse();
    }

    @Test
    void commentsWhitespaceAndOrderAreNotChanges() throws IOException {
        String reordered = edit(edit(LB01, "    delay_loop 6\n", ""), "    protocol TCP\n", "    protocol TCP\n    delay_loop 6\n")
                .replace("global_defs {", "# a comment\n\n\nglobal_defs {");
        assertThat(plan(LB01, reordered).changes()).isEmpty();
    }

    @Test
    void aWeightChangeIsExactlyOneSetDest() throws IOException {
        ReloadPlan p = plan(LB01, edit(LB01, "weight 1", "weight 2", 1));
        assertThat(p.changes()).containsExactly(new ReloadChange.DestinationEdited("TCP 10.0.0.3:80", "10.0.0.8:80", false,
                List.of(new ReloadChange.SettingChange("weight", "1", "2"))));
    }

    @Test
    void aNewVipIsExactlyOneVipAdded() throws IOException {
        ReloadPlan p = plan(LB01, edit(LB01, "label eth0:0\n", "label eth0:0\n        10.0.0.4/24 dev eth0\n"));
        assertThat(p.changes()).containsExactly(new ReloadChange.VipAdded("oldboy",
                new ConfigSnapshot.Vip("10.0.0.4/24", "dev eth0", false)));
    }

    @Test
    void renamingTheInstanceKeepsIt() throws IOException {
        assertThat(plan(LB01, edit(LB01, "vrrp_instance oldboy", "vrrp_instance VI_1")).changes())
                .containsExactly(new ReloadChange.InstanceRenamed("oldboy", "VI_1",
                        new ConfigSnapshot.InstanceKey(62, "INET", "eth0", false, false, "")));
    }

    @Test
    void aPasswordChangeIsReportedWithoutThePassword() throws IOException {
        ReloadPlan p = plan(LB01, edit(LB01, "auth_pass 1234", "auth_pass 5678"));
        assertThat(p.changes()).hasSize(1).first().isInstanceOf(ReloadChange.InstanceSettingsChanged.class);
        assertThat(p.changes().getFirst().describe()).contains("authentication").doesNotContain("1234", "5678");
    }

    @Test
    void aNewErrorRefusesTheReloadNamingFileAndLine() throws IOException {
        String broken = edit(LB01, "    lb_algo wrr\n", "    lb_algo wrr\n    real_server 10.0.0.9 80 {\n        weight x\n    }\n");
        ReloadPlan p = plan(LB01, broken);
        assertThat(p.isRefused()).as(p.toString()).isTrue();
        assertThat(p.changes()).isEmpty();
        assertThat(p.refusals()).anySatisfy(r -> assertThat(r).matches(".*new\\.conf:\\d+: error: .*"));
    }

    @Test
    void anErrorTheRunningConfigurationHadDoesNotRefuse() throws IOException {
        String seedTypo = edit(LB01, "authentication {", "autherntication {");
        ReloadPlan same = plan(seedTypo, "\n\n" + seedTypo);
        assertThat(same.isRefused()).isFalse();
        assertThat(same.changes()).isEmpty();
        assertThat(same.warnings()).anySatisfy(w -> assertThat(w).contains("autherntication", "running configuration has it too"));
        assertThat(plan(LB01, seedTypo).isRefused()).isTrue();
    }
}
