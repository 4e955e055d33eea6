package io.javalived.parser.lex;

import io.javalived.parser.model.SourceLocation;
import org.antlr.v4.runtime.CommonToken;

/** A token that knows its file and whether it was written in double quotes. */
public final class ConfToken extends CommonToken {
    private final String file;
    private final boolean quoted;

    ConfToken(int type, String text, String file, int line, int column, boolean quoted) {
        super(type, text);
        this.file = file;
        this.quoted = quoted;
        setLine(line);
        setCharPositionInLine(column);
    }

    public String file() {
        return file;
    }

    public boolean quoted() {
        return quoted;
    }

    public SourceLocation location() {
        return new SourceLocation(file, getLine(), getCharPositionInLine() + 1);
    }
}
