package io.javalived.parser;

import io.javalived.parser.diag.Diagnostic;
import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.diag.Severity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helpers: write a config to a temp directory and parse it with fixed options. */
public final class Configs {
    public static final ParseOptions OPTIONS = new ParseOptions("lb01", "testhost.example");

    private Configs() {}

    public static ParseResult parse(Path dir, String text) {
        return parse(dir, "keepalived.conf", text, OPTIONS);
    }

    public static ParseResult parse(Path dir, String name, String text, ParseOptions options) {
        Path f = write(dir, name, text);
        return KeepalivedParser.parse(f, options);
    }

    public static Path write(Path dir, String name, String text) {
        try {
            Path f = dir.resolve(name);
            Files.createDirectories(f.getParent());
            Files.writeString(f, text, StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Diagnostic> withCode(ParseResult r, DiagnosticCode code) {
        return r.diagnostics().stream().filter(d -> d.code() == code).toList();
    }

    public static List<Diagnostic> atLeast(ParseResult r, Severity s) {
        return r.diagnostics().stream().filter(d -> d.severity().compareTo(s) <= 0).toList();
    }

    public static int line(Diagnostic d) {
        return d.location().orElseThrow().line();
    }
}
