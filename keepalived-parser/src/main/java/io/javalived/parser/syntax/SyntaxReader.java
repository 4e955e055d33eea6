package io.javalived.parser.syntax;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.diag.Diagnostics;
import io.javalived.parser.grammar.KeepalivedConfParser;
import io.javalived.parser.lex.ConfToken;
import io.javalived.parser.lex.ConfigLexer;
import io.javalived.parser.model.SourceLocation;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Drives the ANTLR parser over the lexer's tokens one top-level entry at a time (so memory stays bounded
 * by the largest block, not the file), turns each parse tree into {@link Node}s, and hands them on.
 */
public final class SyntaxReader {
    private final ConfigLexer lexer;
    private final Diagnostics diagnostics;
    private final KeepalivedConfParser parser;
    private Token lookahead;

    public SyntaxReader(ConfigLexer lexer, Diagnostics diagnostics) {
        this.lexer = lexer;
        this.diagnostics = diagnostics;
        this.parser = new KeepalivedConfParser(null);
        parser.removeErrorListeners();
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int col,
                                    String msg, RecognitionException e) {
                String file = offendingSymbol instanceof ConfToken t ? t.file() : lexer.getSourceName();
                diagnostics.error(new SourceLocation(file, line, col + 1), DiagnosticCode.MISSING_CLOSE_BRACE,
                        "Syntax error: " + msg);
            }
        });
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setBuildParseTree(true);
    }

    /**
     * Reads the whole input, giving each top-level node to {@code sink} in file order. The lexer runs on a
     * second thread, one top-level entry ahead of the parser and binder (a bounded queue), so the two
     * halves of the work overlap on a multi-core machine.
     */
    public void read(Consumer<Node> sink) {
        BlockingQueue<Token[]> queue = new ArrayBlockingQueue<>(256);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread producer = Thread.ofPlatform().name("javalived-lexer").daemon(true).unstarted(() -> {
            diagnostics.stage(Diagnostics.Stage.LEXICAL);
            try {
                produce(queue, stop);
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                putQuietly(queue, END, stop);
            }
        });
        producer.start();
        try {
            while (true) {
                Token[] chunk = queue.take();
                if (chunk == END) {
                    break;
                }
                parseChunk(chunk, sink);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing", e);
        } finally {
            stop.set(true);
            queue.clear();
        }
        try {
            producer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        } else if (t instanceof Error err) {
            throw err;
        }
    }

    private static final Token[] END = new Token[0];

    private static void putQuietly(BlockingQueue<Token[]> queue, Token[] item, AtomicBoolean stop) {
        try {
            while (!stop.get() && !queue.offer(item, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                // wait for the parser to take some
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Splits the token stream into top-level entries (a line with its block, or a stray brace). */
    private void produce(BlockingQueue<Token[]> queue, AtomicBoolean stop) {
        Token[] buf = new Token[64];
        int size = 0;
        int depth = 0;
        while (!stop.get()) {
            Token t = next();
            if (t.getType() == Token.EOF) {
                if (size > 0) {
                    putQuietly(queue, java.util.Arrays.copyOf(buf, size), stop);
                }
                return;
            }
            if (size == buf.length) {
                buf = java.util.Arrays.copyOf(buf, size * 2);
            }
            buf[size++] = t;
            switch (t.getType()) {
                case KeepalivedConfParser.LBRACE -> depth++;
                case KeepalivedConfParser.RBRACE -> depth = Math.max(0, depth - 1);
                default -> { }
            }
            if (depth == 0 && (t.getType() == KeepalivedConfParser.RBRACE
                    || (t.getType() == KeepalivedConfParser.LINE && peek().getType() != KeepalivedConfParser.LBRACE))) {
                putQuietly(queue, java.util.Arrays.copyOf(buf, size), stop);
                size = 0;
            }
        }
    }

    private Token next() {
        if (lookahead != null) {
            Token t = lookahead;
            lookahead = null;
            return t;
        }
        return lexer.nextToken();
    }

    private Token peek() {
        if (lookahead == null) {
            lookahead = lexer.nextToken();
        }
        return lookahead;
    }

    private void parseChunk(Token[] tokens, Consumer<Node> sink) {
        if (tokens.length == 0) {
            return;
        }
        parser.setTokenStream(new ChunkTokenStream(tokens, lexer));
        KeepalivedConfParser.ConfigContext config = parser.config();
        for (KeepalivedConfParser.TopEntryContext top : config.topEntry()) {
            if (top.entry() != null) {
                sink.accept(node(top.entry()));
            } else {
                ConfToken brace = (ConfToken) top.RBRACE().getSymbol();
                diagnostics.error(brace.location(), DiagnosticCode.EXTRA_CLOSE_BRACE, "Extra '}' found - ignoring");
            }
        }
    }

    private Node node(KeepalivedConfParser.EntryContext entry) {
        TerminalNode lineNode = entry.LINE();
        KeepalivedConfParser.BlockContext block = entry.block();
        List<String> words;
        boolean[] quoted;
        SourceLocation where;
        if (lineNode != null) {
            ConfToken t = (ConfToken) lineNode.getSymbol();
            words = List.of(t.words());
            quoted = t.quoted();
            where = SourceLocation.of(t.file(), t.getLine());
        } else {
            words = List.of();
            quoted = new boolean[0];
            ConfToken open = (ConfToken) block.LBRACE().getSymbol();
            where = SourceLocation.of(open.file(), open.getLine());
        }
        if (block == null) {
            return new Node(words, quoted, where, null, null);
        }
        // One pass over the block's children (the generated accessors scan the list once per call).
        List<Node> children = new ArrayList<>(block.getChildCount());
        SourceLocation end = where;
        for (int i = 0, n = block.getChildCount(); i < n; i++) {
            var child = block.getChild(i);
            if (child instanceof KeepalivedConfParser.EntryContext e) {
                children.add(node(e));
            } else if (child instanceof TerminalNode tn && tn.getSymbol() instanceof ConfToken close
                    && close.getType() == KeepalivedConfParser.RBRACE) {
                end = SourceLocation.of(close.file(), close.getLine());
            }
        }
        return new Node(words, quoted, where, children, end);
    }
}
