package io.javalived.parser.model;

/** {@code FILE_CHECK}: the real server follows a {@code track_file}; value x weight adjusts its weight. */
public record FileCheck(String trackFile, int weight, boolean reverse, SourceLocation location) implements Checker {
    @Override
    public CheckerKind kind() {
        return CheckerKind.FILE_CHECK;
    }
}
