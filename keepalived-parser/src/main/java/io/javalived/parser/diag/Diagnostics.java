package io.javalived.parser.diag;

import io.javalived.parser.model.SourceLocation;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects diagnostics while parsing. Bounded: after {@link #LIMIT} messages further ones are only
 * counted (a 100 MB file of garbage must not produce a 100 MB report), and one closing diagnostic says how
 * many were left out.
 */
public final class Diagnostics {
    public static final int LIMIT = 5_000;

    private final List<Diagnostic> list = new ArrayList<>();
    private long suppressed;
    private Severity worstSuppressed;

    public void report(SourceLocation location, Severity severity, DiagnosticCode code, String message) {
        add(Diagnostic.at(location, severity, code, message));
    }

    public void error(SourceLocation location, DiagnosticCode code, String message) {
        report(location, Severity.ERROR, code, message);
    }

    public void warning(SourceLocation location, DiagnosticCode code, String message) {
        report(location, Severity.WARNING, code, message);
    }

    public void info(SourceLocation location, DiagnosticCode code, String message) {
        report(location, Severity.INFO, code, message);
    }

    public void fatal(SourceLocation location, DiagnosticCode code, String message) {
        report(location, Severity.FATAL, code, message);
    }

    public void add(Diagnostic d) {
        if (list.size() < LIMIT) {
            list.add(d);
            return;
        }
        suppressed++;
        if (worstSuppressed == null || d.severity().compareTo(worstSuppressed) < 0) {
            worstSuppressed = d.severity();
        }
    }

    /** The diagnostics so far, plus a closing note when some were left out. */
    public List<Diagnostic> toList() {
        List<Diagnostic> out = new ArrayList<>(list);
        if (suppressed > 0) {
            out.add(Diagnostic.at(null, worstSuppressed, DiagnosticCode.TOO_MANY_DIAGNOSTICS,
                    suppressed + " more diagnostics not shown (only the first " + LIMIT + " are kept)"));
        }
        return out;
    }
}
