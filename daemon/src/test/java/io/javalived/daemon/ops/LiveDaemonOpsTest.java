package io.javalived.daemon.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalived.daemon.metrics.PrometheusText;
import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import io.javalived.daemon.Prerequisites;
import io.javalived.net.netns.InNamespace;

/**
 * A real javalived (this build) with the seed's lb01 configuration in lb01 of the seed topology: /status and
 * /metrics read from inside the namespace, 50 SIGHUPs of the unchanged file under client traffic, a broken
 * file refused, the dumps on their signals, keepalived's JSON signal survived.
 */
@Tag("netns")
public class LiveDaemonOpsTest {
    Netns lab;
    LabProcess daemon;
    Path conf;

    @BeforeEach
    void setUp() throws Exception {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        Prerequisites.assumeBusyboxHttpd();
        lab = Netns.seed();
        Path repo = Path.of(System.getProperty("javalived.repo", "..")).toAbsolutePath().normalize();
        String seed = Files.readString(repo.resolve("examples/lb01/keepalived.conf"));
        Path dir = lab.dir();
        // The seed's file verbatim, plus where the dumps go (keepalived's own keywords).
        conf = Files.writeString(dir.resolve("lb01.conf"), seed.replaceFirst("global_defs \\{",
                "global_defs {\n\tstate_dump_file " + dir.resolve("k.data") + "\n\tstats_dump_file " + dir.resolve("k.stats")
                        + "\n\tjson_dump_file " + dir.resolve("k.json") + "\n"));
        // As the javalived launcher starts the JVM: with keepalived's real-time dump signals ignored.
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "trap '' RTMIN+2 RTMAX-1; exec \"$@\"", "javalived",
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.javalived.daemon.Main",
                "-n", "-l", "-G", "-f", conf.toString(), "-p", dir.resolve("lb01.pid").toString(),
                "-r", dir.resolve("lb01_vrrp.pid").toString(), "-c", dir.resolve("lb01_checkers.pid").toString()));
        daemon = lab.host("lb01").start("javalived", cmd);
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    LabHost lb01() {
        return lab.host("lb01");
    }

    String get(String path) {
        try {
            HttpReply r = httpGet(lb01(), "127.0.0.1", 9650, path);
            assertThat(r.status()).as("GET " + path).isEqualTo(200);
            return r.body();
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " in lb01: " + e, e);
        }
    }

    public record HttpReply(int status, String body) {}

    /**
     * One HTTP/1.0 GET from inside a host's namespace (the socket is opened there, so 127.0.0.1 is that
     * namespace's loopback): no curl needed.
     */
    public static HttpReply httpGet(LabHost host, String address, int port, String path) throws Exception {
        java.net.Socket socket = InNamespace.call(host.namespacePath(), () -> {
            java.net.Socket s = new java.net.Socket();
            s.connect(new java.net.InetSocketAddress(java.net.InetAddress.getByName(address), port), 2000);
            return s;
        });
        try (socket) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: " + address + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int headerEnd = reply.indexOf("\r\n\r\n");
            int status = Integer.parseInt(reply.substring(9, 12));
            return new HttpReply(status, headerEnd < 0 ? "" : reply.substring(headerEnd + 4));
        }
    }

    Map<String, PrometheusText.Family> metrics() {
        return PrometheusText.parse(get("/metrics"));
    }

    static double value(Map<String, PrometheusText.Family> families, String sample) {
        return families.values().stream().flatMap(f -> f.samples().stream()).filter(s -> s.name().equals(sample))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + sample)).value();
    }

    @Test
    void statusMetricsReloadsAndDumpsOfALiveDaemon() throws Exception {
        assertThat(daemon.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(30))).as(daemon.output()).isTrue();
        assertThat(daemon.awaitOutput("status endpoint listening", Duration.ofSeconds(10))).as(daemon.output()).isTrue();

        JsonNode status = new ObjectMapper().readTree(get("/status"));
        JsonNode vi = status.path("vrrpInstances").get(0);
        assertThat(vi.path("name").asText()).isEqualTo("oldboy");
        assertThat(vi.path("state").asText()).isEqualTo("MASTER");
        assertThat(vi.path("vrid").asInt()).isEqualTo(62);
        assertThat(vi.path("basePriority").asInt()).isEqualTo(100);
        assertThat(vi.path("vips").get(0).asText()).isEqualTo("10.0.0.3/24 dev eth0 label eth0:0");
        assertThat(status.path("daemon").path("pid").asLong()).isEqualTo(daemon.pid());

        Map<String, PrometheusText.Family> before = metrics();
        assertThat(value(before, "keepalived_vrrp_state")).isEqualTo(2.0);
        assertThat(value(before, "keepalived_become_master_total")).isEqualTo(1.0);
        assertThat(value(before, "keepalived_advertisements_sent_total")).isPositive();

        // Client traffic to a server on the VIP while the daemon takes 50 SIGHUPs of the unchanged file.
        Files.writeString(lab.dir().resolve("index.html"), "ok\n");
        LabProcess web = lb01().start("httpd", List.of("busybox", "httpd", "-f", "-p", "10.0.0.3:8080", "-h", lab.dir().toString()));
        for (int i = 0; i < 100; i++) { // until the server listens
            try {
                if (httpGet(lab.host("client"), "10.0.0.3", 8080, "/index.html").status() == 200) {
                    break;
                }
            } catch (java.io.IOException e) {
                Thread.sleep(50);
            }
        }
        java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread client = Thread.ofPlatform().name("client").start(() -> {
            for (int i = 0; i < 150; i++) {
                try {
                    HttpReply r = httpGet(lab.host("client"), "10.0.0.3", 8080, "/index.html");
                    if (r.status() == 200 && r.body().equals("ok\n")) {
                        ok.incrementAndGet();
                    } else {
                        failures.add("status " + r.status());
                    }
                    Thread.sleep(50);
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
        for (int i = 0; i < 50; i++) {
            daemon.signal("HUP");
            Thread.sleep(100);
        }
        client.join(60_000);
        assertThat(failures).as("failed client requests").isEmpty();
        assertThat(ok.get()).isEqualTo(150);
        web.stop(Duration.ofSeconds(2));

        Map<String, PrometheusText.Family> after = metrics();
        assertThat(value(after, "javalived_reloads_total")).as("reloads applied").isPositive();
        assertThat(value(after, "keepalived_become_master_total")).as("no VIP move").isEqualTo(1.0);
        assertThat(value(after, "keepalived_release_master_total")).as("no VIP move").isEqualTo(0.0);
        assertThat(daemon.output()).doesNotContain("VIPs removed").contains("Reload: nothing changed");
        assertThat(daemon.output().lines().filter(l -> l.contains("Entering ")).count()).as("no state change").isEqualTo(2);

        // A broken file: refused, named, everything stays.
        Files.writeString(conf, Files.readString(conf).replace("virtual_router_id 62", "virtual_router_id 300"));
        daemon.signal("HUP");
        assertThat(daemon.awaitOutput("Reload refused", Duration.ofSeconds(10))).isTrue();
        assertThat(daemon.output()).contains("reload refused: " + conf + ":");
        JsonNode reload = new ObjectMapper().readTree(get("/status")).path("reload");
        assertThat(reload.path("refused").asLong()).isEqualTo(1);
        assertThat(reload.path("last").path("reasons").get(0).asText()).contains(conf + ":");
        assertThat(value(metrics(), "javalived_reload_last_success")).isEqualTo(0.0);
        assertThat(lb01().exec("ip", "-4", "-o", "addr", "show", "dev", "eth0").stdout()).contains(" 10.0.0.3/24 ");

        // Dumps on keepalived's signals (JSON on SIGURG); keepalived's SIGRTMIN+2 does not kill it.
        daemon.signal("USR1");
        daemon.signal("USR2");
        daemon.signal("URG");
        for (String f : List.of("k.data", "k.stats", "k.json")) {
            Path p = lab.dir().resolve(f);
            for (int i = 0; i < 100 && !Files.exists(p); i++) {
                Thread.sleep(50);
            }
            assertThat(p).as(f).exists();
        }
        assertThat(Files.readString(lab.dir().resolve("k.data"))).contains(" VRRP Instance = oldboy", "   State = MASTER");
        assertThat(Files.readString(lab.dir().resolve("k.stats"))).contains("VRRP Instance: oldboy", "Became master: 1");
        assertThat(new ObjectMapper().readTree(lab.dir().resolve("k.json").toFile()).get(0).path("data").path("state").asInt())
                .isEqualTo(2);
        lb01().exec("kill", "-s", "SIGRTMIN+2", Long.toString(daemon.pid()));
        lb01().exec("kill", "-s", "SIGRTMAX-1", Long.toString(daemon.pid()));
        assertThat(daemon.waitFor(Duration.ofSeconds(2))).as("still running after SIGRTMIN+2 and SIGRTMAX-1").isEmpty();
        assertThat(get("/status")).contains("\"MASTER\"");
    }
}
