package io.javalived.parser;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.diag.Severity;
import io.javalived.parser.model.VrrpInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.javalived.parser.Configs.atLeast;
import static io.javalived.parser.Configs.line;
import static io.javalived.parser.Configs.parse;
import static io.javalived.parser.Configs.withCode;
import static org.assertj.core.api.Assertions.assertThat;

/** keepalived's lexical rules (reference 1.1), one test per rule. */
class LexicalRulesTest {
    @TempDir
    Path dir;

    private static final String INSTANCE = """
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 7
                %s
                virtual_ipaddress {
                    10.0.0.3/24
                }
            }
            """;

    private VrrpInstance only(ParseResult r) {
        assertThat(r.config().vrrpInstances()).hasSize(1);
        return r.config().vrrpInstances().getFirst();
    }

    @Test
    void hashAndBangStartCommentsAnywhereOutsideQuotes() {
        ParseResult r = parse(dir, """
                # a comment
                ! another
                global_defs {   # trailing
                    router_id lb01 ! trailing bang
                    notification_email_from "a#b!c@example.com"
                }
                """);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.config().globalDefs().routerId()).isEqualTo("lb01");
        assertThat(r.config().globalDefs().notificationEmailFrom()).isEqualTo("a#b!c@example.com");
    }

    @Test
    void escapedHashIsALiteralCharacter() {
        ParseResult r = parse(dir, "global_defs {\n router_id lb\\#01\n}\n");
        assertThat(r.config().globalDefs().routerId()).isEqualTo("lb#01");
    }

    @Test
    void bracesAnywhereGiveTheSameModel() {
        String sameLine = "vrrp_instance V {\n virtual_router_id 3\n virtual_ipaddress {\n 10.0.0.3\n }\n}\n";
        String nextLine = "vrrp_instance V\n{\n virtual_router_id 3\n virtual_ipaddress\n {\n 10.0.0.3\n }\n}\n";
        String oneLiner = "vrrp_instance V { virtual_router_id 3\n virtual_ipaddress { 10.0.0.3 } }\n";
        VrrpInstance a = only(parse(dir, "a.conf", sameLine, Configs.OPTIONS));
        VrrpInstance b = only(parse(dir, "b.conf", nextLine, Configs.OPTIONS));
        VrrpInstance c = only(parse(dir, "c.conf", oneLiner, Configs.OPTIONS));
        for (VrrpInstance i : new VrrpInstance[]{b, c}) {
            assertThat(i.virtualRouterId()).isEqualTo(a.virtualRouterId());
            assertThat(i.virtualIpAddresses()).extracting(v -> v.address().getHostAddress()).containsExactly("10.0.0.3");
        }
    }

    @Test
    void quotesGroupWords() {
        ParseResult r = parse(dir, INSTANCE.formatted("notify_master \"/usr/bin/notify.sh master  VI_1\" root staff"));
        var script = only(r).notifyScripts().master().orElseThrow();
        assertThat(script.commandLine()).isEqualTo("/usr/bin/notify.sh master  VI_1");
        assertThat(script.argv()).containsExactly("/usr/bin/notify.sh", "master", "VI_1");
        assertThat(script.user()).contains("root");
        assertThat(script.group()).contains("staff");
    }

    @Test
    void unmatchedQuoteIsReportedAndParsingContinues() {
        ParseResult r = parse(dir, "global_defs {\n router_id \"abc\n}\n" + INSTANCE.formatted("priority 50"));
        assertThat(withCode(r, DiagnosticCode.UNMATCHED_QUOTE)).singleElement().satisfies(d -> assertThat(line(d)).isEqualTo(2));
        assertThat(only(r).priority()).isEqualTo(50);
    }

    @Test
    void includeGlobsAreRelativeToTheIncludingFile() {
        Configs.write(dir, "conf.d/10-vi.conf", INSTANCE.formatted("priority 42"));
        Configs.write(dir, "conf.d/20-gd.conf", "global_defs {\n router_id from_include\n}\n");
        Configs.write(dir, "sub/main.conf", "include ../conf.d/*.conf\n");
        ParseResult r = KeepalivedParser.parse(dir.resolve("sub/main.conf"), Configs.OPTIONS);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(only(r).priority()).isEqualTo(42);
        assertThat(r.config().globalDefs().routerId()).isEqualTo("from_include");
        assertThat(r.config().files()).hasSize(3);
    }

    @Test
    void includeBracesExpand() {
        Configs.write(dir, "a.conf", "global_defs {\n router_id a\n}\n");
        Configs.write(dir, "b.conf", INSTANCE.formatted("priority 9"));
        ParseResult r = parse(dir, "main.conf", "include {a,b}.conf\n", Configs.OPTIONS);
        assertThat(r.config().globalDefs().routerId()).isEqualTo("a");
        assertThat(only(r).priority()).isEqualTo(9);
    }

    @Test
    void missingIncludeIsReportedWithItsLine() {
        ParseResult r = parse(dir, "global_defs {\n}\ninclude /nonexistent/*.conf\n");
        assertThat(withCode(r, DiagnosticCode.INCLUDE_NO_MATCH)).singleElement()
                .satisfies(d -> assertThat(line(d)).isEqualTo(3));
    }

    @Test
    void recursiveIncludeIsReportedNotFollowed() {
        Configs.write(dir, "a.conf", "include b.conf\n");
        Configs.write(dir, "b.conf", "include a.conf\nglobal_defs {\n router_id b\n}\n");
        ParseResult r = KeepalivedParser.parse(dir.resolve("a.conf"), Configs.OPTIONS);
        assertThat(withCode(r, DiagnosticCode.INCLUDE_RECURSIVE)).hasSize(1);
        assertThat(r.config().globalDefs().routerId()).isEqualTo("b");
    }

    @Test
    void conditionalLinesFollowTheConfigId() {
        String text = INSTANCE.formatted("@lb01 priority 150\n@lb02 priority 100\n@^lb01 advert_int 3");
        assertThat(only(parse(dir, "x.conf", text, Configs.OPTIONS.withConfigId("lb01"))).priority()).isEqualTo(150);
        VrrpInstance other = only(parse(dir, "y.conf", text, Configs.OPTIONS.withConfigId("lb02")));
        assertThat(other.priority()).isEqualTo(100);
        assertThat(other.advertInterval()).hasSeconds(3);
    }

    @Test
    void definitionsExpandWithAndWithoutBraces() {
        ParseResult r = parse(dir, """
                $PRIO=120
                $IF=eth1
                """ + INSTANCE.formatted("priority $PRIO\n interface ${IF}\n notify \"/bin/echo $UNDEFINED ${UNDEF}\""));
        VrrpInstance i = only(r);
        assertThat(i.priority()).isEqualTo(120);
        assertThat(i.interfaceName()).contains("eth1");
        assertThat(i.notifyScripts().generic().orElseThrow().commandLine()).isEqualTo("/bin/echo $UNDEFINED ${UNDEF}");
    }

    /**
     * Issue 16, item 4: a braced {@code ${NAME}} on a line that opens a block, inside a one-line block and as a
     * block's name is a reference, never a block; keepalived 2.2.7 on the same lines (-t in a namespace with only lo)
     * reports {@code WARNING - interface eth7if for vrrp_instance eth7_x doesn't exist} and
     * {@code (eth7_x) tracked interface eth7 doesn't exist}: the names expanded. An undefined {@code ${UNDEF}} stays as
     * written, as keepalived leaves it (its braces are then read as braces, by keepalived too).
     */
    @Test
    void bracedReferencesOnBlockLinesAreExpandedNotReadAsBlocks() {
        ParseResult r = parse(dir, """
                $IFN=eth7
                $VIPS=10.0.0.3/24
                vrrp_instance ${IFN}_x {
                    interface ${IFN}if
                    virtual_router_id 7
                    track_interface { ${IFN} }
                    virtual_ipaddress { ${VIPS} }
                    track_interface {
                        ~SEQ(n, 1, 2) trk${n}
                    }
                }
                """);
        VrrpInstance i = only(r);
        assertThat(i.name()).isEqualTo("eth7_x");
        assertThat(i.interfaceName()).contains("eth7if");
        assertThat(i.trackInterfaces()).extracting(t -> t.name() + "@" + t.location().line())
                .containsExactly("eth7@6", "trk1@9", "trk2@9");
        assertThat(i.virtualIpAddresses()).extracting(v -> v.address().getHostAddress()).containsExactly("10.0.0.3");
        assertThat(atLeast(r, Severity.WARNING)).isEmpty();
    }

    /**
     * {@code ${_PWD}} is the directory of the file being read: an included file's own directory while it is read,
     * the including file's again after it (keepalived 2.2.7, run from /: {@code p/tmp/x}, {@code s/tmp/x/sub},
     * {@code q/tmp/x} for the same three references).
     */
    @Test
    void pwdIsTheDirectoryOfTheFileBeingRead() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.writeString(sub.resolve("other.conf"), """
                vrrp_script s {
                    script "${_PWD}/s.sh"
                }
                """);
        ParseResult r = parse(dir, """
                vrrp_script p {
                    script "${_PWD}/p.sh"
                }
                include sub/other.conf
                vrrp_script q {
                    script "${_PWD}/q.sh"
                }
                """);
        assertThat(r.config().vrrpScripts()).extracting(v -> v.name() + " " + v.script().commandLine()).containsExactly(
                "p " + dir + "/p.sh", "s " + sub + "/s.sh", "q " + dir + "/q.sh");
    }

    @Test
    void multiLineDefinitionsExpandToSeveralLines() {
        ParseResult r = parse(dir, """
                $VIPS= \\
                   10.0.0.3/24 \\
                   10.0.0.4/24
                vrrp_instance V {
                    virtual_router_id 4
                    virtual_ipaddress {
                        $VIPS
                    }
                }
                """);
        assertThat(only(r).virtualIpAddresses()).extracting(v -> v.address().getHostAddress())
                .containsExactly("10.0.0.3", "10.0.0.4");
    }

    @Test
    void seqRepeatsTheRestOfTheLine() {
        ParseResult r = parse(dir, """
                vrrp_instance V {
                    virtual_router_id 4
                    virtual_ipaddress {
                        ~SEQ(i, 1, 3) 10.0.0.${i}/24
                        ~SEQ(i, 10, 5, 20) 10.0.1.$i
                        ~LST(h, 7, 9) 10.0.2.$h
                    }
                }
                """);
        assertThat(only(r).virtualIpAddresses()).extracting(v -> v.address().getHostAddress())
                .containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.1.10", "10.0.1.15", "10.0.1.20",
                        "10.0.2.7", "10.0.2.9");
    }

    @Test
    void hugeSeqIsRefusedWithADiagnostic() {
        ParseResult r = parse(dir, "global_defs {\n ~SEQ(i, 1, 2000000000) router_id r$i\n}\n");
        assertThat(withCode(r, DiagnosticCode.BAD_SEQUENCE)).hasSize(1);
    }

    @Test
    void recursiveDefinitionsAreReported() {
        ParseResult r = parse(dir, "$A=${B}\n$B=${A}\nglobal_defs {\n router_id ${A}\n}\n");
        assertThat(withCode(r, DiagnosticCode.BAD_DEFINITION)).isNotEmpty();
    }

    @Test
    void extraAndMissingBracesAreReportedWithLines() {
        ParseResult r = parse(dir, "global_defs {\n router_id x\n}\n}\nvrrp_instance V {\n virtual_router_id 1\n");
        assertThat(withCode(r, DiagnosticCode.EXTRA_CLOSE_BRACE)).singleElement().satisfies(d -> assertThat(line(d)).isEqualTo(4));
        assertThat(withCode(r, DiagnosticCode.MISSING_CLOSE_BRACE)).singleElement().satisfies(d -> assertThat(line(d)).isEqualTo(5));
        assertThat(r.config().vrrpInstances()).hasSize(1);
    }

    @Test
    void tooLongAndNulLinesAreIgnoredAsKeepalivedDoes() {
        String longLine = " router_id " + "x".repeat(2000);
        ParseResult r = parse(dir, "global_defs {\n" + longLine + "\n router\0_id y\n router_id ok\n}\n");
        assertThat(withCode(r, DiagnosticCode.LINE_TOO_LONG)).singleElement().satisfies(d -> assertThat(line(d)).isEqualTo(2));
        assertThat(withCode(r, DiagnosticCode.BINARY_CONTENT)).singleElement().satisfies(d -> assertThat(line(d)).isEqualTo(3));
        assertThat(r.config().globalDefs().routerId()).isEqualTo("ok");
    }

    @Test
    void keywordsAreCaseSensitive() {
        ParseResult r = parse(dir, "GLOBAL_DEFS {\n}\n");
        assertThat(withCode(r, DiagnosticCode.UNKNOWN_BLOCK)).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("did you mean 'global_defs'"));
    }
}
