package io.javalived.parser;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.diag.Diagnostics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static io.javalived.parser.Configs.parse;
import static io.javalived.parser.Configs.withCode;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input never crashes: each case gives diagnostics that name the place, and a model. */
class RobustnessTest {
    @TempDir
    Path dir;

    private static void noInternalError(ParseResult r) {
        assertThat(r.diagnostics()).noneMatch(d -> d.code() == DiagnosticCode.INTERNAL_ERROR);
        assertThat(r.config()).isNotNull();
    }

    @Test
    void binaryGarbage() throws IOException {
        byte[] bytes = new byte[1 << 20];
        new Random(42).nextBytes(bytes);
        Path f = dir.resolve("garbage.bin");
        Files.write(f, bytes);
        ParseResult r = KeepalivedParser.parse(f, Configs.OPTIONS);
        noInternalError(r);
        assertThat(r.diagnostics()).isNotEmpty().allSatisfy(d -> {
            if (d.code() != DiagnosticCode.TOO_MANY_DIAGNOSTICS) {
                assertThat(d.location()).isPresent();
            }
        });
        assertThat(r.diagnostics().size()).isLessThanOrEqualTo(Diagnostics.LIMIT + 1);
        assertThat(r.configTestExitCode()).isEqualTo(5);
    }

    @Test
    void unterminatedQuoteAtEndOfFile() {
        ParseResult r = parse(dir, "vrrp_instance V {\n virtual_router_id 1\n notify \"/bin/x");
        noInternalError(r);
        assertThat(withCode(r, DiagnosticCode.UNMATCHED_QUOTE)).hasSize(1);
        assertThat(withCode(r, DiagnosticCode.MISSING_CLOSE_BRACE)).hasSize(1);
    }

    @Test
    void unbalancedBracesEitherWay() {
        ParseResult r = parse(dir, "}}}\n{\n{{{\nglobal_defs {\n router_id a\n}}}}\n" + "{".repeat(500) + "\n");
        noInternalError(r);
        assertThat(withCode(r, DiagnosticCode.EXTRA_CLOSE_BRACE)).isNotEmpty();
        assertThat(withCode(r, DiagnosticCode.NESTING_TOO_DEEP)).hasSize(1);
        assertThat(withCode(r, DiagnosticCode.MISSING_CLOSE_BRACE)).isNotEmpty();
    }

    @Test
    void missingMainFileCannotRun() {
        ParseResult r = KeepalivedParser.parse(dir.resolve("absent.conf"), Configs.OPTIONS);
        assertThat(withCode(r, DiagnosticCode.FILE_NOT_FOUND)).hasSize(1);
        assertThat(r.configTestExitCode()).isEqualTo(4);
    }

    @Test
    void directoryAsConfigCannotRun() {
        ParseResult r = KeepalivedParser.parse(dir, Configs.OPTIONS);
        assertThat(r.configTestExitCode()).isEqualTo(4);
    }

    @Test
    void selfInclude() {
        ParseResult r = parse(dir, "include keepalived.conf\nglobal_defs {\n router_id x\n}\n");
        assertThat(withCode(r, DiagnosticCode.INCLUDE_RECURSIVE)).hasSize(1);
        assertThat(r.config().globalDefs().routerId()).isEqualTo("x");
    }

    @Test
    void absurdlyLongLine() throws IOException {
        Path f = dir.resolve("long.conf");
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write("global_defs {\n router_id ".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "x".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 256; i++) {
                out.write(chunk);
            }
            out.write("\n router_id ok\n}\n".getBytes(StandardCharsets.US_ASCII));
        }
        ParseResult r = KeepalivedParser.parse(f, Configs.OPTIONS);
        noInternalError(r);
        assertThat(withCode(r, DiagnosticCode.LINE_TOO_LONG)).singleElement()
                .satisfies(d -> assertThat(d.location().orElseThrow().line()).isEqualTo(2));
        assertThat(r.config().globalDefs().routerId()).isEqualTo("ok");
    }

    /** 100 MB of mixed garbage, long lines and valid-looking lines: bounded diagnostics, a model, no exception. */
    @Test
    void hundredMegabyteFile() throws IOException {
        Path f = dir.resolve("huge.conf");
        Random rnd = new Random(7);
        byte[] garbage = new byte[1 << 16];
        byte[] text = ("virtual_server 10.0.0.3 80 {\n protocol TCP\n lvs_sched rr\n lvs_method NAT\n"
                + " real_server 10.0.0.7 80 {\n TCP_CHECK {\n }\n }\n}\nbogus_keyword 1\n").getBytes(StandardCharsets.US_ASCII);
        long written = 0;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
            while (written < 100L << 20) {
                rnd.nextBytes(garbage);
                out.write(garbage);
                out.write('\n');
                for (int i = 0; i < 64; i++) {
                    out.write(text);
                }
                written += garbage.length + 1 + 64L * text.length;
            }
        }
        ParseResult r = KeepalivedParser.parse(f, Configs.OPTIONS);
        noInternalError(r);
        assertThat(r.diagnostics().size()).isLessThanOrEqualTo(Diagnostics.LIMIT + 1);
        assertThat(r.diagnostics().getLast().code()).isEqualTo(DiagnosticCode.TOO_MANY_DIAGNOSTICS);
        assertThat(r.configTestExitCode()).isEqualTo(5);
    }
}
