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

    /** An open block (or the top level): its owner line, its children so far, a line not yet placed. */
    private static final class Frame {
        final Token owner;
        final Token open;
        final List<Object> children = new ArrayList<>();
        Token pending;

        Frame(Token owner, Token open) {
            this.owner = owner;
            this.open = open;
        }
    }

    private final ArrayList<Frame> stack = new ArrayList<>();

    NodeSink() {
        reset();
    }

    /** Forgets everything, ready for a new top-level entry (or a second attempt at the same one). */
    void reset() {
        stack.clear();
        stack.add(new Frame(null, null));
    }

    /** A keyword line; whether a block belongs to it is known at the next event. */
    public void line(Token line) {
        Frame f = top();
        place(f);
        f.pending = line;
    }

    /** A '{'; {@code owned}: it opens the block of the keyword line just before it. */
    public void open(boolean owned, Token brace) {
        Frame f = top();
        Token owner = null;
        if (owned && f.pending != null) {
            owner = f.pending;
            f.pending = null;
        } else {
            place(f);
        }
        stack.add(new Frame(owner, brace));
    }

    /** The '}' that ends the innermost open block. */
    public void close(Token brace) {
        if (stack.size() == 1) {
            strayClose(brace);
            return;
        }
        Frame f = stack.removeLast();
        place(f);
        top().children.add(block(f, brace));
    }

    /** A '}' at top level with no block open: kept in order, to be reported. */
    public void strayClose(Token brace) {
        Frame f = top();
        place(f);
        f.children.add(brace);
    }

    /**
     * The top-level results in input order: a {@link Node} for each entry, the {@link ConfToken} of each
     * stray '}'. Blocks still open (only after error recovery) are closed where they are.
     */
    List<Object> finish() {
        while (stack.size() > 1) {
            Frame f = stack.removeLast();
            place(f);
            top().children.add(block(f, null));
        }
        Frame root = top();
        place(root);
        return root.children;
    }

    private Frame top() {
        return stack.getLast();
    }

    /** The line waiting for a possible block has none: it becomes a leaf. */
    private static void place(Frame f) {
        if (f.pending != null) {
            f.children.add(leaf(f.pending));
            f.pending = null;
        }
    }

    private static Node leaf(Token line) {
        ConfToken t = (ConfToken) line;
        return new Node(List.of(t.words()), t.quoted(), SourceLocation.of(t.file(), t.getLine()), null, null);
    }

    private static Node block(Frame f, Token close) {
        List<String> words;
        boolean[] quoted;
        SourceLocation where;
        if (f.owner instanceof ConfToken t) {
            words = List.of(t.words());
            quoted = t.quoted();
            where = SourceLocation.of(t.file(), t.getLine());
        } else {
            words = List.of();
            quoted = NOT_QUOTED;
            where = f.open instanceof ConfToken open ? SourceLocation.of(open.file(), open.getLine())
                    : SourceLocation.of("", f.open == null ? 0 : f.open.getLine());
        }
        List<Node> children = new ArrayList<>(f.children.size());
        for (Object c : f.children) {
            if (c instanceof Node n) {
                children.add(n);
            }
        }
        SourceLocation end = close instanceof ConfToken c ? SourceLocation.of(c.file(), c.getLine()) : where;
        return new Node(words, quoted, where, children, end);
    }
}
