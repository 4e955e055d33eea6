package io.javalived.parser.bind;

import io.javalived.parser.model.RawValue;
import io.javalived.parser.syntax.Node;

import java.util.List;
import java.util.function.Function;

/** Small helpers to register recognised-but-uninterpreted keywords in a table. */
final class Tables {
    private Tables() {}

    /** Registers keywords whose values (and blocks, flattened) are kept as raw values in {@code sink(b)}. */
    static <B> void raw(KeywordTable<B> table, Function<B, List<RawValue>> sink, String... keywords) {
        for (String kw : keywords) {
            table.either(kw, (b, n) -> sink.apply(b).addAll(BindContext.rawLines(n)));
        }
    }

    /** Registers deprecated keywords kept raw, each warned about with a pointer to its replacement. */
    static <B> void rawDeprecated(KeywordTable<B> table, Function<B, List<RawValue>> sink, String keyword,
                                  String replacement) {
        table.deprecated(keyword, KeywordTable.Shape.EITHER, keyword + " is deprecated"
                        + (replacement == null ? "" : " - please use '" + replacement + "'"),
                (b, n) -> sink.apply(b).addAll(BindContext.rawLines(n)));
    }

    static List<String> words(Node n) {
        return n.words();
    }
}
