package io.javalived.daemon.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalived.daemon.metrics.DaemonMetrics;
import io.javalived.daemon.metrics.PrometheusText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The status endpoint served for real on 127.0.0.1 (an ephemeral port) and read with an HTTP client. */
class StatusHttpServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private InMemoryStatusSource source;
    private ReloadHistory reloads;
    private StatusHttpServer server;
    private String base;

    @BeforeEach
    void start() {
        source = StatusFixtures.seed();
        reloads = new ReloadHistory();
        StatusService status = StatusFixtures.service(source, reloads);
        server = StatusHttpServer.start(new InetSocketAddress("127.0.0.1", 0), status, new DaemonMetrics(status));
        base = new StatusListen(server.localAddress()).baseUrl();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(server.localAddress().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void statusIsJsonWithEveryInstanceAndServer() throws Exception {
        HttpResponse<String> res = get("/status");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode root = new ObjectMapper().readTree(res.body());
        assertThat(root.path("daemon").path("pid").asLong()).isEqualTo(4242);
        JsonNode vi1 = root.path("vrrpInstances").get(0);
        assertThat(vi1.path("name").asText()).isEqualTo("VI_1");
        assertThat(vi1.path("state").asText()).isEqualTo("MASTER");
        assertThat(vi1.path("basePriority").asInt()).isEqualTo(150);
        assertThat(vi1.path("effectivePriority").asInt()).isEqualTo(150);
        assertThat(vi1.path("masterAddress").asText()).isEqualTo("10.0.0.1");
        assertThat(vi1.path("vips").get(0).asText()).isEqualTo("10.0.0.3/32 dev eth0");
        assertThat(vi1.path("lastTransition").asText()).isEqualTo("2026-11-21T10:58:00Z");
        assertThat(root.path("vrrpInstances").get(1).path("masterAddress").isNull()).isTrue();
        JsonNode rs = root.path("virtualServers").get(0).path("realServers").get(1);
        assertThat(rs.path("id").asText()).isEqualTo("10.0.0.8:80");
        assertThat(rs.path("state").asText()).isEqualTo("DOWN");
        assertThat(rs.path("lastCheck").path("reason").asText()).isEqualTo("connection refused");
        assertThat(rs.path("lastCheck").path("latencyMs").asDouble()).isEqualTo(0.3);
        assertThat(rs.path("lastTransition").asText()).isEqualTo("2026-11-21T10:59:30Z");
        assertThat(root.path("reload").path("applied").asLong()).isZero();
        assertThat(root.path("ipvsKernelCalls").get(1).path("op").asText()).isEqualTo("add_destination");
        assertThat(root.path("ipvsKernelCalls").get(1).path("calls").asLong()).isEqualTo(3);
        assertThat(root.path("ipvsKernelCalls").get(1).path("errors").asLong()).isEqualTo(1);
    }

    @Test
    void statusReadsBackIntoTheRecords() throws Exception {
        DaemonStatus back = StatusJson.mapper().readValue(get("/status").body(), DaemonStatus.class);
        assertThat(back).isEqualTo(StatusFixtures.service(source, reloads).get());
    }

    @Test
    void metricsAreStrictPrometheusTextWithTheExporterFamilies() throws Exception {
        HttpResponse<String> res = get("/metrics");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        Map<String, PrometheusText.Family> families = PrometheusText.parse(res.body());
        for (String counter : List.of("keepalived_advertisements_received", "keepalived_advertisements_sent",
                "keepalived_become_master", "keepalived_release_master", "keepalived_priority_zero_received",
                "keepalived_priority_zero_sent", "keepalived_packet_length_errors",
                "keepalived_advertisements_interval_errors", "keepalived_ip_ttl_errors", "keepalived_invalid_type_received",
                "keepalived_address_list_errors", "keepalived_authentication_invalid",
                "keepalived_authentication_mismatch", "keepalived_authentication_failure", "javalived_reloads",
                "javalived_ipvs_kernel_calls", "javalived_ipvs_kernel_errors")) {
            assertThat(sample(families, counter + "_total")).as(counter).isNotEmpty();
        }
        for (String gauge : List.of("keepalived_vrrp_state", "javalived_real_server_up", "javalived_check_latency_seconds",
                "javalived_check_up", "javalived_check_age_seconds", "javalived_checker_stall_seconds",
                "javalived_real_server_configured_weight", "javalived_reload_last_success")) {
            assertThat(families).as(gauge).containsKey(gauge);
            assertThat(families.get(gauge).type()).isEqualTo("gauge");
        }
        assertThat(value(families, "keepalived_advertisements_received_total", Map.of("iname", "VI_1", "intf", "eth0", "vrid", "51")))
                .isEqualTo(42.0);
        assertThat(value(families, "keepalived_ip_ttl_errors_total", Map.of("iname", "VI_1"))).isEqualTo(3.0);
        assertThat(value(families, "javalived_vrrp_packet_errors_total", Map.of("iname", "VI_1", "reason", "checksum_err")))
                .isEqualTo(2.0);
        assertThat(value(families, "keepalived_vrrp_state", Map.of("iname", "VI_1"))).isEqualTo(2.0);
        assertThat(value(families, "keepalived_vrrp_state", Map.of("iname", "VI_DB"))).isEqualTo(3.0);
        assertThat(value(families, "javalived_real_server_up", Map.of("real_server", "10.0.0.7:80"))).isEqualTo(1.0);
        assertThat(value(families, "javalived_real_server_up", Map.of("real_server", "10.0.0.8:80"))).isEqualTo(0.0);
        assertThat(value(families, "javalived_check_latency_seconds",
                Map.of("virtual_server", "TCP 10.0.0.3:80", "real_server", "10.0.0.7:80", "check", "TCP_CHECK"))).isEqualTo(0.0008);
        assertThat(value(families, "javalived_check_up", Map.of("real_server", "10.0.0.7:80", "check", "TCP_CHECK"))).isEqualTo(1.0);
        assertThat(value(families, "javalived_check_up", Map.of("real_server", "10.0.0.8:80", "check", "TCP_CHECK"))).isEqualTo(0.0);
        assertThat(value(families, "javalived_check_age_seconds", Map.of("real_server", "10.0.0.8:80"))).isEqualTo(4.0);
        assertThat(value(families, "javalived_checker_stall_seconds", Map.of("loop", "checker"))).isEqualTo(0.2);
        assertThat(value(families, "javalived_checker_stall_seconds", Map.of("loop", "reconciler"))).isEqualTo(12.5);
        assertThat(value(families, "javalived_ipvs_kernel_calls_total", Map.of("op", "add_service"))).isEqualTo(1.0);
        assertThat(value(families, "javalived_ipvs_kernel_calls_total", Map.of("op", "add_destination"))).isEqualTo(3.0);
        assertThat(value(families, "javalived_ipvs_kernel_errors_total", Map.of("op", "add_destination"))).isEqualTo(1.0);
        assertThat(value(families, "javalived_ipvs_kernel_calls_total", Map.of("op", "edit_destination"))).isZero();
        assertThat(families.values()).filteredOn(f -> f.samples().stream()
                        .anyMatch(x -> x.name().equals("javalived_ipvs_kernel_calls_total")))
                .singleElement().satisfies(f -> assertThat(f.type()).isEqualTo("counter"));
    }

    @Test
    void reloadOutcomesAndVanishedInstancesShowOnTheNextScrape() throws Exception {
        reloads.record(new ReloadOutcome(StatusFixtures.NOW, true, 2, List.of()));
        reloads.record(new ReloadOutcome(StatusFixtures.NOW.plusSeconds(10), false, 0, List.of("a.conf:3: error: x")));
        source.removeInstance("VI_DB");
        Map<String, PrometheusText.Family> families = PrometheusText.parse(get("/metrics").body());
        assertThat(value(families, "javalived_reloads_total", Map.of("outcome", "applied"))).isEqualTo(1.0);
        assertThat(value(families, "javalived_reloads_total", Map.of("outcome", "refused"))).isEqualTo(1.0);
        assertThat(value(families, "javalived_reload_last_success", Map.of())).isEqualTo(0.0);
        assertThat(sample(families, "keepalived_vrrp_state")).noneMatch(s -> s.labels().get("iname").equals("VI_DB"));
        assertThat(sample(families, "keepalived_vrrp_state")).anyMatch(s -> s.labels().get("iname").equals("VI_1"));
    }

    @Test
    void onlyGetAndHeadAreServed() throws Exception {
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/status"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/").body()).contains("/status", "/metrics");
    }

    private static List<PrometheusText.Sample> sample(Map<String, PrometheusText.Family> families, String name) {
        return families.values().stream().flatMap(f -> f.samples().stream()).filter(s -> s.name().equals(name)).toList();
    }

    private static double value(Map<String, PrometheusText.Family> families, String name, Map<String, String> labels) {
        List<PrometheusText.Sample> matches = sample(families, name).stream()
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
        assertThat(matches).as(name + labels).hasSize(1);
        return matches.getFirst().value();
    }
}
