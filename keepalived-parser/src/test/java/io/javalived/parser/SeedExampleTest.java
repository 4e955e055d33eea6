package io.javalived.parser;

import io.javalived.parser.diag.Diagnostic;
import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.model.LvsMethod;
import io.javalived.parser.model.ServiceProtocol;
import io.javalived.parser.model.TcpCheck;
import io.javalived.parser.model.InitialState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;

import static io.javalived.parser.Configs.line;
import static io.javalived.parser.Configs.withCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's lb01/lb02 configs in examples/, verbatim. Besides the 'autherntication' typo, the seed has the
 * slips LAB.md describes: 'virtual_server 10.0.0.3:80' / 'real_server 10.0.0.7:80' (keepalived skips them;
 * we accept them with a warning), 'nat_mask' (obsolete) and 'nb_get_retry' inside TCP_CHECK (deprecated;
 * applied as retry).
 */
class SeedExampleTest {

    private static Path repo() {
        return Path.of(System.getProperty("javalived.repo", ".."));
    }

    @ParameterizedTest
    @CsvSource({"lb01, MASTER, 100", "lb02, BACKUP, 50"})
    void seedConfigParsesWithItsSlipsReported(String host, InitialState state, int priority) {
        ParseResult r = KeepalivedParser.parse(repo().resolve("examples/" + host + "/keepalived.conf"),
                new ParseOptions(host, host));

        Diagnostic typo = withCode(r, DiagnosticCode.UNKNOWN_BLOCK).getFirst();
        assertThat(line(typo)).isEqualTo(14);
        assertThat(typo.message()).startsWith("Unknown keyword 'autherntication'").contains("did you mean 'authentication'?");
        assertThat(withCode(r, DiagnosticCode.COLON_ADDRESS)).extracting(Configs::line).containsExactly(28, 37, 47);
        assertThat(withCode(r, DiagnosticCode.OBSOLETE_KEYWORD)).extracting(Configs::line).containsExactly(32);
        assertThat(withCode(r, DiagnosticCode.DEPRECATED_KEYWORD)).extracting(Configs::line).containsExactly(41, 51);
        assertThat(r.configTestExitCode()).isEqualTo(5);

        var instance = r.config().vrrpInstances().getFirst();
        assertThat(instance.name()).isEqualTo("oldboy");
        assertThat(instance.state()).isEqualTo(state);
        assertThat(instance.priority()).isEqualTo(priority);
        assertThat(instance.virtualRouterId()).isEqualTo(62);
        assertThat(instance.authentication()).as("the typo'd block is skipped").isEmpty();
        var vip = instance.virtualIpAddresses().getFirst();
        assertThat(vip.address().getHostAddress()).isEqualTo("10.0.0.3");
        assertThat(vip.prefixLength()).isEqualTo(24);
        assertThat(vip.device()).contains("eth0");
        assertThat(vip.label()).contains("eth0:0");

        var vs = r.config().virtualServers().getFirst();
        assertThat(vs.address()).hasToString("10.0.0.3:80");
        assertThat(vs.protocol()).isEqualTo(ServiceProtocol.TCP);
        assertThat(vs.scheduler()).isEqualTo("wrr");
        assertThat(vs.method()).isEqualTo(LvsMethod.DR);
        assertThat(vs.persistenceTimeout()).contains(Duration.ofSeconds(50));
        assertThat(vs.realServers()).extracting(rs -> rs.address().getHostAddress() + ":" + rs.port())
                .containsExactly("10.0.0.7:80", "10.0.0.8:80");
        assertThat(vs.realServers()).allSatisfy(rs -> {
            assertThat(rs.checkers()).singleElement().isInstanceOf(TcpCheck.class);
            var tcp = ((TcpCheck) rs.checkers().getFirst()).settings();
            assertThat(tcp.connectPort()).isEqualTo(80);
            assertThat(tcp.connectTimeout()).isEqualTo(Duration.ofSeconds(8));
            assertThat(tcp.retry()).isEqualTo(3);
            assertThat(tcp.delayBeforeRetry()).isEqualTo(Duration.ofSeconds(3));
            assertThat(tcp.delayLoop()).isEqualTo(Duration.ofSeconds(6));
        });
    }
}
