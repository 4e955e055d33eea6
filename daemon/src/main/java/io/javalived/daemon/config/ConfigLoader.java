package io.javalived.daemon.config;

import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.ParseOptions;
import io.javalived.parser.ParseResult;
import io.javalived.parser.diag.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a configuration as every part of javalived sees it: the parser's diagnostics, then what javalived does not
 * apply ({@link NotApplied}, KA400/KA401). {@code -t}, {@code config}, the daemon at start and the daemon at reload
 * all load through here, so what the daemon logs cannot drift from what {@code -t} prints. The host checks
 * ({@link HostChecks}) are {@code -t}'s own addition.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    public static ParseResult load(Path file, ParseOptions options) {
        return withNotApplied(KeepalivedParser.parse(file, options));
    }

    /** {@code parsed} with the not-applied diagnostics after the parser's own. */
    public static ParseResult withNotApplied(ParseResult parsed) {
        return plus(parsed, NotApplied.of(parsed.config()));
    }

    /** {@code parsed} with {@code more} diagnostics after its own. */
    public static ParseResult plus(ParseResult parsed, List<Diagnostic> more) {
        if (more.isEmpty()) return parsed;
        List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
        all.addAll(more);
        return new ParseResult(parsed.config(), all);
    }
}
