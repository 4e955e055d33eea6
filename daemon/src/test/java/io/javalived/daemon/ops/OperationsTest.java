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
            assertThat(ops.dumps().write(io.javalived.daemon.dump.DumpWriter.Kind.DATA)).exists();
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
}
