package io.javalived.drill;

import java.util.List;
import java.util.Locale;

/**
 * The long-lived echo connections of a drill ({@code --connections N}) and how many were kept.
 *
 * @param requested           connections asked for
 * @param open                connections established before the failure and not failed at the signal
 * @param keptThroughTakeover from the signal until the master was restarted: not failed, every echo back within
 *                            the allowed pause
 * @param keptThroughPreempt  of those, also kept until the end of the drill (through the preemption)
 * @param allowedPauseSeconds the longest an echo may take: the takeover plus one request time limit
 * @param takeoverCheckpoint  when the takeover phase was judged (just before the restart of lb01)
 * @param preemptCheckpoint   when the preemption phase was judged (the end, after the last echoes)
 * @param connections         each connection's outcome
 */
public record ConnectionsReport(int requested, int open, int keptThroughTakeover, int keptThroughPreempt,
                                double allowedPauseSeconds, double takeoverCheckpoint, double preemptCheckpoint,
                                List<Outcome> connections) {

    /**
     * One connection.
     *
     * @param id           its number
     * @param server       who echoed (null: no echo ever came)
     * @param openedAt     when it opened (null: it did not)
     * @param linesSent    lines sent
     * @param linesEchoed  echoes received
     * @param longestPause the longest a line waited for its echo, seconds
     * @param firstLateAt  when the first line was sent whose echo never came or came too late (null: none)
     * @param failedAt     when it failed (null: it did not)
     * @param failure      why it failed (null: it did not)
     * @param lostIn       "takeover", "preempt", "not opened", "before the signal", or null when kept through both
     */
    public record Outcome(int id, String server, Double openedAt, int linesSent, int linesEchoed, double longestPause,
                          Double firstLateAt, Double failedAt, String failure, String lostIn) {}

    public ConnectionsReport {
        connections = List.copyOf(connections);
    }

    /** The report's line, exactly: {@code connections: N open, K kept through takeover, P kept through preempt}. */
    public String line() {
        return String.format(Locale.ROOT, "connections: %d open, %d kept through takeover, %d kept through preempt",
                open, keptThroughTakeover, keptThroughPreempt);
    }
}
