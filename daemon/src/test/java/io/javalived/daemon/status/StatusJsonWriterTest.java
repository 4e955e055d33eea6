package io.javalived.daemon.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalived.daemon.dump.JsonDump;
import io.javalived.daemon.reload.ConfigSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daemon's JSON (written with jackson-core's generator only) is byte for byte what jackson-databind's status mapper
 * wrote before, so the command line, the drill and scripts read it unchanged; and the mapper reads it back.
 */
class StatusJsonWriterTest {
    private final ObjectMapper databind = StatusJson.mapper();

    @Test
    void aDaemonStatusIsWrittenAsTheDatabindMapperWroteIt() throws Exception {
        ReloadHistory reloads = new ReloadHistory();
        reloads.record(new ReloadOutcome(StatusFixtures.NOW, false, 0, List.of("line 3: \"quoted\"\tand\\escaped \u0001 é")));
        DaemonStatus s = StatusFixtures.service(StatusFixtures.seed(), reloads).get();
        String text = StatusJsonWriter.write(s);
        assertThat(text).isEqualTo(databind.writeValueAsString(s));
        assertThat(databind.readValue(text, DaemonStatus.class)).isEqualTo(s);
    }

    @Test
    void aStateFileIsWrittenAsTheDatabindMapperWroteIt() throws Exception {
        RunningState s = new RunningState(4242, "/etc/keepalived/keepalived.conf", Optional.of("lb01"), StatusFixtures.NOW,
                Optional.empty(), RunningStateTest.snapshot());
        String text = StatusJsonWriter.write(s);
        assertThat(text).isEqualTo(databind.writeValueAsString(s));
        assertThat(databind.readValue(text, RunningState.class)).isEqualTo(s);
        RunningState empty = new RunningState(1, "x", Optional.empty(), Instant.EPOCH, Optional.of("[::1]:9650"), ConfigSnapshot.empty());
        assertThat(StatusJsonWriter.write(empty)).isEqualTo(databind.writeValueAsString(empty));
    }

    @Test
    void valuesOfEveryKindAreWrittenAsDatabindWritesThem() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("int", 7);
        m.put("long", Long.MAX_VALUE);
        m.put("double", 0.1 + 0.2);
        m.put("whole", 1700000000.0);
        m.put("tiny", 1e-9);
        m.put("bool", true);
        m.put("null", null);
        m.put("list", List.of());
        m.put("map", Map.of());
        m.put("nested", List.of(List.of(1, 2), Map.of("a", "b")));
        m.put("enum", CheckState.DOWN);
        m.put("enumKeys", Map.of(CheckState.UP, 1));
        m.put("control", "\b\f\n\r\t\u001f\u007f\u2028 /</");
        assertThat(StatusJsonWriter.write(m)).isEqualTo(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(m));
    }

    @Test
    void theJsonDumpKeepsKeepalivedsLayout() throws Exception {
        DaemonStatus s = StatusFixtures.service(StatusFixtures.seed(), new ReloadHistory()).get();
        String v1 = JsonDump.render(s, 1);
        assertThat(v1).startsWith("[ {\n  \"data\" : {\n    \"iname\" : \"VI_1\",\n    \"ifp_ifname\" : \"eth0\",\n    \"vrid\" : 51,")
                .contains("\"last_transition\" : 1.79525868E9,", "\"vips\" : [ \"10.0.0.3/32 dev eth0\" ]",
                        "\"stats\" : {\n    \"advert_rcvd\" : 42,", "\"ip_ttl_err\" : 3,")
                .endsWith("} ]\n");
        assertThat(JsonDump.render(s, 2)).startsWith("{\n  \"vrrp\" : [ {\n    \"data\" : {").endsWith("} ]\n}\n");
        assertThat(new ObjectMapper().readTree(v1).get(1).path("data").path("state").asInt()).isEqualTo(3);
    }
}
