package io.javalived.vrrp.config;

import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.SourceLocation;
import io.javalived.vrrp.track.TrackerWeight;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The lines of an instance's or sync group's {@code track_file} / {@code track_process} list, read as keepalived
 * 2.2.7 reads them: {@code NAME [weight N [reverse|noreverse]]}, the weight and reverse of the named block unless
 * given; an unknown name, a duplicate or a bad option drops the line with keepalived's message at its file:line.
 */
final class TrackerLines {
    private TrackerLines() {}

    /** One resolved line: the block's name, its weight here, where it is and whether the line set the weight. */
    record Line(String name, TrackerWeight weight, boolean explicitWeight, SourceLocation location) {}

    /**
     * @param kind     "track file" or "track process" (keepalived's words)
     * @param keyword  "track_file" or "track_process"
     * @param defaults the named block's weight, empty when there is no such block
     */
    static List<Line> read(String owner, List<RawValue> lines, String kind, String keyword,
                           Function<String, Optional<TrackerWeight>> defaults, List<String> problems) {
        List<Line> out = new ArrayList<>();
        for (RawValue line : lines) {
            List<String> a = line.args();
            if (a.isEmpty()) continue;
            String name = a.getFirst();
            String at = line.location() + ": (" + owner + ") ";
            Optional<TrackerWeight> d = defaults.apply(name);
            if (d.isEmpty()) {
                problems.add(at + kind + " " + name + " not found, ignoring...");
                continue;
            }
            if (out.stream().anyMatch(l -> l.name().equals(name))) {
                problems.add(at + "duplicate " + keyword + " " + name + " - ignoring");
                continue;
            }
            TrackerWeight w = d.get();
            boolean explicit = false;
            if (a.size() >= 2) {
                if (!a.get(1).equals("weight")) {
                    problems.add(at + "unknown " + kind + " option " + a.get(1) + " - ignoring");
                    continue;
                }
                if (a.size() == 2) {
                    problems.add(at + "weight without value specified for " + kind + " " + name + " - ignoring");
                    continue;
                }
                Optional<Integer> n = weight(a.get(2));
                if (n.isPresent()) {
                    w = new TrackerWeight(n.get(), w.reverse());
                    explicit = true;
                } else {
                    problems.add(at + "weight for " + kind + " " + name + " must be in [-254..254] inclusive. Ignoring...");
                }
                if (a.size() >= 4) {
                    if (a.get(3).equals("reverse")) w = w.withReverse(true);
                    else if (a.get(3).equals("noreverse")) w = w.withReverse(false);
                    else {
                        problems.add(at + "unknown " + (kind.equals("track file") ? kind : keyword) + " " + name
                                + " weight option " + a.get(3) + " - ignoring");
                        continue;
                    }
                }
            }
            out.add(new Line(name, w, explicit, line.location()));
        }
        return out;
    }

    /** A weight in -254..254. */
    static Optional<Integer> weight(String s) {
        try {
            int w = Integer.parseInt(s);
            return w < -254 || w > 254 ? Optional.empty() : Optional.of(w);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * An instance's entries joined with its sync group's, as keepalived joins them: a group entry applies to the member
     * (replacing the member's own entry of the same name, unless that one is unweighted).
     */
    static <T> List<T> withGroup(List<T> own, List<T> group, Function<T, String> name, Predicate<T> unweighted) {
        List<T> out = new ArrayList<>(own);
        for (T t : group) {
            Optional<T> same = out.stream().filter(x -> name.apply(x).equals(name.apply(t))).findFirst();
            if (same.isEmpty()) out.add(t);
            else if (!unweighted.test(same.get())) out.set(out.indexOf(same.get()), t);
        }
        return out;
    }
}
