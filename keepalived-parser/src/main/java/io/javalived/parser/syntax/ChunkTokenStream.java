package io.javalived.parser.syntax;

import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.Interval;


/**
 * A minimal {@link TokenStream} over one already-lexed top-level entry: every token is on the default
 * channel, so look-ahead is plain array indexing (CommonTokenStream's channel scanning is not needed).
 */
final class ChunkTokenStream implements TokenStream {
    private final Token[] tokens;
    /** The tokens' types, read by every look-ahead of the parser (a plain array read, no call). */
    private final int[] types;
    private final int n;
    private final Token eof;
    private final TokenSource source;
    private int p;

    ChunkTokenStream(Token[] tokens, int[] types, TokenSource source) {
        this.tokens = tokens;
        this.n = tokens.length;
        this.types = types;
        this.source = source;
        CommonToken e = new CommonToken(Token.EOF, "<EOF>");
        if (n > 0) {
            e.setLine(tokens[n - 1].getLine());
        }
        e.setTokenIndex(n);
        this.eof = e;
    }

    @Override
    public Token LT(int k) {
        int i = k > 0 ? p + k - 1 : p + k;
        if (k == 0 || i < 0) {
            return null;
        }
        return i < n ? tokens[i] : eof;
    }

    @Override
    public int LA(int k) {
        int i = k > 0 ? p + k - 1 : p + k;
        if (k == 0 || i < 0) {
            return Token.INVALID_TYPE;
        }
        return i < n ? types[i] : Token.EOF;
    }

    @Override
    public Token get(int index) {
        return index < n ? tokens[index] : eof;
    }

    @Override
    public TokenSource getTokenSource() {
        return source;
    }

    @Override
    public String getText(Interval interval) {
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, interval.a); i <= interval.b && i < n; i++) {
            sb.append(tokens[i].getText());
        }
        return sb.toString();
    }

    @Override
    public String getText() {
        return getText(Interval.of(0, n - 1));
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
        if (p >= n) {
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
        p = Math.max(0, Math.min(index, n));
    }

    @Override
    public int size() {
        return n + 1;
    }

    @Override
    public String getSourceName() {
        return source.getSourceName();
    }
}
