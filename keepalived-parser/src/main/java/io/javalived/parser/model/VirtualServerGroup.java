package io.javalived.parser.model;

import java.net.InetAddress;
import java.util.List;

/** {@code virtual_server_group NAME { IP [port] | IP-range [port] | fwmark N ... }} (reference 1.7). */
public record VirtualServerGroup(String name, List<Entry> entries, SourceLocation location) {

    public VirtualServerGroup {
        entries = List.copyOf(entries);
    }

    /** One line of a virtual_server_group. */
    public sealed interface Entry {
        SourceLocation location();
    }

    /**
     * {@code IP [port]} or a range {@code a.b.c.d-e} / CIDR: addresses {@code first..last} inclusive
     * ({@code first == last} for a single address). Port 0 when omitted.
     */
    public record AddressRange(InetAddress first, InetAddress last, int port, SourceLocation location) implements Entry {}

    /** {@code fwmark N [inet|inet6]}. */
    public record Fwmark(long mark, InetFamily family, SourceLocation location) implements Entry {}
}
