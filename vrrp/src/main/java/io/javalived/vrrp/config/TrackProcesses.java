package io.javalived.vrrp.config;

import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.RawBlock;
import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.SourceLocation;
import io.javalived.vrrp.runtime.ProcessTrack;
import io.javalived.vrrp.track.ProcessPattern;
import io.javalived.vrrp.track.ProcessPattern.ParamMatch;
import io.javalived.vrrp.track.TrackerWeight;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code vrrp_track_process} blocks and the {@code track_process} lines of instances and sync groups, read as
 * keepalived 2.2.7 reads them (defaults: weight 0, quorum 1, no quorum_max; parameters after the process imply
 * {@code param_match exact} and the full command line); mistakes reported with their file:line in keepalived's words.
 */
final class TrackProcesses {
    record Use(ProcessTrack track, SourceLocation location) {}

    private final Map<String, ProcessTrack> byName = new LinkedHashMap<>();
    private final Map<String, List<Use>> groupUses = new LinkedHashMap<>();
    private final List<String> problems;

    TrackProcesses(KeepalivedConfig cfg, List<String> problems) {
        this.problems = problems;
        for (RawBlock b : cfg.otherBlocks()) {
            if (b.keyword().equals("vrrp_track_process")) define(b);
        }
    }

    private void define(RawBlock b) {
        if (b.args().isEmpty()) {
            problems.add(b.location() + ": vrrp_track_process without a name - ignoring");
            return;
        }
        String name = b.args().getFirst();
        String path = null;
        List<String> params = List.of();
        ParamMatch match = ParamMatch.NONE;
        boolean full = false;
        int weight = 0;
        boolean reverse = false;
        int quorum = 1;
        long quorumMax = 0xffffffffL;
        Duration fork = Duration.ZERO;
        Duration terminate = Duration.ZERO;
        for (RawValue v : b.values()) {
            List<String> a = v.args();
            String at = v.location() + ": ";
            switch (v.keyword()) {
                case "process" -> {
                    if (a.isEmpty()) continue;
                    if (path != null) {
                        problems.add(at + "Process already set for track process " + name + " - ignoring " + a.getFirst());
                        continue;
                    }
                    path = a.getFirst();
                    if (a.size() > 1) {
                        params = a.subList(1, a.size());
                        if (match == ParamMatch.NONE) match = ParamMatch.EXACT;
                        full = true;
                    }
                }
                case "param_match" -> {
                    if (a.isEmpty()) match = ParamMatch.EXACT;
                    else if (a.getFirst().equals("initial")) match = ParamMatch.INITIAL;
                    else if (a.getFirst().equals("partial")) match = ParamMatch.PARTIAL;
                    else {
                        problems.add(at + "Invalid param_match type " + a.getFirst() + " - ignoring");
                        continue;
                    }
                    full = true;
                }
                case "weight" -> {
                    if (a.isEmpty()) {
                        problems.add(at + "No weight specified for track process " + name + " - ignoring");
                        continue;
                    }
                    if (weight != 0) {
                        problems.add(at + "Weight already set for track process " + name + " - ignoring " + a.getFirst());
                        continue;
                    }
                    Optional<Long> w = integer(a.getFirst(), -254, 254);
                    if (w.isEmpty()) {
                        problems.add(at + "Weight (" + a.getFirst() + ") for vrrp_track_process " + name
                                + " must be between [-254..254] inclusive. Ignoring...");
                        continue;
                    }
                    if (a.size() >= 2) {
                        if (a.get(1).equals("reverse")) reverse = true;
                        else problems.add(at + "vrrp_track_process " + name + " unknown weight option " + a.get(1));
                    }
                    weight = w.get().intValue();
                }
                case "quorum" -> {
                    Optional<Long> q = a.isEmpty() ? Optional.empty() : integer(a.getFirst(), 1, 65535);
                    if (q.isEmpty()) {
                        problems.add(at + "Quorum (" + (a.isEmpty() ? "" : a.getFirst()) + ") for vrrp_track_process "
                                + name + " must be between [1..65535] inclusive. Ignoring...");
                    } else if (q.get() > quorumMax) {
                        problems.add(at + "Quorum is greater than quorum_max - ignoring");
                    } else {
                        quorum = q.get().intValue();
                    }
                }
                case "quorum_max" -> {
                    Optional<Long> q = a.isEmpty() ? Optional.empty() : integer(a.getFirst(), 0, 65535);
                    if (q.isEmpty()) {
                        problems.add(at + "quorum_max (" + (a.isEmpty() ? "" : a.getFirst()) + ") for vrrp_track_process "
                                + name + " must be between [0..65535] inclusive. Ignoring...");
                    } else if ((q.get() != 0 || quorum > 1) && q.get() < quorum) {
                        problems.add(at + "quorum_max is less than quorum - ignoring");
                    } else {
                        quorumMax = q.get();
                        if (quorumMax == 0) quorum = 0;
                        else if (quorum == 0) quorum = 1;
                    }
                }
                case "delay", "fork_delay", "terminate_delay" -> {
                    Optional<Duration> d = a.isEmpty() ? Optional.empty() : seconds(a.getFirst());
                    if (d.isEmpty()) {
                        String kind = v.keyword().equals("delay") ? "" : v.keyword().replace("delay", "");
                        problems.add(at + kind + "delay (" + (a.isEmpty() ? "" : a.getFirst()) + ") for vrrp_track_process "
                                + name + " must be between [0.000001..3600] inclusive. Ignoring...");
                        continue;
                    }
                    if (!v.keyword().equals("fork_delay")) terminate = d.get();
                    if (!v.keyword().equals("terminate_delay")) fork = d.get();
                }
                case "full_command" -> full = true;
                default -> { } // the parser reported it
            }
        }
        if (path == null) {
            problems.add(b.location() + ": track process '" + name + "' process name not specified");
            return;
        }
        byName.putIfAbsent(name, new ProcessTrack(name, new ProcessPattern(path, params, match, full),
                new TrackerWeight(weight, reverse), quorum, quorumMax, fork, terminate));
    }

    private static Optional<Long> integer(String s, long min, long max) {
        try {
            long v = Long.parseLong(s);
            return v < min || v > max ? Optional.empty() : Optional.of(v);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> seconds(String s) {
        try {
            BigDecimal d = new BigDecimal(s);
            if (d.compareTo(new BigDecimal("0.000001")) < 0 || d.compareTo(BigDecimal.valueOf(3600)) > 0) return Optional.empty();
            return Optional.of(Duration.ofNanos(d.movePointRight(9).longValue()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A sync group's track_process lines, resolved once. */
    List<Use> groupUses(String group, List<RawValue> lines) {
        return groupUses.computeIfAbsent(group, g -> uses(g, lines));
    }

    /** The track_process lines of {@code owner}: {@code NAME [weight N [reverse|noreverse]]}. */
    List<Use> uses(String owner, List<RawValue> lines) {
        return TrackerLines.read(owner, lines, "track process", "track_process",
                        n -> Optional.ofNullable(byName.get(n)).map(ProcessTrack::weight), problems)
                .stream().map(l -> {
                    ProcessTrack d = byName.get(l.name());
                    return new Use(new ProcessTrack(l.name(), d.pattern(), l.weight(), d.quorum(), d.quorumMax(),
                            d.forkDelay(), d.terminateDelay()), l.location());
                }).toList();
    }
}
