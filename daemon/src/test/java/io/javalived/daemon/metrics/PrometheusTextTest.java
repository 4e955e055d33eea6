package io.javalived.daemon.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test parser itself must reject what Prometheus rejects, or the metrics test proves nothing. */
class PrometheusTextTest {

    @Test
    void readsAWellFormedPage() {
        var f = PrometheusText.parse("""
                # HELP a_total Things.
                # TYPE a_total counter
                a_total{x="1",y="q\\"uote"} 3.0
                a_total{x="2"} NaN
                # TYPE g gauge
                g 1e3
                """);
        assertThat(f.get("a_total").samples()).hasSize(2);
        assertThat(f.get("a_total").samples().get(0).labels()).containsEntry("y", "q\"uote");
        assertThat(f.get("g").samples().getFirst().value()).isEqualTo(1000.0);
    }

    @Test
    void rejectsMalformedPages() {
        for (String bad : new String[]{
                "a{x=1} 1\n", "a{x=\"1\" 1\n", "1a 1\n", "a one\n", "a 1", "a{x=\"\\q\"} 1\n",
                "# TYPE a gauge\na 1\nb 1\na{x=\"2\"} 2\n", "# TYPE a counter\na_sum 1\n", "a 1\na 2\n",
                "# TYPE a wrong\n", "a 1\n# TYPE a gauge\n"}) {
            assertThatThrownBy(() -> PrometheusText.parse(bad)).as(bad).isInstanceOf(PrometheusText.ParseError.class);
        }
    }
}
