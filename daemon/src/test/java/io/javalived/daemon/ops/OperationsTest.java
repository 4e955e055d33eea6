package io.javalived.daemon.ops;

import io.javalived.daemon.dump.DumpPaths;
import io.javalived.daemon.reload.ConfigSnapshot;
import io.javalived.daemon.status.DaemonInfo;
import io.javalived.daemon.status.ReloadOutcome;
import io.javalived.daemon.status.RunningState;
import io.javalived.daemon.status.StatusFixtures;
import io.javalived.daemon.status.StatusListen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import io.javalived.daemon.dump.DumpWriter;
import io.javalived.daemon.reload.ConfigSnapshots;
import io.javalived.daemon.reload.ReloadChange;
import io.javalived.daemon.reload.ReloadCoordinator;
import io.javalived.daemon.reload.ReloadFixtures;
import io.javalived.daemon.reload.ReloadPlan;
import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.ParseOptions;
import io.javalived.parser.ParseResult;
import io.javalived.parser.model.KeepalivedConfig;

class OperationsTest {

    @Test
    void servesWritesTheStateFileAndRemovesItAtClose(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("run/state.json");
        DumpPaths dumps = new DumpPaths(dir.resolve("d"), dir.resolve("s"), dir.resolve("j"), 1);
        DaemonInfo info = new DaemonInfo("0.1.0", ProcessHandle.current().pid(), Instant.now(), "/etc/k.conf", "lb01");
        try (Operations ops = Operations.start(new Operations.Settings(Optional.of(StatusListen.parse("127.0.0.1:0")), state,
                dumps, false), info, List.of(StatusFixtures.seed()), ConfigSnapshot.empty(), Optional.of("lb01"))) {
            RunningState s = RunningState.read(state).orElseThrow();
            assertThat(s.statusListen()).isEqualTo(ops.listening().map(l -> l.baseUrl().substring(7)));
            assertThat(s.configId()).hasValue("lb01");
            String url = ops.listening().orElseThrow().baseUrl();
            try (HttpClient http = HttpClient.newHttpClient()) {
                ops.reloaded(new ReloadOutcome(Instant.now(), false, 0, List.of("x.conf:1: error: y")), ConfigSnapshot.empty(), dumps);
                String body = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(body).contains("javalived_reloads_total{outcome=\"refused\"} 1.0");
            }
            assertThat(ops.dumps().write(DumpWriter.Kind.DATA)).exists();
        }
        assertThat(state).doesNotExist();
    }

    @Test
    void aPortInUseLeavesTheRestRunning(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            DaemonInfo info = new DaemonInfo("0.1.0", ProcessHandle.current().pid(), Instant.now(), "/etc/k.conf", "lb01");
            try (Operations ops = Operations.start(new Operations.Settings(
                    Optional.of(StatusListen.parse("127.0.0.1:" + taken.getLocalPort())), dir.resolve("state.json"),
                    DumpPaths.KEEPALIVED, false), info, List.of(), ConfigSnapshot.empty(), Optional.empty())) {
                assertThat(ops.listening()).isEmpty();
                assertThat(RunningState.read(dir.resolve("state.json"))).isPresent();
            }
        }
    }

    @Test
    void aReloadRequestRunsTheReloadAndItsOutcomeIsServed(@TempDir Path dir) throws Exception {
        Path conf = java.nio.file.Files.writeString(dir.resolve("k.conf"), ReloadFixtures.LB01);
        java.util.function.Supplier<ParseResult> parse = () -> KeepalivedParser.parse(conf,
                new ParseOptions("lb01", "lb01"));
        DaemonInfo info = new DaemonInfo("0.1.0", ProcessHandle.current().pid(), Instant.now(), conf.toString(), "lb01");
        Path state = dir.resolve("state.json");
        var snapshot = ConfigSnapshots.of(parse.get());
        try (Operations ops = Operations.start(new Operations.Settings(Optional.empty(), state, DumpPaths.KEEPALIVED, false),
                info, List.of(), snapshot, Optional.of("lb01"))) {
            java.util.List<ReloadPlan> applied = new java.util.concurrent.CopyOnWriteArrayList<>();
            var target = new ReloadCoordinator.Target() {
                public String name() { return "checkers"; }
                public boolean handles(ReloadChange c) { return true; }
                public void apply(KeepalivedConfig next, ReloadPlan plan) {
                    applied.add(plan);
                }
            };
            ops.reloadWith(new ReloadCoordinator(parse, snapshot, List.of(target),
                    (o, p) -> ops.reloaded(o, ConfigSnapshots.of(p), DumpPaths.KEEPALIVED),
                    java.time.Clock.systemUTC()));
            java.nio.file.Files.writeString(conf, ReloadFixtures.edit(
                    ReloadFixtures.LB01, "weight 1", "weight 5"));
            ops.requestReload(); // the daemon's SIGHUP (its real signal: SignalDispositionTest, LiveReloadTest)
            for (int i = 0; i < 200 && ops.status().get().reload().applied() == 0; i++) {
                Thread.sleep(50);
            }
            assertThat(ops.status().get().reload().applied()).as("reload applied within 10 s of the request").isEqualTo(1);
            assertThat(applied).singleElement().satisfies(p -> assertThat(p.changes()).hasSize(1));
            assertThat(RunningState.read(state).orElseThrow().config().services().getFirst().realServers().getFirst()
                    .kernel()).containsEntry("weight", "5");
        }
    }
}
