package io.javalived.parser;

import io.javalived.parser.diag.Diagnostic;
import io.javalived.parser.diag.Severity;
import io.javalived.parser.model.KeepalivedConfig;

import java.util.List;

/**
 * What parsing a configuration gives: always a model (possibly empty) and the diagnostics, in the order
 * they were found. Nothing is thrown for a user's mistake.
 */
public record ParseResult(KeepalivedConfig config, List<Diagnostic> diagnostics) {

    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasAtLeast(Severity severity) {
        return diagnostics.stream().anyMatch(d -> d.severity().compareTo(severity) <= 0);
    }

    /**
     * keepalived's {@code --config-test} exit code: 0 clean, 5 errors (or warnings) but it would run,
     * 4 it cannot run. INFO diagnostics do not count.
     */
    public int configTestExitCode() {
        if (hasAtLeast(Severity.FATAL)) {
            return 4;
        }
        return hasAtLeast(Severity.WARNING) ? 5 : 0;
    }
}
