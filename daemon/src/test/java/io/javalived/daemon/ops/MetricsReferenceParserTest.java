package io.javalived.daemon.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalived.daemon.Prerequisites;
import io.javalived.daemon.metrics.PrometheusText;
import io.javalived.lab.ExecResult;
import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * /metrics of a live daemon read by a reference parser, not only by the tests' own {@link PrometheusText}: the
 * Prometheus project's Python client ({@code prometheus_client.parser.text_string_to_metric_families}, Debian's
 * python3-prometheus-client) fetches the page from inside lb01's namespace and must parse every line; both parsers
 * must then see the same samples. Setup as {@link LiveCheckerStatusTest}: the seed's lb01 (checks sped up) with
 * web01/web02 serving, {@code --ipvs memory} (this kernel has no IPVS).
 */
@Tag("netns")
class MetricsReferenceParserTest {
    /** Fetches URL, saves the body to FILE, prints the content type, then one line per sample the parser found. */
    static final String PARSE = """
            import json, sys, urllib.request
            from prometheus_client.parser import text_string_to_metric_families
            url, out = sys.argv[1], sys.argv[2]
            with urllib.request.urlopen(url, timeout=10) as r:
                ctype = r.headers.get("Content-Type", "")
                body = r.read().decode("utf-8")
            with open(out, "w", encoding="utf-8") as f:
                f.write(body)
            print("content-type\\t" + ctype)
            for family in text_string_to_metric_families(body):
                for s in family.samples:
                    print("\\t".join([family.type, s.name, json.dumps(s.labels, sort_keys=True), repr(float(s.value))]))
            """;

    Netns lab;
    String python;

    /** Debian's python3 (where python3-prometheus-client installs), else the first python3 on PATH, with the module. */
    static Optional<String> pythonWithPrometheusClient() {
        for (String p : List.of("/usr/bin/python3", "python3")) {
            try {
                Process proc = new ProcessBuilder(p, "-c", "import prometheus_client.parser").redirectErrorStream(true).start();
                proc.getInputStream().readAllBytes();
                if (proc.waitFor() == 0) {
                    return Optional.of(p);
                }
            } catch (java.io.IOException e) {
                // not there: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @BeforeEach
    void setUp() {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        Prerequisites.assumeBusyboxHttpd();
        Optional<String> py = pythonWithPrometheusClient();
        Assumptions.assumeTrue(py.isPresent(), "no python3 with prometheus_client (apt-get install python3-prometheus-client): "
                + "the reference parser of the Prometheus text format");
        python = py.get();
        lab = Netns.seed();
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    record Key(String name, Map<String, String> labels, double value) {}

    static double pythonFloat(String repr) {
        return switch (repr) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(repr);
        };
    }

    @Test
    void prometheusClientsOwnParserReadsEveryLineOfALiveDaemonsMetrics() throws Exception {
        Path repo = Path.of(System.getProperty("javalived.repo", "..")).toAbsolutePath().normalize();
        Path dir = lab.dir();
        Path conf = Files.writeString(dir.resolve("lb01.conf"), Files.readString(repo.resolve("examples/lb01/keepalived.conf"))
                .replace("delay_loop 6", "delay_loop 1").replace("connect_timeout 8", "connect_timeout 2"));
        for (String web : List.of("web01", "web02")) {
            Path root = Files.createDirectories(dir.resolve("www-" + web));
            Files.writeString(root.resolve("index.html"), web + "\n");
            LabHost h = lab.host(web);
            h.start("httpd-" + web, List.of("busybox", "httpd", "-f", "-p", h.ipv4() + ":80", "-h", root.toString()));
        }
        LabProcess daemon = lab.host("lb01").start("javalived", List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.javalived.daemon.Main", "-n", "-l", "-G", "--ipvs", "memory",
                "-f", conf.toString(), "-p", dir.resolve("lb01.pid").toString(), "-r", dir.resolve("lb01_vrrp.pid").toString(),
                "-c", dir.resolve("lb01_checkers.pid").toString()));
        assertThat(daemon.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(30))).as(daemon.output()).isTrue();
        assertThat(daemon.awaitOutput("status endpoint listening", Duration.ofSeconds(10))).as(daemon.output()).isTrue();
        // every kind of series present: both real servers checked at least once
        for (long end = System.nanoTime() + Duration.ofSeconds(20).toNanos(); System.nanoTime() < end; Thread.sleep(200)) {
            JsonNode s = new ObjectMapper().readTree(LiveDaemonOpsTest.httpGet(lab.host("lb01"), "127.0.0.1", 9650, "/status").body());
            JsonNode vs = s.path("virtualServers").path(0).path("realServers");
            if (vs.size() == 2 && vs.get(0).path("lastCheck").has("success") && vs.get(1).path("lastCheck").has("success")) {
                break;
            }
        }

        Path page = dir.resolve("metrics.txt");
        ExecResult r = lab.host("lb01").exec(List.of(python, "-c", PARSE, "http://127.0.0.1:9650/metrics", page.toString()),
                Duration.ofSeconds(60));
        assertThat(r.ok()).as("prometheus_client parsed the page: " + r.describe()).isTrue();
        List<String> lines = r.stdout().lines().toList();
        assertThat(lines.getFirst()).startsWith("content-type\ttext/plain").contains("version=0.0.4");

        Set<Key> reference = new HashSet<>();
        Map<String, String> types = new TreeMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split("\t", 4);
            reference.add(new Key(f[1], new ObjectMapper().readValue(f[2], new TypeReference<Map<String, String>>() {}),
                    pythonFloat(f[3])));
            types.put(f[1], f[0]);
        }
        Set<Key> ours = new HashSet<>();
        PrometheusText.parse(Files.readString(page)).values().forEach(fam -> fam.samples()
                .forEach(s -> ours.add(new Key(s.name(), s.labels(), s.value()))));
        assertThat(reference).as("the reference parser and ours read the same samples from the same page").isEqualTo(ours);
        assertThat(reference.size()).isGreaterThan(20);

        assertThat(types).containsEntry("keepalived_vrrp_state", "gauge")
                .containsEntry("keepalived_become_master_total", "counter")
                .containsEntry("keepalived_advertisements_sent_total", "counter")
                .containsEntry("javalived_check_up", "gauge");
        assertThat(reference).contains(new Key("keepalived_become_master_total",
                reference.stream().filter(k -> k.name().equals("keepalived_become_master_total")).findFirst().orElseThrow().labels(), 1.0));
        assertThat(reference.stream().filter(k -> k.name().equals("javalived_check_up")).map(Key::value).toList())
                .as("both real servers' checks up").containsExactly(1.0, 1.0);
    }
}
