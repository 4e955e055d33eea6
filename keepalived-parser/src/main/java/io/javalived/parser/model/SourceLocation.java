package io.javalived.parser.model;

/**
 * Where a piece of configuration came from: the file as it was named (the main file or an included
 * one), the 1-based line, and the 1-based column when it is known (0 when not).
 */
public record SourceLocation(String file, int line, int column) {

    public static SourceLocation of(String file, int line) {
        return new SourceLocation(file, line, 0);
    }

    /** keepalived's prefix style: {@code (file: Line N)}. */
    public String keepalivedPrefix() {
        return "(" + file + ": Line " + line + ")";
    }

    @Override
    public String toString() {
        return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
    }
}
