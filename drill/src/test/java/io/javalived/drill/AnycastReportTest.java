package io.javalived.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** The anycast report's three lines as the issue words them, its text and its SVG (well-formed, the lines on top). */
class AnycastReportTest {

    static AnycastReport report(Double killed, Double serversDown) {
        ConnectionsReport conns = new ConnectionsReport(8, 8, 8, 7, 4.08, 100, 200, List.of());
        return new AnycastReport(3, "10.0.0.3:80", "test", "lb02", 3, 2, killed, 119.0, conns, "lb03", serversDown,
                List.of("172.30.0.11", "172.30.0.12"), 41, 0, 7, Map.of("lb01", 15, "lb02", 65, "lb03", 60), 3, 2,
                Map.of("web01", 2), Map.of("timeout", 1),
                List.of(new NextHopWatcher.Change(0, List.of()),
                        new NextHopWatcher.Change(10, List.of("172.30.0.11", "172.30.0.12", "172.30.0.13")),
                        new NextHopWatcher.Change(21.5, List.of("172.30.0.11", "172.30.0.13"))),
                List.of(new DrillEvent(20.4, DrillEvent.Kind.SIGNAL, "kill -9 of lb02 <4 processes>")), List.of("a note"),
                List.of(new RequestRecord(1, 5, 3, "web01", null), new RequestRecord(2, 6, 3, "web01", null),
                        new RequestRecord(3, 22, 1000, null, "timeout")));
    }

    @Test
    void theIssuesLinesExactly() {
        AnycastReport r = report(1.084, 6.4);
        assertThat(r.killLine()).isEqualTo("next hops: 3 before, 2 after kill -9 of lb02 (withdrawn in 1.08 s)");
        assertThat(r.connections().line()).isEqualTo("connections: 8 open, 8 kept through takeover, 7 kept through preempt");
        assertThat(r.serversDownLine()).isEqualTo("real servers down on lb03: route withdrawn in 6.40 s");
        assertThat(r.text()).contains(r.killLine() + "\n" + r.connections().line() + "\n" + r.serversDownLine() + "\n");
        assertThat(r.complete()).isTrue();
    }

    @Test
    void whatWasNotSeenIsSaidSo() {
        AnycastReport r = report(null, null);
        assertThat(r.killLine()).isEqualTo("next hops: 3 before, 2 after kill -9 of lb02 (not withdrawn)");
        assertThat(r.serversDownLine()).isEqualTo("real servers down on lb03: route not withdrawn");
        assertThat(r.complete()).isFalse();
    }

    @Test
    void theSvgIsWellFormedAndShowsTheNextHops() throws Exception {
        String svg = AnycastTimelineSvg.render(report(1.084, 6.4));
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
        assertThat(svg).contains("next hops: 3 before, 2 after kill -9 of lb02 (withdrawn in 1.08 s)", ">next hops<",
                "[172.30.0.11, 172.30.0.13]", "kill -9 of lb02 &lt;4 processes&gt;", "<path d=\"M");
    }
}
