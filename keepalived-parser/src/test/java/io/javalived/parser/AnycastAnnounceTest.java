package io.javalived.parser;

import static io.javalived.parser.Configs.line;
import static io.javalived.parser.Configs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.model.VirtualServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** javalived's {@code javalived_announce} in a virtual_server: where it was written, and what it refuses, at file:line. */
class AnycastAnnounceTest {
    @TempDir
    Path dir;

    private static final String REAL = "    real_server 10.0.0.7 80 {\n    }\n}\n";

    @Test
    void theKeywordIsKeptWithItsPlace() {
        ParseResult r = parse(dir, "virtual_server 10.0.0.3 80 {\n    protocol TCP\n    lb_algo mh\n    lb_kind DR\n"
                + "    javalived_announce\n" + REAL);
        VirtualServer v = r.config().virtualServers().getFirst();
        assertThat(v.announce()).hasValueSatisfying(a -> assertThat(a.location().line()).isEqualTo(5));
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void withoutTheKeywordNothingIsAnnounced() {
        ParseResult r = parse(dir, "virtual_server 10.0.0.3 80 {\n    protocol TCP\n    lb_algo mh\n    lb_kind DR\n" + REAL);
        assertThat(r.config().virtualServers().getFirst().announce()).isEmpty();
    }

    @Test
    void argumentsAreAnErrorAndTheLineIsLeftOut() {
        ParseResult r = parse(dir, "virtual_server 10.0.0.3 80 {\n    protocol TCP\n    lb_algo mh\n    lb_kind DR\n"
                + "    javalived_announce table 100\n" + REAL);
        assertThat(r.config().virtualServers().getFirst().announce()).isEmpty();
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(DiagnosticCode.EXTRA_PARAMETER);
            assertThat(line(d)).isEqualTo(5);
            assertThat(d.format()).contains("keepalived.conf").contains("javalived_announce takes no arguments, not 'table 100'");
        });
        assertThat(r.configTestExitCode()).isNotZero();
    }

    @Test
    void aFwmarkVirtualServerHasNoAddressToAnnounce() {
        ParseResult r = parse(dir, "virtual_server fwmark 7 {\n    protocol TCP\n    lb_algo mh\n    lb_kind DR\n"
                + "    javalived_announce\n" + REAL);
        assertThat(r.config().virtualServers().getFirst().announce()).isEmpty();
        assertThat(r.diagnostics()).filteredOn(d -> d.code() == DiagnosticCode.INCONSISTENT).singleElement().satisfies(d -> {
            assertThat(line(d)).isEqualTo(5);
            assertThat(d.message()).isEqualTo("Virtual server FWM 7: javalived_announce needs an address to announce and a "
                    + "fwmark virtual server has none - ignoring");
        });
    }

    @Test
    void aRealServerDoesNotKnowTheKeyword() {
        ParseResult r = parse(dir, "virtual_server 10.0.0.3 80 {\n    protocol TCP\n    lb_algo mh\n    lb_kind DR\n"
                + "    real_server 10.0.0.7 80 {\n        javalived_announce\n    }\n}\n");
        assertThat(r.config().virtualServers().getFirst().announce()).isEmpty();
        assertThat(r.diagnostics()).anySatisfy(d -> assertThat(line(d)).isEqualTo(6));
    }
}
