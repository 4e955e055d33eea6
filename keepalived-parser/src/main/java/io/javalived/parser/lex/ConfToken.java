package io.javalived.parser.lex;

import io.javalived.parser.grammar.KeepalivedConfParser;
import io.javalived.parser.model.SourceLocation;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A token that knows its file; a LINE token also carries the line's words (quotes removed) and which of
 * them were written in double quotes. Only what the parser and the diagnostics read is kept (no text
 * offsets, channel or token index: every token is on the default channel and the stream is an array).
 */
public final class ConfToken implements Token {
    private static final String[] NO_WORDS = new String[0];
    private static final boolean[] NOT_QUOTED = new boolean[0];

    /** LINE becomes HEAD when the reader finds a '{' after it ({@link #opensBlock()}), before parsing. */
    private int type;
    private final int line;
    private final int column;
    private final String file;
    private final String[] words;
    private final boolean[] quoted;
    /** A LINE token whose words are split by its reader: the line's bytes and where its words lie. */
    private final byte[] text;
    private final int from;
    private final int to;

    ConfToken(int type, String file, int line, int column) {
        this(type, file, line, column, NO_WORDS, NOT_QUOTED);
    }

    ConfToken(int type, String file, int line, int column, String[] words, boolean[] quoted) {
        this(type, file, line, column, words, quoted, null, 0, 0);
    }

    private ConfToken(int type, String file, int line, int column, String[] words, boolean[] quoted,
                      byte[] text, int from, int to) {
        this.type = type;
        this.file = file;
        this.line = line;
        this.column = column;
        this.words = words;
        this.quoted = quoted;
        this.text = text;
        this.from = from;
        this.to = to;
    }

    /**
     * A LINE token for the printable ASCII {@code text[from, to)}, which holds no quote, backslash or
     * brace: its words are split only when read ({@link #words(WordCache)}), on the reader's thread, not
     * the lexer's. {@code column} is 0-based in the line.
     */
    static ConfToken plainLine(String file, int line, int column, byte[] text, int from, int to) {
        return new ConfToken(KeepalivedConfParser.LINE, file, line, column, null, NOT_QUOTED, text, from, to);
    }

    /**
     * Marks a LINE token as the head of the block that follows it (the grammar's HEAD). Called by the
     * token stream's reader, on the lexer thread, before the token is handed to a parser.
     */
    public void opensBlock() {
        if (type == KeepalivedConfParser.LINE) {
            type = KeepalivedConfParser.HEAD;
        }
    }

    public String file() {
        return file;
    }

    /** The words of a LINE token (a fresh array for a plain line; the caller must not change it otherwise). */
    public String[] words() {
        return words != null ? words : Blanks.split(text, from, to, null, new String[][] {new String[8]});
    }

    /**
     * The words of a LINE token; a plain line's come from the splitter (an array that may be shared with
     * other tokens of the same text: never to be changed).
     */
    public String[] words(WordSplitter splitter) {
        return words != null ? words : splitter.words(text, from, to);
    }

    /**
     * Splits plain lines' words on one thread. A configuration repeats the same short lines on thousands of
     * blocks ({@code weight 1}, {@code connect_timeout 3}, ...): those are looked up whole, in a direct-mapped
     * cache of lines, and share one word array; the words of other lines come through a {@link WordCache}.
     */
    public static final class WordSplitter {
        private static final int LINES = 512;
        /** Longer lines (scripts, paths, address lists) are seldom repeated: split without looking up. */
        private static final int MAX_LINE = 40;

        private final WordCache cache = new WordCache();
        private final String[][] scratch = {new String[8]};
        private final int[] lineHash = new int[LINES];
        private final byte[][] lineText = new byte[LINES][];
        private final String[][] lineWords = new String[LINES][];

        String[] words(byte[] text, int from, int to) {
            if (to - from > MAX_LINE) {
                return Blanks.split(text, from, to, cache, scratch);
            }
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + text[i];
            }
            int slot = (h ^ (h >>> 9)) & (LINES - 1);
            if (lineHash[slot] == h && same(lineText[slot], text, from, to)) {
                return lineWords[slot];
            }
            String[] w = Blanks.split(text, from, to, cache, scratch);
            lineHash[slot] = h;
            lineText[slot] = Arrays.copyOfRange(text, from, to);
            lineWords[slot] = w;
            return w;
        }

        private static boolean same(byte[] cached, byte[] text, int from, int to) {
            if (cached == null || cached.length != to - from) {
                return false;
            }
            for (int i = 0; i < cached.length; i++) {
                if (cached[i] != text[from + i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Which words of a LINE token were written in double quotes. */
    public boolean[] quoted() {
        return quoted;
    }

    public SourceLocation location() {
        return new SourceLocation(file, line, column + 1);
    }

    /** The first word of a LINE token (what ANTLR's messages quote), the brace itself, or {@code <EOF>}. */
    @Override
    public String getText() {
        return switch (type) {
            case KeepalivedConfParser.LINE, KeepalivedConfParser.HEAD -> words != null ? (words.length == 0 ? "" : words[0])
                    : new String(text, from, Blanks.wordEnd(text, from, to) - from, StandardCharsets.ISO_8859_1);
            case KeepalivedConfParser.LBRACE -> "{";
            case KeepalivedConfParser.RBRACE -> "}";
            default -> "<EOF>";
        };
    }

    @Override
    public int getType() {
        return type;
    }

    @Override
    public int getLine() {
        return line;
    }

    @Override
    public int getCharPositionInLine() {
        return column;
    }

    @Override
    public int getChannel() {
        return DEFAULT_CHANNEL;
    }

    @Override
    public int getTokenIndex() {
        return -1;
    }

    @Override
    public int getStartIndex() {
        return -1;
    }

    @Override
    public int getStopIndex() {
        return -1;
    }

    @Override
    public TokenSource getTokenSource() {
        return null;
    }

    @Override
    public CharStream getInputStream() {
        return null;
    }

    @Override
    public String toString() {
        return getText() + " at " + file + ":" + line + ":" + (column + 1);
    }
}
