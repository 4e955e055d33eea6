package io.javalived.healthcheck.probe;

import java.util.Objects;
import io.javalived.ipvs.Addresses;

/** PING_CHECK: up when an ICMP (or ICMPv6) echo reply comes back from the target within connect_timeout. */
public record PingProbe(Connection connection) implements Probe {
    public PingProbe {
        Objects.requireNonNull(connection, "connection");
    }

    public String kind() {
        return "PING_CHECK";
    }

    public String describe() {
        return "[" + Addresses.toText(connection.target().getAddress()) + "]:icmp";
    }
}
