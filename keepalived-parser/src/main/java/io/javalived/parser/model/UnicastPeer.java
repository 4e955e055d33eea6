package io.javalived.parser.model;

import java.net.InetAddress;
import java.util.OptionalInt;

/** A {@code unicast_peer} entry: {@code IP [min_ttl N] [max_ttl N]} (a TTL range implies check_unicast_src). */
public record UnicastPeer(InetAddress address, OptionalInt minTtl, OptionalInt maxTtl, SourceLocation location) {}
