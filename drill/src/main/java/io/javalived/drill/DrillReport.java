package io.javalived.drill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a drill measured. Times are seconds on the drill's clock; durations are seconds; a figure the drill
 * could not observe is null.
 *
 * @param mode                 kill or stop
 * @param signal               what was done to the master
 * @param dataPath             how client traffic reached a server, said plainly
 * @param ipvsKernel           whether the kernel has IPVS
 * @param ipvsProgrammed       whether the master daemon put the virtual server in IPVS (null without IPVS)
 * @param vip                  the VIP and port the client targets
 * @param rate                 client requests per second
 * @param bound                the protocol's bound for this takeover
 * @param boundSeconds         its figure
 * @param boundExplained       how the figure is made
 * @param takeoverSeconds      signal to the VIP present on the backup
 * @param masterReleaseSeconds signal to the VIP removed from the master (stop mode)
 * @param preemptSeconds       restart of the master to the VIP back on it
 * @param backupReleaseSeconds restart of the master to the VIP removed from the backup
 * @param requests             requests sent
 * @param answered             requests answered
 * @param lost                 requests that failed
 * @param outageSeconds        from the first failed request after the signal to the end of the last one (0: none)
 * @param answeredBy           answers per server
 * @param failures             failures per reason
 * @param segments             who answered when: consecutive requests with the same outcome
 * @param vipHeld              which load balancer held the VIP when (outcome = the host), from rtnetlink
 * @param events               the drill's markers
 * @param daemonLog            the daemons' state changes, as they logged them
 * @param notes                anything a person should know about this run
 * @param log                  every request
 * @param daemon               the daemon drilled on lb01 and lb02: "javalived", or keepalived and its version
 * @param connections          the long-lived echo connections and how many were kept (null without --connections)
 */
public record DrillReport(String mode, String signal, String dataPath, boolean ipvsKernel, Boolean ipvsProgrammed,
                          String vip, double rate, ProtocolBound bound, double boundSeconds, String boundExplained,
                          Double takeoverSeconds, Double masterReleaseSeconds, Double preemptSeconds,
                          Double backupReleaseSeconds, int requests, int answered, int lost, double outageSeconds,
                          Map<String, Integer> answeredBy, Map<String, Integer> failures, List<Segment> segments, List<Segment> vipHeld,
                          List<DrillEvent> events, List<String> daemonLog, List<String> notes,
                          List<RequestRecord> log, String daemon, ConnectionsReport connections) {

    /** A drill of javalived without long-lived connections. */
    public DrillReport(String mode, String signal, String dataPath, boolean ipvsKernel, Boolean ipvsProgrammed,
                       String vip, double rate, ProtocolBound bound, double boundSeconds, String boundExplained,
                       Double takeoverSeconds, Double masterReleaseSeconds, Double preemptSeconds,
                       Double backupReleaseSeconds, int requests, int answered, int lost, double outageSeconds,
                       Map<String, Integer> answeredBy, Map<String, Integer> failures, List<Segment> segments,
                       List<Segment> vipHeld, List<DrillEvent> events, List<String> daemonLog, List<String> notes,
                       List<RequestRecord> log) {
        this(mode, signal, dataPath, ipvsKernel, ipvsProgrammed, vip, rate, bound, boundSeconds, boundExplained,
                takeoverSeconds, masterReleaseSeconds, preemptSeconds, backupReleaseSeconds, requests, answered, lost,
                outageSeconds, answeredBy, failures, segments, vipHeld, events, daemonLog, notes, log, "javalived", null);
    }

    /** Consecutive requests with the same outcome: a server's name, or "failed". */
    public record Segment(double from, double to, String outcome, int count) {}

    public static final String FAILED = "failed";

    static List<Segment> segments(List<RequestRecord> log) {
        List<Segment> out = new ArrayList<>();
        Segment cur = null;
        for (RequestRecord r : log) {
            String who = r.ok() ? r.answeredBy() : FAILED;
            if (cur != null && cur.outcome().equals(who)) {
                cur = new Segment(cur.from(), r.sentAt(), who, cur.count() + 1);
                out.set(out.size() - 1, cur);
            } else {
                cur = new Segment(r.sentAt(), r.sentAt(), who, 1);
                out.add(cur);
            }
        }
        return out;
    }

    static Map<String, Integer> answeredBy(List<RequestRecord> log) {
        Map<String, Integer> m = new TreeMap<>();
        log.stream().filter(RequestRecord::ok).forEach(r -> m.merge(r.answeredBy(), 1, Integer::sum));
        return m;
    }

    static Map<String, Integer> failures(List<RequestRecord> log) {
        Map<String, Integer> m = new LinkedHashMap<>();
        log.stream().filter(r -> !r.ok()).forEach(r -> m.merge(r.failure(), 1, Integer::sum));
        return m;
    }

    static double outage(List<RequestRecord> log, double since) {
        double first = Double.NaN;
        double last = Double.NaN;
        for (RequestRecord r : log) {
            if (!r.ok() && r.sentAt() >= since) {
                if (Double.isNaN(first)) {
                    first = r.sentAt();
                }
                last = r.sentAt() + r.latencyMs() / 1000;
            }
        }
        return Double.isNaN(first) ? 0 : last - first;
    }

    /** The report for a person. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("javalived failover drill: ").append(signal).append('\n');
        if (!"javalived".equals(daemon)) {
            b.append("  daemons:   ").append(daemon).append(" on lb01 and lb02 (instead of javalived), same configs\n");
        }
        b.append("  traffic:   ").append(dataPath).append('\n');
        b.append("  client:    ").append(fmt(rate)).append(" requests/s to ").append(vip).append('\n');
        b.append(String.format(Locale.ROOT, "  takeover:  %s   (VIP on lb02 after the signal; protocol bound %s)%n",
                secs(takeoverSeconds), boundExplained));
        if (masterReleaseSeconds != null) {
            b.append(String.format(Locale.ROOT, "  release:   %s   (VIP removed from lb01 after the signal)%n",
                    secs(masterReleaseSeconds)));
        }
        b.append(String.format(Locale.ROOT, "  preempt:   %s   (VIP back on lb01 after its restart; lb02 released it after %s)%n",
                secs(preemptSeconds), secs(backupReleaseSeconds)));
        b.append(String.format(Locale.ROOT, "  requests:  %d sent, %d answered, %d lost", requests, answered, lost));
        if (lost > 0) {
            b.append(String.format(Locale.ROOT, " (%s; failures spanned %.2f s)", failures, outageSeconds));
        }
        b.append('\n');
        b.append("  answered:  ").append(answeredBy).append('\n');
        if (connections != null) {
            b.append(connections.line()).append('\n');
            b.append(String.format(Locale.ROOT, "  (%d long-lived connections asked for; kept = still open and every "
                    + "echo of the window back within %.3f s, the takeover plus one request time limit; windows: "
                    + "signal to restart, restart to end)%n", connections.requested(), connections.allowedPauseSeconds()));
            for (ConnectionsReport.Outcome c : connections.connections()) {
                if (c.lostIn() != null) {
                    b.append(String.format(Locale.ROOT, "    c%-4d lost in %-9s %s%s, longest pause %.2f s, %d of %d "
                            + "echoes%n", c.id(), c.lostIn(), c.server() == null ? "no server" : "to " + c.server(),
                            c.failure() == null ? "" : String.format(Locale.ROOT, ", %s at %.2f s", c.failure(), c.failedAt()),
                            c.longestPause(), c.linesEchoed(), c.linesSent()));
                }
            }
        }
        b.append("  who answered when:\n");
        for (Segment s : segments) {
            b.append(String.format(Locale.ROOT, "    %7.2f s .. %7.2f s  %-8s %4d request%s%n", s.from(), s.to(),
                    s.outcome(), s.count(), s.count() == 1 ? "" : "s"));
        }
        b.append("  events:\n");
        for (DrillEvent e : events) {
            b.append(String.format(Locale.ROOT, "    %7.2f s  %-11s %s%n", e.at(), e.kind(), e.detail()));
        }
        if (!daemonLog.isEmpty()) {
            b.append("  daemons' state changes:\n");
            daemonLog.forEach(l -> b.append("    ").append(l).append('\n'));
        }
        if (!notes.isEmpty()) {
            b.append("  notes:\n");
            notes.forEach(n -> b.append("    - ").append(n).append('\n'));
        }
        return b.toString();
    }

    static String secs(Double s) {
        return s == null ? "not observed" : String.format(Locale.ROOT, "%.3f s", s);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
