package io.javalived.parser.model;

/** {@code BFD_CHECK}: the real server follows the BFD session {@code name}. */
public record BfdCheck(String name, boolean alpha, SourceLocation location) implements Checker {
    @Override
    public CheckerKind kind() {
        return CheckerKind.BFD_CHECK;
    }
}
