package io.javalived.daemon.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalived.daemon.metrics.PrometheusText;
import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.javalived.daemon.Prerequisites;

/**
 * A real javalived (this build) in lb01 of the seed topology with the seed's lb01 configuration (checks sped up:
 * delay_loop 1, one retry), real servers answering on web01 and web02 (busybox httpd on port 80): /status shows
 * web02 going down when its listener stops, /metrics parses as Prometheus text and shows the change. This kernel
 * has no IPVS, so the daemon keeps its table in memory ({@code --ipvs memory}); the checks are real TCP
 * connections across the lab's bridge. Also -d (the configuration in the log, password masked) and
 * -V/--dont-release-vrrp (the VIP stays after SIGTERM).
 */
@Tag("netns")
class LiveCheckerStatusTest {
    Netns lab;
    Path conf;

    @BeforeEach
    void setUp() throws Exception {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        Prerequisites.assumeBusyboxHttpd();
        lab = Netns.seed();
        Path repo = Path.of(System.getProperty("javalived.repo", "..")).toAbsolutePath().normalize();
        String seed = Files.readString(repo.resolve("examples/lb01/keepalived.conf"));
        conf = Files.writeString(lab.dir().resolve("lb01.conf"), seed.replace("delay_loop 6", "delay_loop 1")
                .replace("nb_get_retry 3", "nb_get_retry 1").replace("delay_before_retry 3", "delay_before_retry 1")
                .replace("connect_timeout 8", "connect_timeout 2")
                .replace("autherntication", "authentication")); // the seed's typo would leave no password to mask
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    LabProcess startDaemon(String... flags) {
        Path dir = lab.dir();
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.javalived.daemon.Main",
                "-n", "-l", "-G", "-f", conf.toString(), "-p", dir.resolve("lb01.pid").toString(),
                "-r", dir.resolve("lb01_vrrp.pid").toString(), "-c", dir.resolve("lb01_checkers.pid").toString()));
        cmd.addAll(List.of(flags));
        return lab.host("lb01").start("javalived", cmd);
    }

    LabProcess webServer(String host) throws Exception {
        Path root = Files.createDirectories(lab.dir().resolve("www-" + host));
        Files.writeString(root.resolve("index.html"), host + "\n");
        LabHost h = lab.host(host);
        return h.start("httpd-" + host, List.of("busybox", "httpd", "-f", "-p", h.ipv4() + ":80", "-h", root.toString()));
    }

    String get(String path) {
        try {
            var r = LiveDaemonOpsTest.httpGet(lab.host("lb01"), "127.0.0.1", 9650, path);
            assertThat(r.status()).as("GET " + path).isEqualTo(200);
            return r.body();
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " in lb01: " + e, e);
        }
    }

    JsonNode realServer(JsonNode status, String id) {
        for (JsonNode rs : status.path("virtualServers").get(0).path("realServers")) {
            if (rs.path("id").asText().equals(id)) {
                return rs;
            }
        }
        throw new AssertionError("no real server " + id + " in " + status);
    }

    /** Reads /status until the condition holds (the checker runs on its own schedule) or 20 s pass. */
    JsonNode awaitStatus(Predicate<JsonNode> until) throws Exception {
        JsonNode s = null;
        for (long end = System.nanoTime() + 20_000_000_000L; System.nanoTime() < end; Thread.sleep(100)) {
            s = new ObjectMapper().readTree(get("/status"));
            if (until.test(s)) {
                return s;
            }
        }
        return s;
    }

    static double value(Map<String, PrometheusText.Family> families, String name, Map<String, String> labels) {
        List<PrometheusText.Sample> matches = families.values().stream().flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())).toList();
        assertThat(matches).as(name + labels).hasSize(1);
        return matches.getFirst().value();
    }

    @Test
    void statusAndMetricsShowARealServerGoingDownWhenItsListenerStops() throws Exception {
        LabProcess web01 = webServer("web01");
        LabProcess web02 = webServer("web02");
        LabProcess daemon = startDaemon("--ipvs", "memory", "-d");
        assertThat(daemon.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(30))).as(daemon.output()).isTrue();
        assertThat(daemon.awaitOutput("status endpoint listening", Duration.ofSeconds(10))).as(daemon.output()).isTrue();

        // -d: the configuration as loaded, in the log, the password masked.
        assertThat(daemon.output()).contains("Configuration dump (--dump-conf)", "10.0.0.7", "password: \"********\"");
        assertThat(daemon.output().lines().filter(l -> l.contains("password") && l.contains("1234"))).isEmpty();

        JsonNode up = awaitStatus(s -> s.path("virtualServers").size() == 1
                && realServer(s, "10.0.0.8:80").path("lastCheck").path("success").asBoolean(false)
                && realServer(s, "10.0.0.7:80").path("lastCheck").path("success").asBoolean(false));
        JsonNode vs = up.path("virtualServers").get(0);
        assertThat(vs.path("id").asText()).isEqualTo("TCP 10.0.0.3:80");
        assertThat(vs.path("scheduler").asText()).isEqualTo("wrr");
        assertThat(vs.path("method").asText()).isEqualTo("DR");
        assertThat(vs.path("quorumUp").asBoolean()).isTrue();
        assertThat(vs.path("liveWeight").asLong()).isEqualTo(2);
        for (String id : List.of("10.0.0.7:80", "10.0.0.8:80")) {
            JsonNode rs = realServer(up, id);
            assertThat(rs.path("state").asText()).as(id).isEqualTo("UP");
            assertThat(rs.path("inPool").asBoolean()).as(id).isTrue();
            assertThat(rs.path("configuredWeight").asInt()).isEqualTo(1);
            assertThat(rs.path("checkers").get(0).path("kind").asText()).isEqualTo("TCP_CHECK");
            assertThat(rs.path("lastCheck").path("latencyMs").asDouble()).as(id).isPositive();
        }
        // VRRP: state, priorities, master, VIPs, and the engine's own transition time and reason.
        JsonNode vi = up.path("vrrpInstances").get(0);
        assertThat(vi.path("state").asText()).isEqualTo("MASTER");
        assertThat(vi.path("basePriority").asInt()).isEqualTo(100);
        assertThat(vi.path("effectivePriority").asInt()).isEqualTo(100);
        assertThat(vi.path("masterAddress").asText()).isEqualTo("10.0.0.5");
        assertThat(vi.path("vips").get(0).asText()).isEqualTo("10.0.0.3/24 dev eth0 label eth0:0");
        assertThat(vi.path("reason").asText()).contains("(from BACKUP)").doesNotContain("status read");
        assertThat(up.path("checkerLoops")).hasSize(2);

        Map<String, PrometheusText.Family> before = PrometheusText.parse(get("/metrics"));
        Map<String, String> web02Check = Map.of("virtual_server", "TCP 10.0.0.3:80", "real_server", "10.0.0.8:80", "check", "TCP_CHECK");
        assertThat(value(before, "javalived_check_up", web02Check)).isEqualTo(1.0);
        assertThat(value(before, "javalived_real_server_in_pool", Map.of("real_server", "10.0.0.8:80"))).isEqualTo(1.0);
        assertThat(value(before, "javalived_check_latency_seconds", web02Check)).isPositive();
        assertThat(value(before, "javalived_checker_stall_seconds", Map.of("loop", "checker"))).isLessThan(5.0);

        web02.stop(Duration.ofSeconds(2));
        JsonNode down = awaitStatus(s -> realServer(s, "10.0.0.8:80").path("state").asText().equals("DOWN"));
        JsonNode rs02 = realServer(down, "10.0.0.8:80");
        assertThat(rs02.path("state").asText()).isEqualTo("DOWN");
        assertThat(rs02.path("inPool").asBoolean()).isFalse();
        assertThat(rs02.path("lastCheck").path("success").asBoolean()).isFalse();
        assertThat(rs02.path("lastCheck").path("reason").asText()).isEqualTo("connection refused");
        assertThat(rs02.path("lastTransition").asText()).isNotEmpty();
        assertThat(realServer(down, "10.0.0.7:80").path("state").asText()).isEqualTo("UP");
        assertThat(down.path("virtualServers").get(0).path("liveWeight").asLong()).isEqualTo(1);

        Map<String, PrometheusText.Family> after = PrometheusText.parse(get("/metrics"));
        assertThat(value(after, "javalived_check_up", web02Check)).isEqualTo(0.0);
        assertThat(value(after, "javalived_real_server_up", Map.of("real_server", "10.0.0.8:80"))).isEqualTo(0.0);
        assertThat(value(after, "javalived_real_server_in_pool", Map.of("real_server", "10.0.0.8:80"))).isEqualTo(0.0);
        assertThat(value(after, "javalived_real_server_up", Map.of("real_server", "10.0.0.7:80"))).isEqualTo(1.0);
        assertThat(value(after, "javalived_real_server_last_transition_timestamp_seconds", Map.of("real_server", "10.0.0.8:80")))
                .isPositive();
        assertThat(daemon.output()).contains("Removing real server [10.0.0.8]:tcp:80");

        // Default stop (no -V): the VIP goes.
        daemon.signal("TERM");
        assertThat(daemon.waitFor(Duration.ofSeconds(20))).as(daemon.output()).isPresent();
        assertThat(lab.host("lb01").exec("ip", "-4", "-o", "addr", "show", "dev", "eth0").stdout()).doesNotContain(" 10.0.0.3/24 ");
        web01.stop(Duration.ofSeconds(2));
    }

    @Test
    void dontReleaseVrrpLeavesTheVipAfterSigterm() throws Exception {
        LabProcess daemon = startDaemon("-P", "-V");
        assertThat(daemon.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(30))).as(daemon.output()).isTrue();
        for (int i = 0; i < 50 && !lab.host("lb01").exec("ip", "-4", "-o", "addr", "show", "dev", "eth0").stdout()
                .contains(" 10.0.0.3/24 "); i++) {
            Thread.sleep(100);
        }
        assertThat(lab.host("lb01").exec("ip", "-4", "-o", "addr", "show", "dev", "eth0").stdout()).contains(" 10.0.0.3/24 ");
        daemon.signal("TERM");
        assertThat(daemon.waitFor(Duration.ofSeconds(20))).as(daemon.output()).isPresent();
        assertThat(daemon.output()).contains("--dont-release-vrrp").doesNotContain("Entering STOP");
        assertThat(lab.host("lb01").exec("ip", "-4", "-o", "addr", "show", "dev", "eth0").stdout())
                .as("the VIP stays on lb01 after the daemon stopped").contains(" 10.0.0.3/24 ");
    }
}
