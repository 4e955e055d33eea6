package io.javalived.parser.diag;

/**
 * How bad a diagnostic is. {@code FATAL}: the configuration cannot run (keepalived's exit 4);
 * {@code ERROR} and {@code WARNING}: something was ignored, defaulted or skipped but it would run
 * (keepalived's exit 5, which keepalived also gives for its warnings); {@code INFO}: javalived's own
 * remarks that do not change the exit code.
 */
public enum Severity {
    FATAL, ERROR, WARNING, INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
