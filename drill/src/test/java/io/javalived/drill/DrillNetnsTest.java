package io.javalived.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.Netns;
import io.javalived.parser.KeepalivedParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drill end to end in network namespaces on this kernel, with the seed's lb01/lb02 configs verbatim: its
 * report's figures must be sane against the VRRP bound computed from lb02's config, the client must have been
 * answered by lb01, then lb02, then lb01 again, and nothing of the drill may be left behind.
 */
@Tag("netns")
class DrillNetnsTest {
    static final double RATE = 20;
    static final double MARGIN_SECONDS = 1.0; // a loaded 2-core CI machine; the bound itself comes from the config
    static final int TIMEOUT_MS = 1000;

    @BeforeAll
    static void needNamespaces() {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
    }

    static Path example(String host) {
        return Path.of(System.getProperty("javalived.repo", "..")).toAbsolutePath().normalize()
                .resolve("examples").resolve(host).resolve("keepalived.conf");
    }

    static ProtocolBound seedBound() {
        var lb02 = KeepalivedParser.parse(example("lb02")).config().vrrpInstances().getFirst();
        return ProtocolBound.of(lb02);
    }

    private record Run(DrillReport report, List<Long> pids, String output) {}

    private static Run drill(DrillMode mode, Path out) throws Exception {
        var buf = new ByteArrayOutputStream();
        var options = new DrillOptions(mode, example("lb01"), example("lb02"), out, RATE, 2, TIMEOUT_MS);
        var drill = new Drill(options, new PrintStream(buf, true, StandardCharsets.UTF_8));
        DrillReport r = drill.run();
        return new Run(r, drill.startedPids(), buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void killOfTheMasterIsTakenOverWithinTheBoundAndPreemptedBack(@TempDir Path out) throws Exception {
        ProtocolBound bound = seedBound();
        Run run = drill(DrillMode.KILL, out);
        DrillReport r = run.report();
        String why = r.text() + "\n" + run.output();

        assertThat(r.boundSeconds()).as("bound from lb02's config").isEqualTo(bound.masterDownSeconds());
        assertThat(bound.masterDownSeconds()).isCloseTo(3.805, org.assertj.core.data.Offset.offset(0.001));
        assertThat(r.takeoverSeconds()).as(why).isNotNull();
        // the backup waits Master_Down_Interval from the last advert it heard: at least one advert_int less
        assertThat(r.takeoverSeconds()).as(why)
                .isBetween(bound.masterDownSeconds() - bound.advertSeconds() - 0.1, bound.masterDownSeconds() + MARGIN_SECONDS);
        assertThat(r.preemptSeconds()).as("preemption observed: " + why).isNotNull();
        assertThat(r.backupReleaseSeconds()).as("lb02 released the VIP: " + why).isNotNull();
        assertSaneTraffic(r, bound.masterDownSeconds(), why);
        assertNothingLeft(run);
        List<Path> files = DrillCommand.write(r, out);
        assertThat(Files.readString(files.getFirst())).startsWith("<svg").contains("kill -9 lb01", "takeover +", "preempt +");
    }

    @Test
    void gracefulStopIsTakenOverWithinSkewTime(@TempDir Path out) throws Exception {
        ProtocolBound bound = seedBound();
        Run run = drill(DrillMode.STOP, out);
        DrillReport r = run.report();
        String why = r.text() + "\n" + run.output();

        assertThat(r.boundSeconds()).isEqualTo(bound.skewSeconds());
        assertThat(r.masterReleaseSeconds()).as("lb01 removed its VIP on SIGTERM: " + why).isNotNull();
        assertThat(r.takeoverSeconds()).as(why).isNotNull();
        assertThat(r.takeoverSeconds()).as(why).isBetween(0.0, bound.skewSeconds() + MARGIN_SECONDS);
        assertThat(r.preemptSeconds()).as("preemption observed: " + why).isNotNull();
        assertSaneTraffic(r, bound.skewSeconds(), why);
        assertNothingLeft(run);
    }

    private static void assertSaneTraffic(DrillReport r, double boundSeconds, String why) {
        assertThat(r.requests()).as(why).isGreaterThan((int) (RATE * 4));
        assertThat(r.answered() + r.lost()).isEqualTo(r.requests());
        // lost: at most what is sent while nobody answers (the bound plus the margin) and the requests in flight
        long maxLost = (long) Math.ceil(RATE * (boundSeconds + MARGIN_SECONDS + TIMEOUT_MS / 1000.0)) + 2;
        assertThat((long) r.lost()).as(why).isLessThanOrEqualTo(maxLost);
        // without IPVS the load balancers answer themselves: lb01, then lb02 after the takeover, then lb01 again
        if (!r.ipvsKernel() || Boolean.FALSE.equals(r.ipvsProgrammed())) {
            assertThat(r.answeredBy()).as(why).containsKeys("lb01", "lb02");
            List<String> order = r.segments().stream().map(DrillReport.Segment::outcome)
                    .filter(o -> !o.equals(DrillReport.FAILED)).distinct().toList();
            assertThat(order).as(why).startsWith("lb01", "lb02");
            var ok = r.segments().stream().filter(s -> !s.outcome().equals(DrillReport.FAILED)).toList();
            assertThat(ok.getLast().outcome()).as("after preemption lb01 answers again: " + why).isEqualTo("lb01");
        } else {
            assertThat(r.answeredBy().keySet()).as(why).allMatch(s -> s.startsWith("web"));
        }
    }

    private static void assertNothingLeft(Run run) throws IOException {
        assertThat(run.pids()).hasSizeGreaterThanOrEqualTo(3);
        for (long pid : run.pids()) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("daemon pid " + pid + " gone").isFalse();
        }
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList()).as("children left").isEmpty();
        String ours = "jl-" + ProcessHandle.current().pid() + "-";
        try (Stream<Path> ns = Files.list(Path.of("/run/netns"))) {
            assertThat(ns.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(ours)).toList())
                    .as("namespaces of this JVM left behind").isEmpty();
        }
    }
}
