package io.javalived.drill;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the anycast drill ({@code javalived drill --anycast N}) saw.
 *
 * @param directors             how many directors announced the VIP
 * @param vip                   the VIP and port
 * @param dataPath              how the client's traffic went (router ECMP, IPVS mh on each director, DR)
 * @param killed                the director killed (-9 of javalived and its FRR) and restarted
 * @param hopsBeforeKill        the router's next hops for the VIP before the kill
 * @param hopsAfterKill         ... once the killed director's next hop was gone (or when the wait ended)
 * @param killWithdrawnSeconds  from the kill to the router's FIB without its next hop (null: not seen)
 * @param restartedBackSeconds  from the restart (FRR, then javalived) to its next hop back in the FIB (null: not seen)
 * @param connections           the long-lived connections through the kill and the return (null: none asked)
 * @param serversDown           the director whose real servers failed (its link to them cut)
 * @param serversDownWithdrawnSeconds from the cut to the router's FIB without its next hop (null: not seen)
 * @param hopsKeptWhenServersDown the next hops left then (the other directors keep the route)
 * @param requestsAfterWithdrawal client requests sent after that withdrawal and before the link came back
 * @param failedAfterWithdrawal of those, how many failed (the goal: none)
 * @param failedBeforeWithdrawal requests sent between the cut and the withdrawal that failed (the checks' time)
 * @param ipvsConnectionsBeforeKill each director's IPVS connection entries for the VIP before the kill
 * @param requests              client requests sent
 * @param answered              of those, answered
 * @param answeredBy            answers per real server
 * @param failures              failures by reason
 * @param nextHops              the router's next hops over time (each change)
 * @param events                what the drill did and saw
 * @param notes                 observations for a person
 * @param log                   every request
 */
public record AnycastReport(int directors, String vip, String dataPath, String killed, int hopsBeforeKill,
                            int hopsAfterKill, Double killWithdrawnSeconds, Double restartedBackSeconds,
                            ConnectionsReport connections, String serversDown, Double serversDownWithdrawnSeconds,
                            List<String> hopsKeptWhenServersDown, int requestsAfterWithdrawal, int failedAfterWithdrawal,
                            int failedBeforeWithdrawal, Map<String, Integer> ipvsConnectionsBeforeKill, int requests,
                            int answered, Map<String, Integer> answeredBy, Map<String, Integer> failures,
                            List<NextHopWatcher.Change> nextHops, List<DrillEvent> events, List<String> notes,
                            List<RequestRecord> log) {

    public AnycastReport {
        hopsKeptWhenServersDown = List.copyOf(hopsKeptWhenServersDown);
        ipvsConnectionsBeforeKill = Map.copyOf(ipvsConnectionsBeforeKill);
        answeredBy = Map.copyOf(answeredBy);
        failures = Map.copyOf(failures);
        nextHops = List.copyOf(nextHops);
        events = List.copyOf(events);
        notes = List.copyOf(notes);
        log = List.copyOf(log);
    }

    /** {@code next hops: 3 before, 2 after kill -9 of lb0X (withdrawn in S s)}, exactly. */
    public String killLine() {
        return killLine(hopsBeforeKill, hopsAfterKill, killed, killWithdrawnSeconds);
    }

    static String killLine(int before, int after, String killed, Double seconds) {
        return String.format(Locale.ROOT, "next hops: %d before, %d after kill -9 of %s (%s)", before, after, killed,
                seconds == null ? "not withdrawn" : String.format(Locale.ROOT, "withdrawn in %.2f s", seconds));
    }

    /** {@code real servers down on lb0X: route withdrawn in S s}, exactly. */
    public String serversDownLine() {
        return serversDownLine(serversDown, serversDownWithdrawnSeconds);
    }

    static String serversDownLine(String director, Double seconds) {
        return "real servers down on " + director + ": " + (seconds == null ? "route not withdrawn"
                : String.format(Locale.ROOT, "route withdrawn in %.2f s", seconds));
    }

    /** Whether every measurement was observed (the drill's exit code 0). */
    public boolean complete() {
        return killWithdrawnSeconds != null && restartedBackSeconds != null && serversDownWithdrawnSeconds != null;
    }

    /** The report as text (the console's summary and drill-anycast.txt). */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("javalived anycast drill: ").append(directors).append(" directors behind ECMP, VIP ").append(vip).append('\n');
        b.append("Data path: ").append(dataPath).append('\n');
        b.append('\n');
        b.append(killLine()).append('\n');
        if (connections != null) {
            b.append(connections.line()).append('\n');
        }
        b.append(serversDownLine()).append('\n');
        b.append('\n');
        b.append(String.format(Locale.ROOT, "%s back in the router's FIB %s after its restart (FRR, then javalived)%n",
                killed, DrillReport.secs(restartedBackSeconds)));
        b.append("IPVS connection entries for the VIP before the kill: ").append(new java.util.TreeMap<>(ipvsConnectionsBeforeKill)).append('\n');
        b.append("When ").append(serversDown).append("'s real servers failed, the router kept ").append(hopsKeptWhenServersDown)
                .append('\n');
        b.append(String.format(Locale.ROOT, "New requests after that withdrawal: %d sent, %d failed (the goal: none sent to a "
                + "director without healthy servers); before it, while its checks were failing: %d failed%n",
                requestsAfterWithdrawal, failedAfterWithdrawal, failedBeforeWithdrawal));
        b.append(String.format(Locale.ROOT, "Requests: %d sent, %d answered %s%s%n", requests, answered,
                new java.util.TreeMap<>(answeredBy), failures.isEmpty() ? "" : ", failed " + failures));
        if (connections != null) {
            connections.connections().stream().filter(c -> c.lostIn() != null).forEach(c -> b.append(String.format(Locale.ROOT,
                    "  connection %d (%s) lost in %s: %s, longest pause %.2f s%n", c.id(), c.server(), c.lostIn(),
                    c.failure() == null ? "an echo late or missing" : c.failure(), c.longestPause())));
        }
        b.append("Next hops at the router over time:\n");
        for (NextHopWatcher.Change c : nextHops) {
            b.append(String.format(Locale.ROOT, "  %8.3f s  %d %s%n", c.at(), c.count(), c.hops()));
        }
        b.append("Events:\n");
        for (DrillEvent e : events) {
            b.append(String.format(Locale.ROOT, "  %8.3f s  %-11s %s%n", e.at(), e.kind(), e.detail()));
        }
        if (!notes.isEmpty()) {
            b.append("Notes:\n");
            notes.forEach(n -> b.append("  - ").append(n.replace("\n", "\n    ")).append('\n'));
        }
        return b.toString();
    }
}
