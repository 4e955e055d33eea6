package io.javalived.parser.model;

import java.util.List;

/**
 * A keyword the parser recognises but the product does not (yet) interpret: kept by name with its
 * arguments as written, so nothing in the file is lost and {@code config --format json} still shows it.
 */
public record RawValue(String keyword, List<String> args, SourceLocation location) {
    public RawValue {
        args = List.copyOf(args);
    }
}
