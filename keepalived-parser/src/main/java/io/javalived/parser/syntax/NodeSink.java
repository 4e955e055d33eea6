package io.javalived.parser.syntax;

import io.javalived.parser.lex.ConfToken;

import io.javalived.parser.model.SourceLocation;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the syntax tree from the parser's actions (the grammar builds no ANTLR parse tree): keyword
 * lines, block openings and block ends arrive in input order, and each line becomes a {@link Node} once it
 * is known whether a block follows it. Never throws, whatever order the events come in (the parser's
 * error recovery may conjure a missing brace, which is not a {@link ConfToken}).
 */
public final class NodeSink {
    private static final boolean[] NOT_QUOTED = new boolean[0];
    private static final String[] NO_WORDS = new String[0];

    /** An open block: its owner line, its children so far, a line not yet placed. */
    private static final class Frame {
        final Token owner;
        final Token open;
        final List<Node> children = new ArrayList<>(6);
        Token pending;

        Frame(Token owner, Token open) {
            this.owner = owner;
            this.open = open;
        }
    }

    /** The top level: entries ({@link Node}s) and stray '}' tokens, in order. */
    private final List<Object> top = new ArrayList<>(2);
    private Token topPending;
    private final ArrayList<Frame> stack = new ArrayList<>();
    /** Plain lines' words are split here, on the parsing thread: one cache per sink, so per thread. */
    private final ConfToken.WordSplitter words = new ConfToken.WordSplitter();

    NodeSink() {
        reset();
    }

    /** Forgets everything, ready for a new top-level entry (or a second attempt at the same one). */
    void reset() {
        stack.clear();
        top.clear();
        topPending = null;
    }

    /** A keyword line; whether a block belongs to it is known at the next event. */
    public void line(Token line) {
        placePending();
        if (stack.isEmpty()) {
            topPending = line;
        } else {
            stack.getLast().pending = line;
        }
    }

    /** A '{'; {@code owned}: it opens the block of the keyword line just before it. */
    public void open(boolean owned, Token brace) {
        Token owner = null;
        if (owned) {
            if (stack.isEmpty()) {
                owner = topPending;
                topPending = null;
            } else {
                Frame f = stack.getLast();
                owner = f.pending;
                f.pending = null;
            }
        }
        placePending();
        stack.add(new Frame(owner, brace));
    }

    /** The '}' that ends the innermost open block. */
    public void close(Token brace) {
        if (stack.isEmpty()) {
            strayClose(brace);
            return;
        }
        placePending();
        add(block(stack.removeLast(), brace));
    }

    /** A '}' at top level with no block open: kept in order, to be reported. */
    public void strayClose(Token brace) {
        placePending();
        top.add(brace);
    }

    /**
     * The top-level results in input order: a {@link Node} for each entry, the {@link ConfToken} of each
     * stray '}'. Blocks still open (only after error recovery) are closed where they are.
     */
    List<Object> finish() {
        placePending();
        while (!stack.isEmpty()) {
            add(block(stack.removeLast(), null));
            placePending();
        }
        return top;
    }

    private void add(Node node) {
        if (stack.isEmpty()) {
            top.add(node);
        } else {
            stack.getLast().children.add(node);
        }
    }

    /** The line waiting for a possible block in the innermost open block (or at top level) has none. */
    private void placePending() {
        if (stack.isEmpty()) {
            if (topPending != null) {
                top.add(leaf(topPending));
                topPending = null;
            }
        } else {
            Frame f = stack.getLast();
            if (f.pending != null) {
                f.children.add(leaf(f.pending));
                f.pending = null;
            }
        }
    }

    private Node leaf(Token line) {
        ConfToken t = (ConfToken) line;
        return new Node(t.words(words), t.quoted(), SourceLocation.of(t.file(), t.getLine()), null, null);
    }

    private Node block(Frame f, Token close) {
        String[] words;
        boolean[] quoted;
        SourceLocation where;
        if (f.owner instanceof ConfToken t) {
            words = t.words(this.words);
            quoted = t.quoted();
            where = SourceLocation.of(t.file(), t.getLine());
        } else {
            words = NO_WORDS;
            quoted = NOT_QUOTED;
            where = f.open instanceof ConfToken open ? SourceLocation.of(open.file(), open.getLine())
                    : SourceLocation.of("", f.open == null ? 0 : f.open.getLine());
        }
        SourceLocation end = close instanceof ConfToken c ? SourceLocation.of(c.file(), c.getLine()) : where;
        return new Node(words, quoted, where, f.children, end);
    }
}
