package io.javalived.parser.bind;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.SourceLocation;
import io.javalived.parser.syntax.Node;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The keywords of one block kind and what each does to that block's builder. Unknown keywords are
 * reported with a "did you mean" from this table; an unknown keyword that opens a block skips the whole
 * block (keepalived instead ignores the '{' and mis-nests the rest of the file).
 */
final class KeywordTable<B> {

    /** A builder that keeps recognised-but-uninterpreted keywords. */
    interface Keeps {
        List<RawValue> other();
    }

    /** A builder that notes where each recognised keyword was written (the model's {@code KeywordLocations}). */
    interface Places {
        Map<String, SourceLocation> places();
    }

    enum Shape { VALUE, BLOCK, EITHER }

    private record Entry<B>(Shape shape, BiConsumer<B, Node> handler, String deprecation, DiagnosticCode code) {}

    private final String blockName;
    private final Map<String, Entry<B>> entries = new LinkedHashMap<>();

    KeywordTable(String blockName) {
        this.blockName = blockName;
    }

    KeywordTable<B> value(String keyword, BiConsumer<B, Node> handler) {
        entries.put(keyword, new Entry<>(Shape.VALUE, handler, null, null));
        return this;
    }

    KeywordTable<B> block(String keyword, BiConsumer<B, Node> handler) {
        entries.put(keyword, new Entry<>(Shape.BLOCK, handler, null, null));
        return this;
    }

    KeywordTable<B> either(String keyword, BiConsumer<B, Node> handler) {
        entries.put(keyword, new Entry<>(Shape.EITHER, handler, null, null));
        return this;
    }

    /** A deprecated spelling: handled like {@code current}, with a deprecation warning when {@code warn}. */
    KeywordTable<B> alias(String keyword, String current, boolean warn) {
        Entry<B> target = entries.get(current);
        if (target == null) {
            throw new IllegalStateException("alias to unknown keyword " + current);
        }
        entries.put(keyword, new Entry<>(target.shape, target.handler,
                warn ? keyword + " is deprecated - please use '" + current + "'" : null, DiagnosticCode.DEPRECATED_KEYWORD));
        return this;
    }

    /** A deprecated keyword with its own handler, always warned about. */
    KeywordTable<B> deprecated(String keyword, Shape shape, String message, BiConsumer<B, Node> handler) {
        entries.put(keyword, new Entry<>(shape, handler, message, DiagnosticCode.DEPRECATED_KEYWORD));
        return this;
    }

    /** An obsolete keyword: recognised, ignored, warned about. */
    KeywordTable<B> obsolete(String keyword, String message) {
        entries.put(keyword, new Entry<>(Shape.EITHER, (b, n) -> { }, message, DiagnosticCode.OBSOLETE_KEYWORD));
        return this;
    }

    Set<String> keywords() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    String blockName() {
        return blockName;
    }

    boolean contains(String keyword) {
        return entries.containsKey(keyword);
    }

    /** Applies every child line of {@code block} to {@code builder}. */
    void bindAll(Node block, B builder, BindContext ctx) {
        List<Node> children = block.children();
        for (int i = 0, n = children.size(); i < n; i++) { // indexed: no iterator per block (C1 does not elide it)
            bind(children.get(i), builder, ctx);
        }
    }

    void bind(Node node, B builder, BindContext ctx) {
        if (node.isOrphanBlock()) {
            ctx.diagnostics().error(node.location(), DiagnosticCode.UNEXPECTED_OPEN_BRACE,
                    "Unexpected '{' - ignoring its block (lines " + node.location().line() + "-" + node.lastLine() + ")");
            return;
        }
        Entry<B> e = entries.get(node.keyword());
        if (e == null) {
            ctx.unknownKeyword(node, this);
            return;
        }
        if (e.deprecation != null) {
            ctx.diagnostics().warning(node.location(), e.code, e.deprecation);
        }
        if (builder instanceof Places p) {
            p.places().put(node.keyword(), node.location());
        }
        if (e.shape == Shape.BLOCK && !node.hasBlock()) {
            ctx.diagnostics().error(node.location(), DiagnosticCode.MISSING_OPEN_BRACE,
                    "Missing '{' at beginning of configuration block '" + node.keyword() + "' - ignoring");
            return;
        }
        if (e.shape == Shape.VALUE && node.hasBlock()) {
            ctx.diagnostics().error(node.location(), DiagnosticCode.UNEXPECTED_OPEN_BRACE, "Unexpected '{' after '"
                    + node.keyword() + "', which takes no block - ignoring the block (lines "
                    + node.location().line() + "-" + node.lastLine() + ")");
        }
        e.handler.accept(builder, node);
    }
}
