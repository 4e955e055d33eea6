package io.javalived.healthcheck.probe;

import java.util.Objects;

/** TCP_CHECK: up when a TCP connection opens within connect_timeout. */
public record TcpProbe(Connection connection) implements Probe {
    public TcpProbe {
        Objects.requireNonNull(connection, "connection");
    }

    public String kind() {
        return "TCP_CHECK";
    }

    public String describe() {
        return connection.describe("tcp");
    }
}
