package io.javalived.daemon.dump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalived.daemon.status.ReloadHistory;
import io.javalived.daemon.status.StatusFixtures;
import io.javalived.daemon.status.StatusService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DumpWriterTest {
    final StatusService status = StatusFixtures.service(StatusFixtures.seed(), new ReloadHistory());

    DumpPaths paths(Path dir, int jsonVersion) {
        return new DumpPaths(dir.resolve("keepalived.data"), dir.resolve("keepalived.stats"), dir.resolve("keepalived.json"),
                jsonVersion);
    }

    @Test
    void theStateDumpHasKeepalivedsLayout(@TempDir Path dir) throws Exception {
        Path f = new DumpWriter(status, paths(dir, 1)).write(DumpWriter.Kind.DATA);
        String text = Files.readString(f);
        assertThat(text).contains("------< VRRP Topology >------\n VRRP Instance = VI_1\n", "   State = MASTER\n",
                "   Virtual Router ID = 51\n", "   Interface = eth0\n", "   Virtual IP (1):\n     10.0.0.3/32 dev eth0\n",
                " VRRP Instance = VI_DB\n", "   State = FAULT\n", "   RS = 10.0.0.8:80\n", "connection refused");
    }

    @Test
    void theStatsDumpHasKeepalivedsLayout(@TempDir Path dir) throws Exception {
        String text = Files.readString(new DumpWriter(status, paths(dir, 1)).write(DumpWriter.Kind.STATS));
        assertThat(text).startsWith("VRRP Instance: VI_1\n  Advertisements:\n    Received: 42\n    Sent: 1200\n"
                + "  Became master: 1\n  Released master: 0\n  Packet Errors:\n    Length: 0\n    TTL: 3\n");
        assertThat(text).contains("  Other Packet Errors:\n    checksum_err: 2\n", "VRRP Instance: VI_DB\n");
    }

    @Test
    void theJsonDumpIsKeepalivedsVersion1Or2(@TempDir Path dir) throws Exception {
        JsonNode v1 = new ObjectMapper().readTree(Files.readString(new DumpWriter(status, paths(dir, 1)).write(DumpWriter.Kind.JSON)));
        assertThat(v1.isArray()).isTrue();
        assertThat(v1.get(0).path("data").path("iname").asText()).isEqualTo("VI_1");
        assertThat(v1.get(0).path("data").path("state").asInt()).isEqualTo(2);
        assertThat(v1.get(0).path("stats").path("advert_rcvd").asLong()).isEqualTo(42);
        assertThat(v1.get(0).path("stats").path("ip_ttl_err").asLong()).isEqualTo(3);
        assertThat(v1.get(1).path("data").path("state").asInt()).isEqualTo(3);
        JsonNode v2 = new ObjectMapper().readTree(Files.readString(new DumpWriter(status, paths(dir, 2)).write(DumpWriter.Kind.JSON)));
        assertThat(v2.path("vrrp").get(0).path("data").path("vrid").asInt()).isEqualTo(51);
    }

    @Test
    void anUnwritablePathIsLoggedNotThrown(@TempDir Path dir) {
        DumpPaths p = new DumpPaths(dir.resolve("missing/dir/keepalived.data"), dir.resolve("s"), dir.resolve("j"), 1);
        assertThat(new DumpWriter(status, p).write(DumpWriter.Kind.DATA)).isNull();
    }

    @Test
    void aRealTimeSignalCannotBeHandledFromJava() {
        assertThatThrownBy(() -> new sun.misc.Signal("RTMIN+2")).isInstanceOf(IllegalArgumentException.class);
        assertThat(DumpSignals.number("JSON")).isEqualTo(23);
        assertThat(DumpSignals.number("DATA")).isEqualTo(10);
        assertThat(DumpSignals.number("STATS")).isEqualTo(12);
    }
}
