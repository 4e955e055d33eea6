package io.javalived.parser.syntax;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.diag.Diagnostics;
import io.javalived.parser.grammar.KeepalivedConfParser;
import io.javalived.parser.lex.ConfToken;
import io.javalived.parser.lex.ConfigLexer;
import io.javalived.parser.model.SourceLocation;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Drives the ANTLR parser over the lexer's tokens one top-level entry at a time (so memory stays bounded
 * by the largest block, not the file); the parser's actions build the {@link Node}s ({@link NodeSink}), which go on.
 */
public final class SyntaxReader {
    /** Threads that parse and bind besides the caller's; {@code -Djavalived.parser.threads=N} overrides. */
    static final int HELPERS = Math.max(0, Integer.getInteger("javalived.parser.threads",
            Math.min(3, Runtime.getRuntime().availableProcessors() - 1)));
    /** Top-level entries lexed but not yet committed: bounds memory whatever the file size. */
    private static final int IN_FLIGHT = 256;

    private final ConfigLexer lexer;
    private final Diagnostics diagnostics;
    private Token lookahead;

    public SyntaxReader(ConfigLexer lexer, Diagnostics diagnostics) {
        this.lexer = lexer;
        this.diagnostics = diagnostics;
    }

    /**
     * The ANTLR parser of one thread (parsers are not thread-safe; their shared DFA cache is). It parses in
     * two stages, as ANTLR's authors recommend: SLL prediction with an error strategy that bails out at the
     * first error (no per-loop error-recovery bookkeeping), and only if that fails the same entry again with
     * full LL prediction and the default error recovery and reporting. The lexer hands over balanced braces,
     * so the second stage is a safety net; when it runs, it reports exactly what a single stage would.
     */
    private final class EntryParser {
        private final KeepalivedConfParser parser = new KeepalivedConfParser(null);
        private final BailErrorStrategy bail = new BailErrorStrategy();
        private final NodeSink sink = new NodeSink();
        private boolean reporting;

        EntryParser() {
            parser.removeErrorListeners();
            parser.addErrorListener(new BaseErrorListener() {
                @Override
                public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int col,
                                        String msg, RecognitionException e) {
                    if (!reporting) {
                        return;
                    }
                    String file = offendingSymbol instanceof ConfToken t ? t.file() : lexer.getSourceName();
                    diagnostics.error(new SourceLocation(file, line, col + 1), DiagnosticCode.MISSING_CLOSE_BRACE,
                            "Syntax error: " + msg);
                }
            });
            parser.setBuildParseTree(false);
            parser.setSink(sink);
        }

        /** The entry's top-level results in order: a {@link Node} per entry, the token of each stray '}'. */
        List<Object> parse(Token[] tokens, int[] types) {
            parser.setErrorHandler(bail);
            parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
            reporting = false;
            sink.reset();
            parser.setTokenStream(new ChunkTokenStream(tokens, types, lexer));
            try {
                parser.config();
            } catch (ParseCancellationException e) {
                parser.setErrorHandler(new DefaultErrorStrategy());
                parser.getInterpreter().setPredictionMode(PredictionMode.LL);
                reporting = true;
                sink.reset();
                parser.setTokenStream(new ChunkTokenStream(tokens, types, lexer));
                parser.config();
            }
            return sink.finish();
        }
    }

    /** One top-level entry (a line with its block, or a stray brace) on its way from lexer to commit. */
    private static final class Chunk {
        final Token[] tokens;
        /** The tokens' types, noted by the lexer thread, which reads them anyway. */
        final int[] types;
        final AtomicBoolean claimed = new AtomicBoolean();
        final Diagnostics.Deferred held = new Diagnostics.Deferred();
        List<Object> results;
        Throwable failure;
        boolean done;

        Chunk(Token[] tokens, int[] types) {
            this.tokens = tokens;
            this.types = types;
        }

        synchronized void finished() {
            done = true;
            notifyAll();
        }

        synchronized void awaitDone() throws InterruptedException {
            while (!done) {
                wait();
            }
        }
    }

    private static final Chunk END = new Chunk(new Token[0], new int[0]);

    /** Reads the whole input, giving each top-level node to {@code sink} in file order, on this thread. */
    public void read(Consumer<Node> sink) {
        read(node -> node, sink);
    }

    /**
     * Reads the whole input. The lexer runs on its own thread; each top-level entry is then parsed, turned
     * into a {@link Node} and given to {@code prepare} on whichever thread is free (this one or a helper:
     * entries are independent once preprocessing is done), with the diagnostics it reports held back;
     * finally, on this thread and in file order, its diagnostics are added and its result goes to
     * {@code commit}. So the outcome, and the order of every diagnostic, is that of a single thread.
     */
    public <R> void read(Function<Node, R> prepare, Consumer<R> commit) {
        BlockingQueue<Chunk> order = new ArrayBlockingQueue<>(IN_FLIGHT);
        // Helpers take from here; when it is full the chunk is simply left to the committing thread.
        BlockingQueue<Chunk> work = new ArrayBlockingQueue<>(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread producer = Thread.ofPlatform().name("javalived-lexer").daemon(true).unstarted(() -> {
            diagnostics.stage(Diagnostics.Stage.LEXICAL);
            try {
                produce(order, work, stop);
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                putQuietly(order, END, stop);
            }
        });
        List<Thread> helpers = new ArrayList<>();
        for (int i = 0; i < HELPERS; i++) {
            helpers.add(Thread.ofPlatform().name("javalived-parser-" + (i + 1)).daemon(true).unstarted(() -> {
                EntryParser parser = new EntryParser();
                try {
                    while (!stop.get()) {
                        Chunk c = work.take();
                        if (c == END) {
                            return;
                        }
                        if (c.claimed.compareAndSet(false, true)) {
                            process(c, parser, prepare);
                        }
                    }
                } catch (InterruptedException e) {
                    // asked to stop
                }
            }));
        }
        producer.start();
        helpers.forEach(Thread::start);
        EntryParser own = new EntryParser();
        try {
            while (true) {
                Chunk c = order.take();
                if (c == END) {
                    break;
                }
                if (c.claimed.compareAndSet(false, true)) {
                    process(c, own, prepare);
                } else {
                    c.awaitDone();
                }
                commit(c, commit);
                c.results = null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing", e);
        } finally {
            stop.set(true);
            order.clear();
            work.clear();
            helpers.forEach(Thread::interrupt);
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

    @SuppressWarnings("unchecked")
    private <R> void commit(Chunk c, Consumer<R> commit) {
        if (c.failure instanceof RuntimeException r) {
            throw r;
        } else if (c.failure instanceof Error err) {
            throw err;
        }
        diagnostics.commit(c.held);
        for (Object r : c.results) {
            if (r instanceof Diagnostics.Deferred d) {
                diagnostics.commit(d);
            } else {
                commit.accept((R) r);
            }
        }
    }

    /** Parses one chunk and prepares its entries, on the calling thread, holding back diagnostics. */
    private <R> void process(Chunk c, EntryParser parser, Function<Node, R> prepare) {
        try {
            List<Object> results = new ArrayList<>(2);
            @SuppressWarnings("unchecked")
            List<Object>[] entries = new List[1];
            diagnostics.deferInto(c.held, () -> entries[0] = parser.parse(c.tokens, c.types));
            for (int i = 0, n = entries[0].size(); i < n; i++) {
                Diagnostics.Deferred held = new Diagnostics.Deferred();
                if (entries[0].get(i) instanceof Node node) {
                    Object[] result = new Object[1];
                    diagnostics.deferInto(held, () -> result[0] = prepare.apply(node));
                    if (!held.isEmpty()) {
                        results.add(held);
                    }
                    results.add(result[0]);
                } else {
                    Token brace = (Token) entries[0].get(i);
                    SourceLocation where = brace instanceof ConfToken t ? t.location()
                            : SourceLocation.of(lexer.getSourceName(), brace.getLine());
                    diagnostics.deferInto(held, () -> diagnostics.error(where,
                            DiagnosticCode.EXTRA_CLOSE_BRACE, "Extra '}' found - ignoring"));
                    results.add(held);
                }
            }
            c.results = results;
        } catch (RuntimeException | Error e) {
            c.failure = e;
        } finally {
            c.finished();
        }
    }

    private static void putQuietly(BlockingQueue<Chunk> queue, Chunk item, AtomicBoolean stop) {
        try {
            while (!stop.get() && !queue.offer(item, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                // wait for the parser to take some
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Splits the token stream into top-level entries (a line with its block, or a stray brace). */
    private void produce(BlockingQueue<Chunk> order, BlockingQueue<Chunk> work, AtomicBoolean stop) {
        Token[] buf = new Token[64];
        int[] types = new int[64];
        int size = 0;
        int depth = 0;
        while (!stop.get()) {
            Token t = next();
            int type = t.getType();
            if (type == Token.EOF) {
                if (size > 0) {
                    hand(new Chunk(Arrays.copyOf(buf, size), Arrays.copyOf(types, size)), order, work, stop);
                }
                for (int i = 0; i < HELPERS; i++) {
                    work.offer(END);
                }
                return;
            }
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, size * 2);
                types = Arrays.copyOf(types, size * 2);
            }
            switch (type) {
                case KeepalivedConfParser.LBRACE -> depth++;
                case KeepalivedConfParser.RBRACE -> depth = Math.max(0, depth - 1);
                case KeepalivedConfParser.LINE -> {
                    if (peek().getType() == KeepalivedConfParser.LBRACE) {
                        ((ConfToken) t).opensBlock(); // a HEAD: its block is part of this entry
                        type = KeepalivedConfParser.HEAD;
                    }
                }
                default -> { }
            }
            buf[size] = t;
            types[size++] = type;
            if (depth == 0 && (type == KeepalivedConfParser.RBRACE || type == KeepalivedConfParser.LINE)) {
                hand(new Chunk(Arrays.copyOf(buf, size), Arrays.copyOf(types, size)), order, work, stop);
                size = 0;
            }
        }
    }

    /** Queues a chunk for the committing thread (waits while too many are in flight) and for the helpers. */
    private static void hand(Chunk c, BlockingQueue<Chunk> order, BlockingQueue<Chunk> work, AtomicBoolean stop) {
        putQuietly(order, c, stop);
        if (HELPERS > 0) {
            work.offer(c);
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
}
