package io.javalived.drill;

import java.util.List;

/**
 * What one long-lived echo connection saw: when it opened, which server echoed, each line it sent and when its
 * echo came back, and how it ended if it failed. Times are seconds on the drill's clock.
 *
 * @param id       its number (1..N)
 * @param openedAt when the connection was established; null when it could not be opened
 * @param server   the host name the first echo carried (web01, web02, or lb01/lb02 without IPVS); null before one
 * @param lines    every line sent, in order
 * @param failedAt when the connection failed (reset, closed by the peer, a write or read error); null when it did
 *                 not fail before the drill closed it
 * @param failure  why it failed, or why it could not be opened; null otherwise
 */
public record EchoLog(int id, Double openedAt, String server, List<Line> lines, Double failedAt, String failure) {

    /** One line sent, and when its echo came back (null: never). */
    public record Line(double sentAt, Double echoedAt) {}

    public EchoLog {
        lines = List.copyOf(lines);
    }
}
