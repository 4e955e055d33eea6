package io.javalived.parser.lex;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.diag.Diagnostics;
import io.javalived.parser.model.SourceLocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * keepalived's per-line steps, in its order: decomment, {@code @id}/{@code @^id} conditional,
 * {@code $NAME=value} definition (multi-line with trailing {@code \}), {@code ~SEQ}/{@code ~LST} repetition,
 * {@code $NAME}/{@code ${NAME}} expansion (then decomment again). One physical line gives zero or more
 * logical lines. Include detection and brace splitting follow in {@link ConfigLexer}.
 */
final class Preprocessor {
    /** Limits that keep hostile input bounded. */
    static final int MAX_EXPANSION_DEPTH = 32;
    static final int MAX_GENERATED_LINES = 1_000_000;
    static final int MAX_EXPANDED_LENGTH = 1 << 20;

    private final String configId;
    private final Diagnostics diagnostics;
    private final Map<String, String> definitions = new HashMap<>();
    private final String instanceName;
    private String pendingName;
    private StringBuilder pendingValue;
    private int generated;
    private String currentDir = ".";

    Preprocessor(String configId, String instanceName, Diagnostics diagnostics) {
        this.configId = configId;
        this.instanceName = instanceName;
        this.diagnostics = diagnostics;
    }

    void currentDirectory(String dir) {
        this.currentDir = dir;
    }

    /** Whether a multi-line {@code $NAME=} definition is still open (reported at end of file). */
    boolean inDefinition() {
        return pendingName != null;
    }

    void endOfInput(SourceLocation where) {
        if (pendingName != null) {
            diagnostics.warning(where, DiagnosticCode.BAD_DEFINITION,
                    "Multi-line definition of $" + pendingName + " not terminated at end of file");
            definitions.put(pendingName, pendingValue.toString());
            pendingName = null;
        }
    }

    /** Processes one physical line; logical lines are appended to {@code out}. */
    void process(String raw, String file, int lineNo, List<String> out) {
        if (pendingName == null && plain(raw)) {
            String line = raw.strip();
            if (!line.isEmpty()) {
                out.add(line);
            }
            return;
        }
        process(raw, SourceLocation.of(file, lineNo), out);
    }

    private void process(String raw, SourceLocation where, List<String> out) {
        String line = decomment(raw.strip());
        if (pendingName != null) {
            if (line.endsWith("\\")) {
                appendDefinitionLine(line.substring(0, line.length() - 1).strip());
            } else {
                appendDefinitionLine(line);
                definitions.put(pendingName, pendingValue.toString());
                pendingName = null;
            }
            return;
        }
        if (line.isEmpty()) {
            return;
        }
        if (line.charAt(0) == '@') {
            line = conditional(line);
            if (line == null || line.isEmpty()) {
                return;
            }
        }
        if (line.charAt(0) == '$' && definition(line, where)) {
            return;
        }
        generated = 0;
        expandLine(line, where, out, 0);
    }

    /** No character that any preprocessing step reacts to: the line passes through unchanged. */
    private static boolean plain(String line) {
        for (int i = 0, n = line.length(); i < n; i++) {
            switch (line.charAt(i)) {
                case '#', '!', '"', '\\', '$', '~', '@' -> {
                    return false;
                }
                default -> { }
            }
        }
        return true;
    }

    private void appendDefinitionLine(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!pendingValue.isEmpty()) {
            pendingValue.append('\n');
        }
        pendingValue.append(text);
    }

    /** {@code @ID rest} kept when ID is the config id; {@code @^ID rest} kept when it is not. */
    private String conditional(String line) {
        boolean negate = line.length() > 1 && line.charAt(1) == '^';
        int start = negate ? 2 : 1;
        int end = start;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        String id = line.substring(start, end);
        boolean match = id.equals(configId);
        return match != negate ? line.substring(end).strip() : null;
    }

    /** {@code $NAME=value}: no blank before '='. Returns false when the line is not a definition. */
    private boolean definition(String line, SourceLocation where) {
        int i = 1;
        if (i >= line.length() || !nameStart(line.charAt(i))) {
            return false;
        }
        while (i < line.length() && namePart(line.charAt(i))) {
            i++;
        }
        if (i >= line.length() || line.charAt(i) != '=') {
            return false;
        }
        String name = line.substring(1, i);
        String value = line.substring(i + 1).strip();
        if (name.startsWith("_")) {
            diagnostics.error(where, DiagnosticCode.BAD_DEFINITION,
                    "Definition name '$" + name + "' starts with '_', which keepalived reserves - ignoring");
            return true;
        }
        if (value.endsWith("\\")) {
            pendingName = name;
            pendingValue = new StringBuilder();
            appendDefinitionLine(value.substring(0, value.length() - 1).strip());
        } else {
            definitions.put(name, value);
        }
        return true;
    }

    private void expandLine(String line, SourceLocation where, List<String> out, int depth) {
        int seq = line.indexOf("~SEQ");
        int lst = line.indexOf("~LST");
        int at = seq < 0 ? lst : lst < 0 ? seq : Math.min(seq, lst);
        if (at >= 0 && repeat(line, at, where, out, depth)) {
            return;
        }
        String text = line;
        if (text.indexOf('$') >= 0) {
            text = substitute(text, where, 0);
            text = decomment(text);
        }
        if (text.indexOf('\n') >= 0) {
            for (String part : text.split("\n")) {
                String p = part.strip();
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        } else if (!text.isBlank()) {
            out.add(text.strip());
        }
    }

    /** {@code ~SEQ[x](var,[start,[step,]]end) rest} and {@code ~LST(var,v1,v2...) rest}. */
    private boolean repeat(String line, int at, SourceLocation where, List<String> out, int depth) {
        boolean hex = line.startsWith("~SEQx(", at);
        boolean isSeq = line.startsWith("~SEQ", at);
        int open = at + (hex ? 5 : 4);
        if (open >= line.length() || line.charAt(open) != '(') {
            return false;
        }
        int close = matchingParen(line, open);
        if (close < 0) {
            diagnostics.error(where, DiagnosticCode.BAD_SEQUENCE, "Missing ')' in " + line.substring(at, open));
            return true;
        }
        if (depth > MAX_EXPANSION_DEPTH) {
            diagnostics.error(where, DiagnosticCode.BAD_SEQUENCE, "~SEQ/~LST nested too deeply - ignoring line");
            return true;
        }
        String prefix = line.substring(0, at);
        String rest = line.substring(close + 1);
        List<String> args = splitArgs(line.substring(open + 1, close));
        List<List<String>> names = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        if (isSeq) {
            if (args.size() < 2 || args.size() > 4) {
                diagnostics.error(where, DiagnosticCode.BAD_SEQUENCE,
                        "~SEQ needs (var, end), (var, start, end) or (var, start, step, end) - ignoring line");
                return true;
            }
            long start;
            long step;
            long end;
            try {
                end = Long.parseLong(args.getLast().strip());
                start = args.size() >= 3 ? Long.parseLong(args.get(1).strip()) : (end >= 1 ? 1 : -1);
                step = args.size() == 4 ? Long.parseLong(args.get(2).strip()) : (end >= start ? 1 : -1);
            } catch (NumberFormatException e) {
                diagnostics.error(where, DiagnosticCode.BAD_SEQUENCE, "Invalid number in ~SEQ(" + String.join(",", args)
                        + ") - ignoring line");
                return true;
            }
            if (step == 0 || (end - start) / step < 0 || (end - start) / step >= MAX_GENERATED_LINES) {
                diagnostics.error(where, DiagnosticCode.BAD_SEQUENCE, "~SEQ(" + String.join(",", args)
                        + ") gives no values or too many (limit " + MAX_GENERATED_LINES + ") - ignoring line");
                return true;
            }
            names.add(List.of(args.getFirst().strip()));
            for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
                rows.add(List.of(hex ? Long.toHexString(v) : Long.toString(v)));
            }
        } else {
            if (args.size() < 2) {
                diagnostics.error(where, DiagnosticCode.BAD_SEQUENCE, "~LST needs a variable and values - ignoring line");
                return true;
            }
            names.add(braceList(args.getFirst()));
            for (String a : args.subList(1, args.size())) {
                rows.add(braceList(a));
            }
        }
        List<String> vars = names.getFirst();
        for (List<String> row : rows) {
            if (++generated > MAX_GENERATED_LINES) {
                diagnostics.error(where, DiagnosticCode.BAD_SEQUENCE, "~SEQ/~LST generate more than "
                        + MAX_GENERATED_LINES + " lines - stopping");
                return true;
            }
            Map<String, String> saved = new HashMap<>();
            for (int i = 0; i < vars.size(); i++) {
                String var = vars.get(i);
                saved.put(var, definitions.get(var));
                definitions.put(var, i < row.size() ? row.get(i) : "");
            }
            expandLine(prefix + substituteOnly(rest, vars, where), where, out, depth + 1);
            for (var e : saved.entrySet()) {
                if (e.getValue() == null) {
                    definitions.remove(e.getKey());
                } else {
                    definitions.put(e.getKey(), e.getValue());
                }
            }
        }
        return true;
    }

    /** Expands only the given variables (the loop variables), leaving everything else for later. */
    private String substituteOnly(String text, List<String> vars, SourceLocation where) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length()) {
                Ref ref = reference(text, i);
                if (ref != null && vars.contains(ref.name)) {
                    sb.append(definitions.get(ref.name));
                    i = ref.end;
                    continue;
                }
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    private record Ref(String name, String argument, int end, boolean braced) {}

    /** A {@code $NAME} (followed by blank or end) or {@code ${NAME [args]}} reference at {@code i}, or null. */
    private static Ref reference(String text, int i) {
        if (text.charAt(i + 1) == '{') {
            int close = text.indexOf('}', i + 2);
            if (close < 0) {
                return null;
            }
            String inner = text.substring(i + 2, close).strip();
            int sp = inner.indexOf(' ');
            String name = sp < 0 ? inner : inner.substring(0, sp);
            String arg = sp < 0 ? "" : inner.substring(sp + 1).strip();
            return name.isEmpty() ? null : new Ref(name, arg, close + 1, true);
        }
        if (!nameStart(text.charAt(i + 1))) {
            return null;
        }
        int j = i + 2;
        while (j < text.length() && namePart(text.charAt(j))) {
            j++;
        }
        if (j < text.length() && !Character.isWhitespace(text.charAt(j))) {
            return null;
        }
        return new Ref(text.substring(i + 1, j), "", j, false);
    }

    private String substitute(String text, SourceLocation where, int depth) {
        if (depth > MAX_EXPANSION_DEPTH) {
            diagnostics.error(where, DiagnosticCode.BAD_DEFINITION,
                    "Definitions refer to each other too deeply (recursive $NAME?) - left unexpanded");
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        int i = 0;
        boolean changed = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length()) {
                Ref ref = reference(text, i);
                if (ref != null) {
                    String value = lookup(ref);
                    if (value != null) {
                        sb.append(substitute(value, where, depth + 1));
                        if (sb.length() > MAX_EXPANDED_LENGTH) {
                            diagnostics.error(where, DiagnosticCode.BAD_DEFINITION,
                                    "Expanded line longer than " + MAX_EXPANDED_LENGTH + " characters - ignoring line");
                            return "";
                        }
                        i = ref.end;
                        changed = true;
                        continue;
                    }
                }
            }
            sb.append(c);
            i++;
        }
        return changed ? sb.toString() : text;
    }

    private String lookup(Ref ref) {
        if (ref.braced && ref.name.startsWith("_")) {
            return switch (ref.name) {
                case "_PWD" -> currentDir;
                case "_INSTANCE" -> instanceName;
                case "_HASH" -> "\\#";
                case "_BANG" -> "\\!";
                case "_ENV" -> {
                    String v = ref.argument.isEmpty() ? null : System.getenv(ref.argument);
                    yield v == null ? "" : v;
                }
                case "_RANDOM" -> random(ref.argument);
                default -> null;
            };
        }
        if (!ref.braced && ref.name.startsWith("_")) {
            return null;
        }
        return ref.argument.isEmpty() ? definitions.get(ref.name) : null;
    }

    private static String random(String argument) {
        long min = 0;
        long max = 32767;
        String[] parts = argument.isBlank() ? new String[0] : argument.strip().split("\\s+");
        try {
            if (parts.length >= 1) {
                min = Long.parseLong(parts[0]);
            }
            if (parts.length >= 2) {
                max = Long.parseLong(parts[1]);
            }
        } catch (NumberFormatException e) {
            return "0";
        }
        if (max < min) {
            return Long.toString(min);
        }
        return Long.toString(ThreadLocalRandom.current().nextLong(min, max + 1));
    }

    /** Removes a {@code #} or {@code !} comment outside double quotes; {@code \#}/{@code \!} stay (unescaped later). */
    static String decomment(String line) {
        int n = line.length();
        boolean quoted = false;
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == '\\' && i + 1 < n && (line.charAt(i + 1) == '#' || line.charAt(i + 1) == '!')) {
                    i++;
                } else if (c == '#' || c == '!') {
                    return line.substring(0, i).stripTrailing();
                }
            }
        }
        return line;
    }

    private static int matchingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Splits on commas outside {@code {...}} and parentheses. */
    private static List<String> splitArgs(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '(') {
                depth++;
            } else if (c == '}' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(s.substring(start).strip());
        return out;
    }

    private static List<String> braceList(String s) {
        String t = s.strip();
        if (t.startsWith("{") && t.endsWith("}")) {
            List<String> out = new ArrayList<>();
            for (String p : t.substring(1, t.length() - 1).split(",")) {
                out.add(p.strip());
            }
            return out;
        }
        return List.of(t);
    }

    private static boolean nameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean namePart(char c) {
        return nameStart(c) || (c >= '0' && c <= '9');
    }
}
