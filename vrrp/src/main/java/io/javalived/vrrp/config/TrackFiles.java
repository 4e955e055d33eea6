package io.javalived.vrrp.config;

import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.RawBlock;
import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.SourceLocation;
import io.javalived.vrrp.runtime.FileTrack;
import io.javalived.vrrp.track.TrackerWeight;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code track_file} blocks (and their deprecated alias {@code vrrp_track_file}) and the {@code track_file}
 * lines of instances and sync groups that use them, read as keepalived 2.2.7 reads them: a block's weight defaults
 * to 1 and a line may set its own ({@code NAME weight N [reverse|noreverse]}); a mistake is reported with its
 * file:line and keepalived's wording, and the entry is dropped or its default kept as keepalived does.
 */
final class TrackFiles {
    /** One track_file block. */
    record Definition(String name, Path path, int weight, boolean reverse, Optional<FileTrack.InitFile> init) {}

    /** One line of a track_file list, resolved. */
    record Use(FileTrack track, boolean explicitWeight, SourceLocation location) {}

    private final Map<String, Definition> byName = new LinkedHashMap<>();
    private final List<String> problems;

    TrackFiles(KeepalivedConfig cfg, List<String> problems) {
        this.problems = problems;
        for (RawBlock b : cfg.otherBlocks()) {
            if (b.keyword().equals("track_file") || b.keyword().equals("vrrp_track_file")) define(b);
        }
    }

    private void define(RawBlock b) {
        if (b.args().isEmpty()) {
            problems.add(b.location() + ": " + b.keyword() + " without a name - ignoring");
            return;
        }
        String name = b.args().getFirst();
        String path = null;
        Integer weight = null;
        boolean reverse = false;
        Optional<FileTrack.InitFile> init = Optional.empty();
        for (RawValue v : b.values()) {
            List<String> a = v.args();
            switch (v.keyword()) {
                case "file" -> {
                    if (a.isEmpty()) problems.add(v.location() + ": track file file name missing");
                    else if (path != null) problems.add(v.location() + ": File already set for track file " + name
                            + " - ignoring " + a.getFirst());
                    else path = a.getFirst();
                }
                case "weight" -> {
                    if (a.isEmpty()) {
                        problems.add(v.location() + ": No weight specified for track file " + name + " - ignoring");
                        continue;
                    }
                    if (weight != null) {
                        problems.add(v.location() + ": Weight already set for track file " + name + " - ignoring " + a.getFirst());
                        continue;
                    }
                    weight = TrackerLines.weight(a.getFirst()).orElseGet(() -> {
                        problems.add(v.location() + ": Weight (" + a.getFirst() + ") for track_file " + name
                                + " must be between [-254..254] inclusive. Ignoring...");
                        return 1;
                    });
                    if (a.size() >= 2) {
                        if (a.get(1).equals("reverse")) reverse = true;
                        else problems.add(v.location() + ": track_file " + name + " unknown weight option " + a.get(1));
                    }
                }
                case "init_file" -> init = Optional.of(init(v, name));
                default -> { } // the parser reported it
            }
        }
        if (path == null) {
            problems.add(b.location() + ": No file set for track_file " + name + " - ignoring");
            return;
        }
        byName.putIfAbsent(name, new Definition(name, Path.of(path), weight == null ? 1 : weight, reverse, init));
    }

    private FileTrack.InitFile init(RawValue v, String name) {
        int value = 0;
        boolean overwrite = false;
        for (String w : v.args()) {
            if (!w.isEmpty() && (Character.isDigit(w.charAt(0)) || w.charAt(0) == '-')) {
                try {
                    value = Integer.parseInt(w);
                    if (value < -254 || value > 254) {
                        problems.add(v.location() + ": Track file " + name + " init value " + value
                                + " is outside sensible range [-254, 254]");
                    }
                } catch (NumberFormatException e) {
                    problems.add(v.location() + ": Track file " + name + " init value " + w + " is invalid");
                    value = 0;
                }
            } else if (w.equals("overwrite")) {
                overwrite = true;
            } else {
                problems.add(v.location() + ": Unknown track file init option " + w);
            }
        }
        return new FileTrack.InitFile(value, overwrite);
    }

    private final Map<String, List<Use>> groupUses = new LinkedHashMap<>();

    /** A sync group's track_file lines, resolved once (its mistakes reported once, not for each member). */
    List<Use> groupUses(String group, List<RawValue> lines) {
        return groupUses.computeIfAbsent(group, g -> uses(g, lines));
    }

    /** The track_file lines of {@code owner} ("(VI_1)" or a sync group's name), resolved; a mistake drops its line. */
    List<Use> uses(String owner, List<RawValue> lines) {
        return TrackerLines.read(owner, lines, "track file", "track_file",
                        n -> Optional.ofNullable(byName.get(n)).map(d -> new TrackerWeight(d.weight(), d.reverse())), problems)
                .stream().map(l -> {
                    Definition d = byName.get(l.name());
                    return new Use(new FileTrack(l.name(), d.path(), l.weight(), d.init()), l.explicitWeight(), l.location());
                }).toList();
    }
}
