package io.javalived.daemon.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: it rejects anything a Prometheus
 * server would reject (bad names, bad label syntax or escapes, unparseable values, a TYPE after samples of
 * its family, a family split in two, a sample name that does not belong to its family's type, duplicate
 * series) with the line number.
 */
public final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    public record Sample(String name, Map<String, String> labels, double value) {}

    public record Family(String name, String type, String help, List<Sample> samples) {}

    public static final class ParseError extends RuntimeException {
        ParseError(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    private PrometheusText() {}

    public static Map<String, Family> parse(String text) {
        Map<String, Family> families = new LinkedHashMap<>();
        Set<String> closed = new HashSet<>();
        Set<String> series = new HashSet<>();
        String open = null;
        String[] lines = text.split("\n", -1);
        if (!text.endsWith("\n")) {
            throw new ParseError(lines.length, "the page must end with a newline");
        }
        for (int n = 0; n < lines.length - 1; n++) {
            int lineNo = n + 1;
            String line = lines[n];
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                    String name = parts[2];
                    requireName(lineNo, name);
                    Family f = families.get(name);
                    if (closed.contains(name) || (f != null && !f.samples().isEmpty())) {
                        throw new ParseError(lineNo, parts[1] + " for " + name + " after its samples");
                    }
                    if (open != null && !open.equals(name)) {
                        closed.add(open);
                    }
                    open = name;
                    String rest = parts.length == 4 ? parts[3] : "";
                    if (parts[1].equals("TYPE")) {
                        if (!TYPES.contains(rest)) {
                            throw new ParseError(lineNo, "unknown type '" + rest + "'");
                        }
                        if (f != null && f.type() != null) {
                            throw new ParseError(lineNo, "second TYPE for " + name);
                        }
                        families.put(name, new Family(name, rest, f == null ? null : f.help(), new ArrayList<>()));
                    } else {
                        if (f != null && f.help() != null) {
                            throw new ParseError(lineNo, "second HELP for " + name);
                        }
                        families.put(name, new Family(name, f == null ? null : f.type(), rest, new ArrayList<>()));
                    }
                }
                continue;
            }
            Sample s = sample(lineNo, line);
            String family = familyOf(s.name(), families);
            if (family == null) {
                family = s.name();
                families.put(family, new Family(family, "untyped", null, new ArrayList<>()));
            }
            if (closed.contains(family)) {
                throw new ParseError(lineNo, "samples of " + family + " are not together");
            }
            if (open != null && !open.equals(family)) {
                closed.add(open);
            }
            open = family;
            Family f = families.get(family);
            String type = f.type() == null ? "untyped" : f.type();
            String suffix = s.name().substring(family.length());
            boolean ok = switch (type) {
                case "counter" -> suffix.isEmpty() || suffix.equals("_total") || suffix.equals("_created");
                case "gauge", "untyped" -> suffix.isEmpty();
                case "histogram" -> Set.of("_bucket", "_count", "_sum", "_created").contains(suffix);
                case "summary" -> Set.of("", "_count", "_sum", "_created").contains(suffix);
                default -> false;
            };
            if (!ok) {
                throw new ParseError(lineNo, "sample " + s.name() + " does not belong to " + type + " " + family);
            }
            if (!series.add(s.name() + s.labels())) {
                throw new ParseError(lineNo, "duplicate series " + s.name() + s.labels());
            }
            f.samples().add(s);
        }
        return families;
    }

    private static String familyOf(String sample, Map<String, Family> families) {
        if (families.containsKey(sample)) {
            return sample;
        }
        for (String suffix : List.of("_total", "_created", "_bucket", "_count", "_sum")) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                if (families.containsKey(base)) {
                    return base;
                }
            }
        }
        return null;
    }

    private static Sample sample(int lineNo, String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        requireName(lineNo, name);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                if (i >= line.length()) {
                    throw new ParseError(lineNo, "unterminated label set");
                }
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                if (eq < 0) {
                    throw new ParseError(lineNo, "label without '='");
                }
                String label = line.substring(i, eq);
                if (!LABEL.matcher(label).matches()) {
                    throw new ParseError(lineNo, "bad label name '" + label + "'");
                }
                i = eq + 1;
                if (i >= line.length() || line.charAt(i) != '"') {
                    throw new ParseError(lineNo, "label value of " + label + " is not quoted");
                }
                i++;
                StringBuilder v = new StringBuilder();
                while (true) {
                    if (i >= line.length()) {
                        throw new ParseError(lineNo, "unterminated label value of " + label);
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        if (i >= line.length()) {
                            throw new ParseError(lineNo, "dangling escape");
                        }
                        char e = line.charAt(i++);
                        switch (e) {
                            case '\\' -> v.append('\\');
                            case '"' -> v.append('"');
                            case 'n' -> v.append('\n');
                            default -> throw new ParseError(lineNo, "bad escape \\" + e);
                        }
                    } else {
                        v.append(c);
                    }
                }
                if (labels.put(label, v.toString()) != null) {
                    throw new ParseError(lineNo, "label " + label + " twice");
                }
                if (i < line.length() && line.charAt(i) == ',') {
                    i++;
                } else if (i >= line.length() || line.charAt(i) != '}') {
                    throw new ParseError(lineNo, "expected ',' or '}' after label " + label);
                }
            }
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new ParseError(lineNo, "expected a space before the value");
        }
        String[] rest = line.substring(i + 1).split(" ");
        if (rest.length < 1 || rest.length > 2) {
            throw new ParseError(lineNo, "expected VALUE [TIMESTAMP]");
        }
        double value = value(lineNo, rest[0]);
        if (rest.length == 2) {
            try {
                Long.parseLong(rest[1]);
            } catch (NumberFormatException e) {
                throw new ParseError(lineNo, "bad timestamp '" + rest[1] + "'");
            }
        }
        return new Sample(name, labels, value);
    }

    private static double value(int lineNo, String v) {
        return switch (v) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new ParseError(lineNo, "bad value '" + v + "'");
                }
            }
        };
    }

    private static void requireName(int lineNo, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ParseError(lineNo, "bad metric name '" + name + "'");
        }
    }
}
