package io.javalived.parser.model;

import java.util.List;

/**
 * A recognised block the product keeps uninterpreted (for example {@code static_routes},
 * {@code bfd_instance}, {@code virtual_routes}): its opening line and its contents, recursively.
 */
public record RawBlock(String keyword, List<String> args, List<RawValue> values, List<RawBlock> blocks,
                       SourceLocation location) {
    public RawBlock {
        args = List.copyOf(args);
        values = List.copyOf(values);
        blocks = List.copyOf(blocks);
    }
}
