package io.javalived.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalived.lab.Frr;
import io.javalived.lab.Vm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code javalived drill --vm --anycast 3 --connections N} end to end, in one VM boot: FRR on a router and three
 * directors, javalived on real IPVS ({@code mh}, sloppy TCP, DR), a client's requests and long-lived connections.
 * The report must carry the three lines, and its figures must show what the goals ask: the killed director's
 * next hop gone well within the BGP hold time (the bound asserted is 3 s, a third of the 9 s hold time: a pass proves
 * the closed session or BFD took it away; the 1 s goal's figure goes to BENCHMARKS.md), every established connection
 * kept through the kill and the return, and no request sent after the withdrawal of the director without healthy
 * servers lost.
 */
@Tag("vm")
class AnycastDrillVmTest {
    static final int CONNECTIONS = 8;

    @Test
    void killRestartAndFailedServersOfADirectorBehindEcmp() throws Exception {
        var a = Vm.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        Frr.missing().ifPresent(why -> Assumptions.abort(why));
        // not under /tmp: the guest mounts an empty tmpfs there
        Path out = Path.of("target", "anycast-vm-test").toAbsolutePath();
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("drill-anycast.json"));
        Files.deleteIfExists(out.resolve("drill-anycast.txt"));

        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try (PrintStream both = new PrintStream(new TeeStream(console, captured), true, StandardCharsets.UTF_8)) {
            System.setOut(both);
            exit = new CommandLine(new DrillCommand()).execute("--vm", "--anycast", "3",
                    "--connections", Integer.toString(CONNECTIONS), "--out", out.toString(), "--settle", "4", "--timeout", "3000", "--rate", "10");
        } finally {
            System.setOut(console);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);

        assertThat(exit).as("drill --vm --anycast exit code").isZero();
        JsonNode r = new ObjectMapper().readTree(out.resolve("drill-anycast.json").toFile());
        String text = Files.readString(out.resolve("drill-anycast.txt"));
        String killed = r.path("killed").asText();
        String down = r.path("serversDown").asText();
        assertThat(killed).matches("lb0[123]");
        assertThat(down).matches("lb0[123]").isNotEqualTo(killed);

        String killLine = "next hops: 3 before, 2 after kill -9 of " + killed + " (withdrawn in ";
        String connLine = "connections: " + r.path("connections").path("open").asInt() + " open, ";
        String downLine = "real servers down on " + down + ": route withdrawn in ";
        for (String line : List.of(killLine, connLine, downLine)) {
            assertThat(text).as("the report").contains(line);
            assertThat(printed).as("the console").contains(line);
        }
        assertThat(r.path("killWithdrawnSeconds").asDouble()).as(text).isBetween(0.0, 3.0);
        // Every connection survives the loss and the return of a director: none reset, none closed, every echo back.
        // K and P (echoes within the allowed pause) are the benchmark's: the emulated guest stalls for seconds at
        // times, which delays echoes whatever the directors do; a flow sent to a director that schedules it to
        // another real server, or not at all (no sloppy TCP), is reset, and that fails here.
        // (A connection that could not open within the time limit, in a guest starved by the daemons' JVM starts, is
        // not an established one: it is shown in the report, not counted.)
        JsonNode conns = r.path("connections");
        assertThat(conns.path("open").asInt()).as(text).isPositive();
        conns.path("connections").forEach(c -> {
            if (c.path("openedAt").isNull()) {
                return;
            }
            assertThat(c.path("failure").isNull()).as("connection " + c.path("id") + " kept open\n" + text).isTrue();
            assertThat(c.path("linesEchoed").asInt()).as("every echo came back on connection " + c.path("id") + "\n" + text)
                    .isEqualTo(c.path("linesSent").asInt());
        });
        assertThat(r.path("restartedBackSeconds").isNumber()).as(text).isTrue();
        assertThat(r.path("serversDownWithdrawnSeconds").isNumber()).as(text).isTrue();

        List<String> kept = new ArrayList<>();
        r.path("hopsKeptWhenServersDown").forEach(h -> kept.add(h.asText()));
        assertThat(kept).as("the others keep the route").hasSize(2)
                .doesNotContain(AnycastDrill.uplink(Integer.parseInt(down.substring(2))));
        assertThat(r.path("requestsAfterWithdrawal").asInt()).as(text).isPositive();
        assertThat(r.path("failedAfterWithdrawal").asInt()).as("no new request lost once " + down + " withdrew\n" + text)
                .isZero();

        List<String> answeredBy = new ArrayList<>();
        r.path("answeredBy").fieldNames().forEachRemaining(answeredBy::add);
        assertThat(answeredBy).as("answers from the real servers behind IPVS, never from a director")
                .isNotEmpty().allMatch(w -> w.equals("web01") || w.equals("web02"));
        List<Integer> counts = new ArrayList<>();
        r.path("nextHops").forEach(c -> counts.add(c.path("hops").size()));
        assertThat(counts).as("the next-hop timeline").contains(3, 2);
        assertThat(Files.readString(out.resolve("drill-anycast.svg"))).contains("<svg", "next hops", killLine);
    }

    /** Writes to two streams (the console and the captured copy). */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}
