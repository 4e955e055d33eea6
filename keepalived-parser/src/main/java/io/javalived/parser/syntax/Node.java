package io.javalived.parser.syntax;

import io.javalived.parser.model.SourceLocation;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One keyword line of the configuration with its block, if any: the syntax tree the binder walks.
 * The line's words (quotes removed) are kept as an array, read through {@link #keyword()},
 * {@link #arg(int)} and {@link #argCount()} on the binder's hot path; {@link #words()} is a list view for
 * the rest. {@code quoted} tells which words were written in quotes. {@code children} is null when no block
 * follows the line. An orphan block (a '{' with no keyword line) has no words.
 */
public final class Node {
    private static final String[] NO_WORDS = new String[0];

    private final String[] words;
    private final boolean[] quoted;
    private final SourceLocation location;
    private final List<Node> children;
    private final SourceLocation blockEnd;

    Node(String[] words, boolean[] quoted, SourceLocation location, List<Node> children, SourceLocation blockEnd) {
        this.words = words.length == 0 ? NO_WORDS : words;
        this.quoted = quoted;
        this.location = location;
        this.children = children;
        this.blockEnd = blockEnd;
    }

    /** The line's words, keyword first (unmodifiable; empty for an orphan block). */
    public List<String> words() {
        return Collections.unmodifiableList(Arrays.asList(words));
    }

    /** Whether the line has no words: an orphan block. */
    public boolean isOrphanBlock() {
        return words.length == 0;
    }

    public boolean[] quoted() {
        return quoted;
    }

    public SourceLocation location() {
        return location;
    }

    /** The block's child lines; null when no block follows the line. */
    public List<Node> children() {
        return children;
    }

    /** Where the block's closing brace is; null when there is no block. */
    public SourceLocation blockEnd() {
        return blockEnd;
    }

    public String keyword() {
        return words.length == 0 ? "" : words[0];
    }

    public boolean hasBlock() {
        return children != null;
    }

    /** Number of arguments after the keyword. */
    public int argCount() {
        return Math.max(0, words.length - 1);
    }

    /** Argument {@code i} (0-based, after the keyword). */
    public String arg(int i) {
        if (i < 0 || i + 1 >= words.length) {
            throw new IndexOutOfBoundsException("argument " + i + " of " + argCount());
        }
        return words[i + 1];
    }

    public List<String> args() {
        return words.length <= 1 ? List.of() : Collections.unmodifiableList(Arrays.asList(words).subList(1, words.length));
    }

    public boolean argQuoted(int i) {
        return quoted.length > i + 1 && quoted[i + 1];
    }

    /** The last line of this node: the block's closing brace, or its own line. */
    public int lastLine() {
        return blockEnd != null ? blockEnd.line() : location.line();
    }

    @Override
    public String toString() {
        return location + " " + Arrays.toString(words) + (children == null ? "" : " {" + children.size() + " lines}");
    }
}
