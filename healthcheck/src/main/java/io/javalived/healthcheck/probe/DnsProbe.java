package io.javalived.healthcheck.probe;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * DNS_CHECK over UDP: a query for {@code name} of {@code type} (recursion desired, as keepalived sends it);
 * up when a response with the query's id comes back with rcode NOERROR within connect_timeout.
 */
public record DnsProbe(Connection connection, String type, String name) implements Probe {
    /** The types keepalived's DNS_CHECK accepts. */
    public static final Set<String> TYPES = Set.of("A", "NS", "CNAME", "SOA", "MX", "TXT", "AAAA", "RRSIG", "DNSKEY");

    public DnsProbe {
        Objects.requireNonNull(connection, "connection");
        type = type.toUpperCase(Locale.ROOT);
        if (!TYPES.contains(type)) throw new IllegalArgumentException("DNS type " + type + " is not one of " + TYPES);
        if (name == null || name.isEmpty()) name = ".";
    }

    public String kind() {
        return "DNS_CHECK";
    }

    public String describe() {
        return connection.describe("udp");
    }
}
