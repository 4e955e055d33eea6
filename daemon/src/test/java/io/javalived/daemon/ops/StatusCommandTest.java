package io.javalived.daemon.ops;

import io.javalived.daemon.metrics.DaemonMetrics;
import io.javalived.daemon.reload.ConfigSnapshot;
import io.javalived.daemon.status.ReloadHistory;
import io.javalived.daemon.status.RunningState;
import io.javalived.daemon.status.StatusFixtures;
import io.javalived.daemon.status.StatusHttpServer;
import io.javalived.daemon.status.StatusListen;
import io.javalived.daemon.status.StatusService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code javalived status} against a live status endpoint on 127.0.0.1. */
class StatusCommandTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StatusCommand cmd = new StatusCommand();
        cmd.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        cmd.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = new CommandLine(cmd).execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsTheTablesFromALiveDaemon(@TempDir Path dir) {
        StatusService status = StatusFixtures.service(StatusFixtures.seed(), new ReloadHistory());
        try (StatusHttpServer server = StatusHttpServer.start(new InetSocketAddress("127.0.0.1", 0), status, new DaemonMetrics(status))) {
            String listen = "127.0.0.1:" + server.localAddress().getPort();
            Run r = run("--status-listen", listen, "--state-file", dir.resolve("none.json").toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("pid 4242", "VI_1", "MASTER", "VI_DB", "FAULT", "150", "100 -> 0", "10.0.0.3/32 dev eth0",
                    "TCP 10.0.0.3:80 wrr", "10.0.0.8:80", "DOWN", "connection refused, 4s ago", "0.8 ms");
            // Virtual server detail, check kind, and a blocked checker-side loop.
            assertThat(r.out()).contains("TCP 10.0.0.3:80 wrr DR", "quorum 1/1", "sorry 10.0.0.9:80", "TCP_CHECK",
                    "checker turned 0.2s ago", "reconciler turned 12.5s ago STALLED");
            assertThat(r.out()).doesNotContain("\u001b[");
            assertThat(run("--status-listen", listen, "--json").out()).contains("\"vrrpInstances\"");
        }
    }

    @Test
    void findsTheEndpointThroughTheStateFile(@TempDir Path dir) throws Exception {
        StatusService status = StatusFixtures.service(StatusFixtures.seed(), new ReloadHistory());
        try (StatusHttpServer server = StatusHttpServer.start(new InetSocketAddress("127.0.0.1", 0), status, new DaemonMetrics(status))) {
            Path state = dir.resolve("state.json");
            new RunningState(ProcessHandle.current().pid(), "/etc/keepalived/keepalived.conf", Optional.empty(),
                    StatusFixtures.NOW, Optional.of(new StatusListen(server.localAddress()).baseUrl().substring(7)),
                    ConfigSnapshot.empty()).write(state);
            Run r = run("--state-file", state.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("VI_1");
        }
    }

    @Test
    void saysPlainlyWhenNoDaemonAnswers() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run r = run("--status-listen", "127.0.0.1:" + port);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("no daemon answers at http://127.0.0.1:" + port + "/status");
        Run bad = run("--status-listen", "localhost:99999");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("localhost:99999").doesNotContain("Exception");
    }

    @Test
    void coloursStatesOnlyWhenAsked() {
        var s = StatusFixtures.service(StatusFixtures.seed(), new ReloadHistory()).get();
        String coloured = StatusTable.render(s, true);
        assertThat(coloured).contains("\u001b[32mMASTER\u001b[0m", "\u001b[31mFAULT\u001b[0m", "\u001b[31mDOWN\u001b[0m",
                "\u001b[32mUP\u001b[0m");
        String plain = StatusTable.render(s, false);
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }
}
