package io.javalived.parser.bind;

import io.javalived.parser.ParseOptions;
import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.diag.Diagnostics;
import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.ScriptCommand;
import io.javalived.parser.model.SourceLocation;
import io.javalived.parser.syntax.Node;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** What every binder needs: diagnostics, options, and value parsing with keepalived's messages. */
final class BindContext {
    private final Diagnostics diagnostics;
    private final ParseOptions options;

    BindContext(Diagnostics diagnostics, ParseOptions options) {
        this.diagnostics = diagnostics;
        this.options = options;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    ParseOptions options() {
        return options;
    }

    private final java.util.Map<String, String> homes = new java.util.HashMap<>();

    /** Remembers which block each keyword of {@code table} belongs to, for "it belongs in ..." hints. */
    void registerHome(KeywordTable<?> table) {
        for (String k : table.keywords()) {
            homes.putIfAbsent(k, table.blockName());
        }
    }

    void unknownKeyword(Node node, KeywordTable<?> table) {
        String kw = node.keyword();
        String home = homes.get(kw);
        String hint = home != null && !home.equals(table.blockName())
                ? " - it belongs in a " + home + " block, not in " + table.blockName()
                : Suggestions.closest(kw, table.keywords()).map(s -> " - did you mean '" + s + "'?").orElse("");
        if (node.hasBlock()) {
            diagnostics.error(node.location(), DiagnosticCode.UNKNOWN_BLOCK, "Unknown keyword '" + kw + "'" + hint
                    + " - skipping its block (lines " + node.location().line() + "-" + node.lastLine()
                    + "; keepalived would ignore only the '{' and mis-nest the rest of the file)");
        } else {
            diagnostics.error(node.location(), DiagnosticCode.UNKNOWN_KEYWORD, "Unknown keyword '" + kw + "'" + hint);
        }
    }

    boolean needArgs(Node n, int count) {
        if (n.argCount() < count) {
            diagnostics.error(n.location(), DiagnosticCode.MISSING_PARAMETER,
                    n.keyword() + ": missing parameter - ignoring");
            return false;
        }
        return true;
    }

    Optional<String> string(Node n) {
        return needArgs(n, 1) ? Optional.of(n.arg(0)) : Optional.empty();
    }

    /** An integer argument in [min, max], with keepalived's messages. */
    OptionalLong integer(Node n, int index, long min, long max) {
        if (!needArgs(n, index + 1)) {
            return OptionalLong.empty();
        }
        return integer(n.location(), n.arg(index), min, max);
    }

    OptionalLong integer(SourceLocation where, String text, long min, long max) {
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            diagnostics.error(where, DiagnosticCode.INVALID_NUMBER, "invalid number '" + text + "'");
            return OptionalLong.empty();
        }
        if (v < min || v > max) {
            diagnostics.error(where, DiagnosticCode.OUT_OF_RANGE,
                    "number '" + text + "' outside range [" + min + ", " + max + "]");
            return OptionalLong.empty();
        }
        return v >= 0 && v < SMALL.length ? SMALL[(int) v] : OptionalLong.of(v);
    }

    /** Small numbers (weights, ports below 1024, retries), shared. */
    private static final OptionalLong[] SMALL = new OptionalLong[1024];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = OptionalLong.of(i);
        }
    }

    /** A {@code <TIMER>}: decimal seconds with microsecond resolution, in [min, max] seconds. */
    Optional<Duration> timer(Node n, int index, double minSeconds, double maxSeconds) {
        if (!needArgs(n, index + 1)) {
            return Optional.empty();
        }
        return timer(n.location(), n.arg(index), minSeconds, maxSeconds);
    }

    /** Whole-second timers up to ten minutes, shared: a configuration repeats the same few on every checker. */
    @SuppressWarnings("unchecked")
    private static final Optional<Duration>[] WHOLE_SECONDS = new Optional[601];

    static {
        for (int i = 0; i < WHOLE_SECONDS.length; i++) {
            WHOLE_SECONDS[i] = Optional.of(Duration.ofSeconds(i));
        }
    }

    Optional<Duration> timer(SourceLocation where, String text, double minSeconds, double maxSeconds) {
        long whole = simpleSeconds(text);
        if (whole >= 0 && whole >= minSeconds && whole <= maxSeconds) {
            return whole < WHOLE_SECONDS.length ? WHOLE_SECONDS[(int) whole] : Optional.of(Duration.ofSeconds(whole));
        }
        long micros = DecimalSeconds.micros(text, DecimalSeconds.boundMicros(minSeconds), DecimalSeconds.boundMicros(maxSeconds));
        if (micros == DecimalSeconds.INVALID) {
            diagnostics.error(where, DiagnosticCode.INVALID_NUMBER, "invalid number '" + text + "'");
            return Optional.empty();
        }
        if (micros == DecimalSeconds.OUT_OF_RANGE) {
            diagnostics.error(where, DiagnosticCode.OUT_OF_RANGE, "number '" + text + "' outside range ["
                    + trim(minSeconds) + ", " + trim(maxSeconds) + "]");
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(micros * 1000));
    }

    /** A plain whole number of seconds (the common case), or -1 when the text is anything else. */
    private static long simpleSeconds(String text) {
        int n = text.length();
        if (n == 0 || n > 9) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** A flag: no argument means true; else on/off/true/false/yes/no. */
    boolean bool(Node n, int index) {
        if (n.argCount() <= index) {
            return true;
        }
        return switch (n.arg(index).toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> {
                diagnostics.error(n.location(), DiagnosticCode.INVALID_VALUE,
                        n.keyword() + ": invalid boolean '" + n.arg(index) + "' - using true");
                yield true;
            }
        };
    }

    Optional<InetAddress> address(Node n, int index, String what) {
        if (!needArgs(n, index + 1)) {
            return Optional.empty();
        }
        Optional<InetAddress> a = AddressParser.parse(n.arg(index));
        if (a.isEmpty()) {
            diagnostics.error(n.location(), DiagnosticCode.INVALID_ADDRESS,
                    "Invalid " + what + " '" + n.arg(index) + "' - ignoring");
        }
        return a;
    }

    static RawValue raw(Node n) {
        return new RawValue(n.keyword(), n.args(), n.location());
    }

    /** Raw values of a block kept uninterpreted: one per line inside, named after the block keyword. */
    static List<RawValue> rawLines(Node n) {
        List<RawValue> out = new ArrayList<>();
        if (!n.hasBlock()) {
            out.add(raw(n));
            return out;
        }
        for (Node c : n.children()) {
            out.add(new RawValue(n.keyword(), c.words(), c.location()));
            if (c.hasBlock()) {
                out.addAll(rawLines(c));
            }
        }
        return out;
    }

    /**
     * A script keyword: {@code keyword "cmd args" [user [group]]} or {@code keyword cmd} (unquoted: the
     * whole rest of the line is the command).
     */
    Optional<ScriptCommand> script(Node n) {
        if (!needArgs(n, 1)) {
            return Optional.empty();
        }
        String command;
        Optional<String> user = Optional.empty();
        Optional<String> group = Optional.empty();
        if (n.argQuoted(0)) {
            command = n.arg(0);
            if (n.argCount() >= 2) {
                user = Optional.of(n.arg(1));
            }
            if (n.argCount() >= 3) {
                String g = n.arg(2);
                group = Optional.of(g.startsWith(":") ? g.substring(1) : g);
            }
        } else {
            command = String.join(" ", n.args());
        }
        List<String> argv = ShellWords.split(command);
        if (argv.isEmpty()) {
            diagnostics.error(n.location(), DiagnosticCode.MISSING_PARAMETER, n.keyword() + ": empty command - ignoring");
            return Optional.empty();
        }
        return Optional.of(new ScriptCommand(command, argv, user, group));
    }
}
