package io.javalived.parser;

import io.javalived.parser.bind.ConfigBinder;
import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.diag.Diagnostics;
import io.javalived.parser.lex.ConfigLexer;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.syntax.SyntaxReader;

import java.nio.file.Path;
import java.util.List;

/**
 * Parses a keepalived.conf (and its includes) into the typed model plus diagnostics. Never throws for
 * anything in the input: every problem becomes a diagnostic naming its place, and the model holds what
 * could be understood.
 */
public final class KeepalivedParser {
    private KeepalivedParser() {}

    public static ParseResult parse(Path file) {
        return parse(file, ParseOptions.forThisHost());
    }

    public static ParseResult parse(Path file, ParseOptions options) {
        Diagnostics diagnostics = new Diagnostics();
        ConfigBinder binder = new ConfigBinder(diagnostics, options);
        ConfigLexer lexer = new ConfigLexer(file, options.configId(), diagnostics);
        KeepalivedConfig config;
        try {
            new SyntaxReader(lexer, diagnostics).read(binder::prepare, binder::commit);
            diagnostics.stage(Diagnostics.Stage.RESOLUTION);
            config = binder.finish(lexer.filesRead());
        } catch (RuntimeException | StackOverflowError e) {
            diagnostics.fatal(null, DiagnosticCode.INTERNAL_ERROR, "javalived could not finish reading the configuration ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); this is a javalived bug, please report it");
            config = emptyConfig(options, lexer.filesRead(), diagnostics);
        }
        diagnostics.stage(Diagnostics.Stage.BINDING);
        return new ParseResult(config, diagnostics.toList(lexer.filesRead()));
    }

    private static KeepalivedConfig emptyConfig(ParseOptions options, List<String> files, Diagnostics diagnostics) {
        try {
            return new ConfigBinder(new Diagnostics(), options).finish(files);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot build an empty configuration", e);
        }
    }
}
