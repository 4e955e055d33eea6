package io.javalived.parser.model;

/**
 * {@code DNS_CHECK} (over UDP).
 *
 * @param type query type A|NS|CNAME|SOA|MX|TXT|AAAA, default SOA
 * @param name query name, default "."
 */
public record DnsCheck(CheckerSettings settings, String type, String name, SourceLocation location)
        implements ScheduledChecker {
    @Override
    public CheckerKind kind() {
        return CheckerKind.DNS_CHECK;
    }
}
