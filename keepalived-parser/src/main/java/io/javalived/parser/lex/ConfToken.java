package io.javalived.parser.lex;

import io.javalived.parser.model.SourceLocation;
import org.antlr.v4.runtime.CommonToken;

/**
 * A token that knows its file; a LINE token also carries the line's words (quotes removed) and which of
 * them were written in double quotes.
 */
public final class ConfToken extends CommonToken {
    private static final String[] NO_WORDS = new String[0];
    private static final boolean[] NOT_QUOTED = new boolean[0];

    private final String file;
    private final String[] words;
    private final boolean[] quoted;

    ConfToken(int type, String text, String file, int line, int column) {
        this(type, text, file, line, column, NO_WORDS, NOT_QUOTED);
    }

    ConfToken(int type, String text, String file, int line, int column, String[] words, boolean[] quoted) {
        super(type, text);
        this.file = file;
        this.words = words;
        this.quoted = quoted;
        setLine(line);
        setCharPositionInLine(column);
    }

    public String file() {
        return file;
    }

    /** The words of a LINE token. */
    public String[] words() {
        return words;
    }

    /** Which words of a LINE token were written in double quotes. */
    public boolean[] quoted() {
        return quoted;
    }

    public SourceLocation location() {
        return new SourceLocation(file, getLine(), getCharPositionInLine() + 1);
    }
}
