package io.javalived.daemon.ops;

import io.javalived.daemon.reload.ConfigSnapshots;
import io.javalived.daemon.status.RunningState;
import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.ParseOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import static io.javalived.daemon.reload.ReloadFixtures.LB01;
import static io.javalived.daemon.reload.ReloadFixtures.edit;
import static org.assertj.core.api.Assertions.assertThat;

class ReloadCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ReloadCommand cmd = new ReloadCommand();
        cmd.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        cmd.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = new CommandLine(cmd).execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void fromAnOldFile() throws Exception {
        Path old = write("old.conf", LB01);
        Run same = run("--plan", "-f", write("same.conf", LB01).toString(), "--from", old.toString());
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.out()).contains("No changes: the reload would touch nothing (1 VRRP instance(s), 1 virtual server(s), 2 real server(s))");

        Run weight = run("--plan", "-f", write("w.conf", edit(LB01, "weight 1", "weight 3")).toString(), "--from", old.toString());
        assertThat(weight.code()).isEqualTo(1);
        assertThat(weight.out()).contains("IPVS (kernel calls) (1):", "~ virtual server TCP 10.0.0.3:80: real server 10.0.0.7:80: SET_DEST weight: 1 -> 3")
                .doesNotContain("VIPs and VRRP instances");
    }

    @Test
    void aBrokenFileWouldBeRefused() throws Exception {
        Path old = write("old.conf", LB01);
        Path broken = write("broken.conf", edit(LB01, "virtual_router_id 62", "virtual_router_id 300"));
        Run r = run("--plan", "-f", broken.toString(), "--from", old.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("REFUSED", broken + ":7: ");
    }

    @Test
    void againstTheRunningDaemonsSnapshotEvenWhenTheFileWasEditedInPlace() throws Exception {
        Path conf = write("keepalived.conf", LB01);
        Path state = dir.resolve("state.json");
        new RunningState(ProcessHandle.current().pid(), conf.toString(), Optional.of("lb01"), Instant.now(), Optional.empty(),
                ConfigSnapshots.of(KeepalivedParser.parse(conf, new ParseOptions("lb01", "lb01")))).write(state);
        Files.writeString(conf, edit(LB01, "10.0.0.3/24 dev eth0 label eth0:0", "10.0.0.5/24 dev eth0 label eth0:0"));
        Run r = run("--plan", "-f", conf.toString(), "--state-file", state.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("against the running daemon (pid " + ProcessHandle.current().pid(),
                "- VRRP instance oldboy: delete VIP 10.0.0.3/24", "+ VRRP instance oldboy: add VIP 10.0.0.5/24");
    }

    @Test
    void withoutARunningDaemonOrFromItSaysWhatToDo() throws Exception {
        Run r = run("--plan", "-f", write("a.conf", LB01).toString(), "--state-file", dir.resolve("none").toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("no running javalived found", "--from");
        assertThat(run("-f", "x").code()).isEqualTo(3);
        Run missing = run("--plan", "-f", dir.resolve("missing.conf").toString(), "--from", dir.resolve("missing.conf").toString());
        assertThat(missing.err()).contains("cannot read");
    }
}
