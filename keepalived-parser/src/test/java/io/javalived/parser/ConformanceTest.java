package io.javalived.parser;

import io.javalived.parser.diag.Diagnostic;
import io.javalived.parser.diag.DiagnosticCode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sample in ../shared/conformance/keepalived-samples parses, and its syntax-level messages (unknown
 * keyword, invalid number or address, deprecated, missing script) are at the same lines, in the same
 * category, as in EXPECTED-keepalived-2.2.7.txt. Optional: skipped, with the reason, when ../shared is absent.
 *
 * <p>Where javalived deliberately does better than keepalived it says so in {@link #DELIBERATE}; today the
 * samples need no exception: the improvements (unknown blocks skipped whole, 'IP:port' accepted with a
 * warning, nb_get_retry applied in every checker, nat_mask reported as obsolete, a missing main file is
 * fatal) do not occur in these samples and are covered by the unit tests. Interface-existence messages
 * ("doesn't exist", "Non-existent interface") depend on the host and are not compared.
 */
class ConformanceTest {

    /** file -> "line:category" pairs where javalived deliberately differs from keepalived 2.2.7. */
    static final Map<String, Set<String>> DELIBERATE = Map.of();

    enum Category { UNKNOWN_KEYWORD, INVALID_NUMBER, INVALID_ADDRESS, DEPRECATED, MISSING_SCRIPT }

    private static final Pattern HEADER = Pattern.compile("^== (\\S+) rc=(\\d+)$");
    private static final Pattern LINE = Pattern.compile("^\\((?:[^:]+: )?Line (\\d+)\\) (.*)$");

    /** {@code javalived.shared} when set, else {@code javalived.repo}/../shared. */
    static Path shared() {
        String explicit = System.getProperty("javalived.shared");
        if (explicit != null) {
            return Path.of(explicit);
        }
        return Path.of(System.getProperty("javalived.repo", "..")).resolve("../shared").normalize();
    }

    static Path samples() {
        return shared().resolve("conformance/keepalived-samples");
    }

    /** keepalived's message text -> category, or null when it is not a syntax-level message. */
    static Category categoryOf(String message) {
        if (message.contains("Unknown keyword")) {
            return Category.UNKNOWN_KEYWORD;
        }
        if (message.contains("deprecated")) {
            return Category.DEPRECATED;
        }
        if (message.contains("invalid number") || message.contains("outside range")) {
            return Category.INVALID_NUMBER;
        }
        if (message.contains("invalid IP") || message.matches("(?i).*invalid .*address.*")) {
            return Category.INVALID_ADDRESS;
        }
        if (message.contains("No script set") || message.matches(".*track script .* not found.*")) {
            return Category.MISSING_SCRIPT;
        }
        return null;
    }

    static Category categoryOf(Diagnostic d) {
        return switch (d.code()) {
            case UNKNOWN_KEYWORD, UNKNOWN_BLOCK -> Category.UNKNOWN_KEYWORD;
            case DEPRECATED_KEYWORD -> Category.DEPRECATED;
            case INVALID_NUMBER, OUT_OF_RANGE -> Category.INVALID_NUMBER;
            case INVALID_ADDRESS -> Category.INVALID_ADDRESS;
            case MISSING_SCRIPT -> Category.MISSING_SCRIPT;
            case UNKNOWN_REFERENCE -> d.message().contains("track script") ? Category.MISSING_SCRIPT : null;
            default -> null;
        };
    }

    static Map<String, Set<String>> expected(Path file) throws IOException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Set<String> current = null;
        for (String line : Files.readAllLines(file)) {
            Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                current = new TreeSet<>();
                out.put(h.group(1), current);
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (current != null && m.matches()) {
                Category c = categoryOf(m.group(2));
                if (c != null) {
                    current.add(m.group(1) + ":" + c);
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everySampleMatchesKeepalived() throws IOException {
        Path dir = samples();
        Path expectedFile = dir.resolve("EXPECTED-keepalived-2.2.7.txt");
        if (!Files.isRegularFile(expectedFile)) {
            return Stream.of(DynamicTest.dynamicTest("samples", () -> Assumptions.assumeTrue(false,
                    "conformance samples not found at " + dir + " (../shared is optional)")));
        }
        Map<String, Set<String>> expected = expected(expectedFile);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().startsWith("keepalived.conf")).sorted().forEach(files::add);
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String name = f.getFileName().toString();
            assertThat(expected).as("EXPECTED has an entry for " + name).containsKey(name);
            ParseResult r = KeepalivedParser.parse(f, new ParseOptions("conformance", "conformance"));
            assertThat(r.diagnostics()).noneMatch(d -> d.code() == DiagnosticCode.INTERNAL_ERROR);
            Set<String> ours = new TreeSet<>();
            for (Diagnostic d : r.diagnostics()) {
                Category c = categoryOf(d);
                if (c != null && d.location().isPresent()) {
                    ours.add(d.location().get().line() + ":" + c);
                }
            }
            ours.removeAll(DELIBERATE.getOrDefault(name, Set.of()));
            assertThat(ours).as("syntax-level messages (line:category) for " + name).isEqualTo(expected.get(name));
        }));
    }
}
