package io.javalived.parser.diag;

/** Stable diagnostic codes; the id never changes once released (scripts may grep for it). */
public enum DiagnosticCode {
    // Lexical and file level
    FILE_NOT_FOUND("KA001"),
    FILE_UNREADABLE("KA002"),
    INCLUDE_RECURSIVE("KA003"),
    INCLUDE_NO_MATCH("KA004"),
    LINE_TOO_LONG("KA005"),
    BINARY_CONTENT("KA006"),
    UNMATCHED_QUOTE("KA007"),
    MISSING_CLOSE_BRACE("KA008"),
    EXTRA_CLOSE_BRACE("KA009"),
    UNEXPECTED_OPEN_BRACE("KA010"),
    MISSING_OPEN_BRACE("KA011"),
    NESTING_TOO_DEEP("KA012"),
    BAD_DEFINITION("KA013"),
    BAD_SEQUENCE("KA014"),
    TOO_MANY_DIAGNOSTICS("KA015"),
    FILE_TOO_LARGE("KA016"),
    // Keywords
    UNKNOWN_KEYWORD("KA100"),
    UNKNOWN_BLOCK("KA101"),
    DEPRECATED_KEYWORD("KA102"),
    OBSOLETE_KEYWORD("KA103"),
    MISSING_PARAMETER("KA104"),
    EXTRA_PARAMETER("KA105"),
    UNSUPPORTED_KEYWORD("KA106"),
    // Values
    INVALID_NUMBER("KA200"),
    INVALID_ADDRESS("KA201"),
    INVALID_VALUE("KA202"),
    COLON_ADDRESS("KA203"),
    OUT_OF_RANGE("KA204"),
    // Semantics
    DEFAULT_APPLIED("KA300"),
    MISSING_SCRIPT("KA301"),
    UNKNOWN_REFERENCE("KA302"),
    DUPLICATE("KA303"),
    MISSING_REQUIRED("KA304"),
    INCONSISTENT("KA305"),
    IGNORED_SETTING("KA306"),
    // What javalived does with a keyword it parses (reported by the daemon module's NotApplied)
    /** keepalived 2.2.7 acts on it, javalived does not (yet): the message says what happens instead. */
    NOT_APPLIED("KA400"),
    /** Left out of javalived on purpose (SNMP, D-Bus, keepalived's child processes): INFO, listed in the README. */
    LEFT_OUT("KA401"),
    // This host (-t checks what the host has, as keepalived does; --no-host-checks skips them)
    /** An interface the configuration names does not exist on this host. */
    NO_SUCH_INTERFACE("KA500"),
    // javalived itself
    INTERNAL_ERROR("KA900");

    private final String id;

    DiagnosticCode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
