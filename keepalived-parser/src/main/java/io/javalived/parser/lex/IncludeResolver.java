package io.javalived.parser.lex;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands an {@code include} pattern as glob(3) with csh braces does: relative patterns are relative to
 * the including file's directory; results are sorted; a pattern without wildcards names one file.
 */
final class IncludeResolver {
    private IncludeResolver() {}

    static boolean hasWildcard(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }

    static List<Path> resolve(Path baseDir, String pattern) throws IOException {
        Path p = Path.of(pattern);
        Path full = p.isAbsolute() ? p : baseDir.resolve(p);
        if (!hasWildcard(pattern)) {
            return Files.isRegularFile(full) ? List.of(full.normalize()) : List.of();
        }
        // The fixed leading directory, then match the remaining components against the glob.
        Path root = full.getRoot() == null ? Path.of("") : full.getRoot();
        Path fixed = root;
        int i = 0;
        for (; i < full.getNameCount(); i++) {
            String part = full.getName(i).toString();
            if (hasWildcard(part)) {
                break;
            }
            fixed = fixed.resolve(part);
        }
        int depth = full.getNameCount() - i;
        if (!Files.isDirectory(fixed) || depth <= 0) {
            return List.of();
        }
        String glob = full.subpath(i, full.getNameCount()).toString();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        Path base = fixed;
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(base, depth)) {
            s.filter(f -> !f.equals(base))
                    .filter(f -> base.relativize(f).getNameCount() == depth)
                    .filter(f -> matcher.matches(base.relativize(f)))
                    .filter(Files::isRegularFile)
                    .forEach(f -> out.add(f.normalize()));
        }
        out.sort(null);
        return out;
    }
}
