package io.javalived.parser.model;

/**
 * A health checker of a real server (reference 1.8). Checkers that probe on a schedule carry
 * {@link CheckerSettings}; FILE_CHECK and BFD_CHECK are driven by their file or BFD session instead.
 */
public sealed interface Checker permits ScheduledChecker, FileCheck, BfdCheck {

    CheckerKind kind();

    SourceLocation location();
}
