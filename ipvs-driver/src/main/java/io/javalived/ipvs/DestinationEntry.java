package io.javalived.ipvs;

/** A real server as listed: its settings, connection counts and counters (64- and 32-bit variants). */
public record DestinationEntry(Destination destination, int activeConnections, int inactiveConnections,
                               int persistentConnections, Stats stats, Stats stats32) {
}
