package io.javalived.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's arithmetic and the SVG, on a made-up request log. */
class DrillReportTest {

    @Test
    void protocolBoundFollowsRfc3768And5798() {
        var v2 = new ProtocolBound("oldboy", 2, 1.0, 50);
        assertThat(v2.skewSeconds()).isCloseTo(0.805, within(0.001));
        assertThat(v2.takeoverSeconds(DrillMode.KILL)).isCloseTo(3.805, within(0.001));
        assertThat(v2.takeoverSeconds(DrillMode.STOP)).isCloseTo(0.805, within(0.001));
        var v3 = new ProtocolBound("x", 3, 0.1, 50);
        assertThat(v3.skewSeconds()).isCloseTo(0.0805, within(0.0001));
        assertThat(v3.masterDownSeconds()).isCloseTo(0.3805, within(0.0001));
    }

    static List<RequestRecord> log() {
        return List.of(new RequestRecord(1, 1.0, 2, "lb01", null), new RequestRecord(2, 1.05, 2, "lb01", null),
                new RequestRecord(3, 1.10, 1000, null, "timeout"), new RequestRecord(4, 1.15, 1000, null, "timeout"),
                new RequestRecord(5, 1.20, 3, "lb02", null), new RequestRecord(6, 1.25, 3, "lb01", null));
    }

    @Test
    void segmentsGroupConsecutiveOutcomes() {
        var s = DrillReport.segments(log());
        assertThat(s).extracting(DrillReport.Segment::outcome).containsExactly("lb01", "failed", "lb02", "lb01");
        assertThat(s).extracting(DrillReport.Segment::count).containsExactly(2, 2, 1, 1);
        assertThat(s.get(1).from()).isEqualTo(1.10);
        assertThat(s.get(1).to()).isEqualTo(1.15);
        assertThat(DrillReport.answeredBy(log())).isEqualTo(Map.of("lb01", 3, "lb02", 1));
        assertThat(DrillReport.failures(log())).isEqualTo(Map.of("timeout", 2));
        assertThat(DrillReport.outage(log(), 1.0)).isCloseTo(1.15 + 1.0 - 1.10, within(1e-9));
        assertThat(DrillReport.outage(log(), 1.2)).isZero();
    }

    @Test
    void svgHasALanePerServerTheFailuresAndTheMarkers() {
        var log = log();
        var events = List.of(new DrillEvent(1.07, DrillEvent.Kind.SIGNAL, "kill"),
                new DrillEvent(1.19, DrillEvent.Kind.TAKEOVER, "VIP on lb02"),
                new DrillEvent(1.22, DrillEvent.Kind.RESTART, "restart"),
                new DrillEvent(1.24, DrillEvent.Kind.PREEMPT, "VIP back <on> lb01"));
        var r = new DrillReport("kill", "kill -9", "on the balancers", false, null, "10.0.0.3:80", 20,
                new ProtocolBound("oldboy", 2, 1, 50), 3.805, "3.805 s", 0.12, null, 0.02, 0.02, 6, 4, 2, 1.05,
                DrillReport.answeredBy(log), DrillReport.failures(log), DrillReport.segments(log),
                List.of(new DrillReport.Segment(0.5, 1.07, "lb01", 0), new DrillReport.Segment(1.19, 1.24, "lb02", 0)),
                events, List.of(), List.of(), log);
        String svg = TimelineSvg.render(r, r.vipHeld());
        assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
        assertThat(svg).contains(">lb01<", ">lb02<", ">failed<", "kill -9 lb01", "takeover +0.12 s", "restart lb01",
                "preempt +0.02 s", "VIP back &lt;on&gt; lb01");
        // one tick per request: its tooltip names it
        for (RequestRecord q : log) {
            assertThat(svg).contains("#" + q.seq() + " at ");
        }
        assertThat(r.text()).contains("takeover:  0.120 s", "2 lost", "failed      2 requests", "lb02        1 request\n");
    }
}
