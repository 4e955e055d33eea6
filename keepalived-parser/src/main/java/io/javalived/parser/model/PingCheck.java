package io.javalived.parser.model;

/** {@code PING_CHECK}: ICMP echo to connect_ip. */
public record PingCheck(CheckerSettings settings, SourceLocation location) implements ScheduledChecker {
    @Override
    public CheckerKind kind() {
        return CheckerKind.PING_CHECK;
    }
}
