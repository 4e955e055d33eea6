package io.javalived.parser;

import io.javalived.parser.diag.DiagnosticCode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutates valid configurations (characters deleted, inserted, replaced; lines duplicated or dropped; braces,
 * quotes and preprocessor sigils sprinkled in) and checks the parser always returns a model and diagnostics
 * that name a place in the file, and never throws.
 */
class MutationPropertiesTest {

    static final String VALID = """
            global_defs {
                router_id lb01
                notification_email {
                    ops@example.com
                }
            }
            $PRIO=100
            vrrp_script chk {
                script "/usr/bin/killall -0 haproxy"
                interval 2
                weight -20
            }
            vrrp_instance VI_1 {
                state MASTER
                interface eth0
                virtual_router_id 62
                priority $PRIO
                advert_int 1
                authentication {
                    auth_type PASS
                    auth_pass 1234
                }
                virtual_ipaddress {
                    10.0.0.3/24 dev eth0 label eth0:0
                    ~SEQ(i, 4, 6) 10.0.0.${i}/24
                }
                track_script {
                    chk weight 10
                }
                @lb01 unicast_peer { 10.0.0.6 }
            }
            virtual_server_group G { 10.0.0.10-20 80 fwmark 3 }
            virtual_server 10.0.0.3 80 {
                delay_loop 6
                lb_algo wrr
                lb_kind DR
                protocol TCP
                real_server 10.0.0.7 80 {
                    weight 1
                    TCP_CHECK { connect_timeout 3 }
                    HTTP_GET { url { path / status_code 200-299 } }
                }
            }
            """;

    record Mutation(int kind, int position, String text) {}

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<String> snippets = Arbitraries.oneOf(
                Arbitraries.of("{", "}", "\"", "#", "!", "$", "${", "~SEQ(", "@", "\\", "\n", "\0", "include ", "}}", "{{",
                        "virtual_server", "real_server", "10.0.0.300", "-1", "99999999999", "$PRIO=$PRIO"),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(8));
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, VALID.length()), snippets).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(12);
    }

    static String apply(String base, List<Mutation> ms) {
        StringBuilder sb = new StringBuilder(base);
        for (Mutation m : ms) {
            int p = Math.min(m.position(), sb.length());
            switch (m.kind()) {
                case 0 -> sb.insert(p, m.text());
                case 1 -> sb.delete(p, Math.min(sb.length(), p + Math.max(1, m.text().length())));
                case 2 -> sb.replace(p, Math.min(sb.length(), p + m.text().length()), m.text());
                case 3 -> {
                    int start = sb.lastIndexOf("\n", p) + 1;
                    int end = sb.indexOf("\n", p);
                    if (end > start) {
                        sb.insert(start, sb.substring(start, end + 1));
                    }
                }
                default -> {
                    int start = sb.lastIndexOf("\n", p) + 1;
                    int end = sb.indexOf("\n", p);
                    if (end >= start) {
                        sb.delete(start, end + 1);
                    }
                }
            }
        }
        return sb.toString();
    }

    @Property(tries = 300)
    void parsingMutatedConfigsNeverThrows(@ForAll("mutations") List<Mutation> mutations) throws IOException {
        String text = apply(VALID, mutations);
        Path dir = Files.createTempDirectory("javalived-prop");
        Path f = dir.resolve("keepalived.conf");
        try {
            Files.write(f, text.getBytes(StandardCharsets.UTF_8));
            ParseResult r = KeepalivedParser.parse(f, Configs.OPTIONS);
            assertThat(r.config()).isNotNull();
            assertThat(r.diagnostics()).noneMatch(d -> d.code() == DiagnosticCode.INTERNAL_ERROR);
            assertThat(r.diagnostics()).allSatisfy(d -> d.location().ifPresent(l -> {
                assertThat(l.file()).isEqualTo(f.toString());
                assertThat(l.line()).isBetween(1, (int) text.chars().filter(c -> c == '\n').count() + 1);
            }));
            assertThat(r.configTestExitCode()).isIn(0, 4, 5);
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    @Example
    void unmutatedConfigIsClean() throws IOException {
        Path dir = Files.createTempDirectory("javalived-prop");
        Path f = dir.resolve("keepalived.conf");
        Files.writeString(f, VALID);
        ParseResult r = KeepalivedParser.parse(f, Configs.OPTIONS);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.config().vrrpInstances().getFirst().virtualIpAddresses()).hasSize(4);
        Files.delete(f);
        Files.delete(dir);
    }
}
