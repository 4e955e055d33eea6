package io.javalived.parser.syntax;

import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.Interval;

import java.util.List;

/**
 * A minimal {@link TokenStream} over one already-lexed top-level entry: every token is on the default
 * channel, so look-ahead is plain array indexing (CommonTokenStream's channel scanning is not needed).
 */
final class ChunkTokenStream implements TokenStream {
    private final List<Token> tokens;
    private final Token eof;
    private final TokenSource source;
    private int p;

    ChunkTokenStream(List<Token> tokens, TokenSource source) {
        this.tokens = tokens;
        this.source = source;
        Token last = tokens.isEmpty() ? null : tokens.getLast();
        CommonToken e = new CommonToken(Token.EOF, "<EOF>");
        if (last != null) {
            e.setLine(last.getLine());
        }
        e.setTokenIndex(tokens.size());
        this.eof = e;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i) instanceof CommonToken c) {
                c.setTokenIndex(i);
            }
        }
    }

    @Override
    public Token LT(int k) {
        if (k == 0) {
            return null;
        }
        int i = k > 0 ? p + k - 1 : p + k;
        if (i < 0) {
            return null;
        }
        return i < tokens.size() ? tokens.get(i) : eof;
    }

    @Override
    public int LA(int k) {
        Token t = LT(k);
        return t == null ? Token.INVALID_TYPE : t.getType();
    }

    @Override
    public Token get(int index) {
        return index < tokens.size() ? tokens.get(index) : eof;
    }

    @Override
    public TokenSource getTokenSource() {
        return source;
    }

    @Override
    public String getText(Interval interval) {
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, interval.a); i <= interval.b && i < tokens.size(); i++) {
            sb.append(tokens.get(i).getText());
        }
        return sb.toString();
    }

    @Override
    public String getText() {
        return getText(Interval.of(0, tokens.size() - 1));
    }

    @Override
    public String getText(org.antlr.v4.runtime.RuleContext ctx) {
        return getText(ctx.getSourceInterval());
    }

    @Override
    public String getText(Token start, Token stop) {
        return start == null || stop == null ? "" : getText(Interval.of(start.getTokenIndex(), stop.getTokenIndex()));
    }

    @Override
    public void consume() {
        if (p >= tokens.size()) {
            throw new IllegalStateException("cannot consume EOF");
        }
        p++;
    }

    @Override
    public int mark() {
        return -1;
    }

    @Override
    public void release(int marker) {
        // nothing buffered to release
    }

    @Override
    public int index() {
        return p;
    }

    @Override
    public void seek(int index) {
        p = Math.max(0, Math.min(index, tokens.size()));
    }

    @Override
    public int size() {
        return tokens.size() + 1;
    }

    @Override
    public String getSourceName() {
        return source.getSourceName();
    }
}
