package io.javalived.parser.syntax;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.diag.Diagnostics;
import io.javalived.parser.grammar.KeepalivedConfParser;
import io.javalived.parser.lex.ConfToken;
import io.javalived.parser.lex.ConfigLexer;
import io.javalived.parser.model.SourceLocation;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.List;
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

    /** Reads the whole input, giving each top-level node to {@code sink} in file order. */
    public void read(Consumer<Node> sink) {
        List<Token> chunk = new ArrayList<>();
        int depth = 0;
        while (true) {
            Token t = next();
            if (t.getType() == Token.EOF) {
                parseChunk(chunk, sink);
                return;
            }
            chunk.add(t);
            switch (t.getType()) {
                case KeepalivedConfParser.LBRACE -> depth++;
                case KeepalivedConfParser.RBRACE -> depth = Math.max(0, depth - 1);
                default -> { }
            }
            if (depth == 0 && (t.getType() == KeepalivedConfParser.RBRACE
                    || (t.getType() == KeepalivedConfParser.NL && peek().getType() != KeepalivedConfParser.LBRACE))) {
                parseChunk(chunk, sink);
                chunk.clear();
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

    private void parseChunk(List<Token> tokens, Consumer<Node> sink) {
        if (tokens.isEmpty()) {
            return;
        }
        ListTokenSource source = new ListTokenSource(new ArrayList<>(tokens));
        parser.setTokenStream(new CommonTokenStream(source));
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
        KeepalivedConfParser.StatementContext st = entry.statement();
        KeepalivedConfParser.BlockContext block = entry.block();
        List<String> words;
        boolean[] quoted;
        SourceLocation where;
        if (st != null) {
            List<TerminalNode> ws = st.WORD();
            String[] arr = new String[ws.size()];
            quoted = new boolean[ws.size()];
            for (int i = 0; i < arr.length; i++) {
                ConfToken t = (ConfToken) ws.get(i).getSymbol();
                arr[i] = t.getText();
                quoted[i] = t.quoted();
            }
            words = List.of(arr);
            where = SourceLocation.of(((ConfToken) ws.getFirst().getSymbol()).file(), ws.getFirst().getSymbol().getLine());
        } else {
            words = List.of();
            quoted = new boolean[0];
            ConfToken open = (ConfToken) block.LBRACE().getSymbol();
            where = SourceLocation.of(open.file(), open.getLine());
        }
        if (block == null) {
            return new Node(words, quoted, where, null, null);
        }
        List<KeepalivedConfParser.EntryContext> inner = block.entry();
        List<Node> children = new ArrayList<>(inner.size());
        for (KeepalivedConfParser.EntryContext e : inner) {
            children.add(node(e));
        }
        SourceLocation end = where;
        if (block.RBRACE() != null && block.RBRACE().getSymbol() instanceof ConfToken close) {
            end = SourceLocation.of(close.file(), close.getLine());
        }
        return new Node(words, quoted, where, children, end);
    }
}
