package io.javalived.parser.diag;

import io.javalived.parser.model.SourceLocation;

import java.util.Optional;

/**
 * One message about the configuration: where (file:line[:column], absent for whole-file facts), how bad,
 * a stable code, and the text. The text follows keepalived's wording where keepalived has a message, so
 * users can search for it.
 */
public record Diagnostic(Optional<SourceLocation> location, Severity severity, DiagnosticCode code, String message) {

    public static Diagnostic at(SourceLocation location, Severity severity, DiagnosticCode code, String message) {
        return new Diagnostic(Optional.ofNullable(location), severity, code, message);
    }

    /** keepalived's style plus ours: {@code (file: Line N) message [severity code]}. */
    public String format() {
        String where = location.map(l -> l.keepalivedPrefix() + " ").orElse("");
        return where + message + " [" + severity.label() + " " + code.id() + "]";
    }

    @Override
    public String toString() {
        return format();
    }
}
