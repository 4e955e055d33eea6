package io.javalived.drill;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the echo connections kept through the takeover and through the preemption, each judged over its own
 * window: the takeover's from the signal to just before the master's restart, the preemption's from there to the
 * end. A connection is open when it opened and had not failed at the signal; it is kept through a window when it
 * had not failed by the window's end and every line it sent in the window (up to {@code end - allowedPause}) came
 * back within {@code allowedPause}: a pause is allowed, as long as the takeover (plus one request time limit, for
 * TCP's retransmission after it), but no lost echo and no reset. Kept through the preemption implies kept through
 * the takeover. A pause before the signal is not the failover's: it is shown (longest pause, first late line),
 * not counted.
 */
final class ConnectionTally {
    private ConnectionTally() {
    }

    /**
     * @param logs               every connection's log
     * @param signalAt           when the master was killed or stopped (the takeover window's start)
     * @param takeoverCheckpoint the end of the takeover phase (just before the master is restarted)
     * @param end                the end of the preemption phase (sending stopped, then the last echoes awaited)
     * @param allowedPause       the longest an echo may take
     */
    static ConnectionsReport tally(List<EchoLog> logs, double signalAt, double takeoverCheckpoint, double end,
                                   double allowedPause) {
        int open = 0;
        int takeover = 0;
        int preempt = 0;
        List<ConnectionsReport.Outcome> outcomes = new ArrayList<>();
        for (EchoLog c : logs) {
            boolean opened = c.openedAt() != null && c.openedAt() <= signalAt
                    && (c.failedAt() == null || c.failedAt() > signalAt);
            boolean t = opened && kept(c, signalAt, takeoverCheckpoint, allowedPause);
            boolean p = t && kept(c, takeoverCheckpoint, end, allowedPause);
            open += opened ? 1 : 0;
            takeover += t ? 1 : 0;
            preempt += p ? 1 : 0;
            int echoed = (int) c.lines().stream().filter(l -> l.echoedAt() != null).count();
            String lostIn = !opened ? (c.openedAt() == null ? "not opened" : "before the signal") : !t ? "takeover"
                    : !p ? "preempt" : null;
            outcomes.add(new ConnectionsReport.Outcome(c.id(), c.server(), c.openedAt(), c.lines().size(), echoed,
                    longestPause(c, end), firstLate(c, end, allowedPause), c.failedAt(), c.failure(), lostIn));
        }
        return new ConnectionsReport(logs.size(), open, takeover, preempt, allowedPause, takeoverCheckpoint, end,
                outcomes);
    }

    /**
     * Not failed by {@code to}, and every line sent from {@code from} to {@code to - allowedPause} echoed within
     * {@code allowedPause}.
     */
    static boolean kept(EchoLog c, double from, double to, double allowedPause) {
        if (c.openedAt() == null || (c.failedAt() != null && c.failedAt() <= to)) {
            return false;
        }
        for (EchoLog.Line l : c.lines()) {
            if (l.sentAt() < from) {
                continue;
            }
            if (l.sentAt() > to - allowedPause) {
                break;
            }
            if (l.echoedAt() == null || l.echoedAt() - l.sentAt() > allowedPause) {
                return false;
            }
        }
        return true;
    }

    /**
     * The longest any line waited for its echo (a line never echoed waited until the connection failed, or until
     * {@code end}).
     */
    static double longestPause(EchoLog c, double end) {
        double longest = 0;
        double until = c.failedAt() != null ? Math.min(end, c.failedAt()) : end;
        for (EchoLog.Line l : c.lines()) {
            double waited = (l.echoedAt() == null ? Math.max(until, l.sentAt()) : l.echoedAt()) - l.sentAt();
            longest = Math.max(longest, waited);
        }
        return longest;
    }

    /** When the first line was sent whose echo never came or came later than allowed; null when none. */
    static Double firstLate(EchoLog c, double end, double allowedPause) {
        for (EchoLog.Line l : c.lines()) {
            if (l.sentAt() > end - allowedPause) {
                break;
            }
            if (l.echoedAt() == null || l.echoedAt() - l.sentAt() > allowedPause) {
                return l.sentAt();
            }
        }
        return null;
    }
}
