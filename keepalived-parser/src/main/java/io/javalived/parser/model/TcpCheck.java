package io.javalived.parser.model;

/** {@code TCP_CHECK}: up when a TCP connection to connect_ip:connect_port completes within connect_timeout. */
public record TcpCheck(CheckerSettings settings, SourceLocation location) implements ScheduledChecker {
    @Override
    public CheckerKind kind() {
        return CheckerKind.TCP_CHECK;
    }
}
