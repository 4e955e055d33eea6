package io.javalived.parser.syntax;

import io.javalived.parser.model.SourceLocation;

import java.util.List;

/**
 * One keyword line of the configuration with its block, if any: the syntax tree the binder walks.
 * {@code words} are the line's words (quotes removed); {@code quoted} tells which were written in quotes.
 * {@code children} is null when no block follows the line. An orphan block (a '{' with no keyword line)
 * has no words.
 */
public record Node(List<String> words, boolean[] quoted, SourceLocation location, List<Node> children,
                   SourceLocation blockEnd) {

    public String keyword() {
        return words.isEmpty() ? "" : words.getFirst();
    }

    public boolean hasBlock() {
        return children != null;
    }

    /** Number of arguments after the keyword. */
    public int argCount() {
        return Math.max(0, words.size() - 1);
    }

    /** Argument {@code i} (0-based, after the keyword). */
    public String arg(int i) {
        return words.get(i + 1);
    }

    public List<String> args() {
        return words.isEmpty() ? List.of() : words.subList(1, words.size());
    }

    public boolean argQuoted(int i) {
        return quoted.length > i + 1 && quoted[i + 1];
    }

    /** The last line of this node: the block's closing brace, or its own line. */
    public int lastLine() {
        return blockEnd != null ? blockEnd.line() : location.line();
    }
}
