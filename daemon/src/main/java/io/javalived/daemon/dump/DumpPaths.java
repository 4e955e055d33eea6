package io.javalived.daemon.dump;

import io.javalived.parser.model.GlobalDefs;
import io.javalived.parser.model.RawValue;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the dumps go: keepalived's {@code /tmp/keepalived.data}, {@code /tmp/keepalived.stats} and
 * {@code /tmp/keepalived.json}, or global_defs {@code state_dump_file}, {@code stats_dump_file},
 * {@code json_dump_file}; {@code json_version} 1 (default) or 2 picks the JSON layout.
 */
public record DumpPaths(Path data, Path stats, Path json, int jsonVersion) {
    public static final DumpPaths KEEPALIVED = new DumpPaths(Path.of("/tmp/keepalived.data"),
            Path.of("/tmp/keepalived.stats"), Path.of("/tmp/keepalived.json"), 1);

    public static DumpPaths of(GlobalDefs g) {
        return new DumpPaths(path(g, "state_dump_file").orElse(KEEPALIVED.data),
                path(g, "stats_dump_file").orElse(KEEPALIVED.stats),
                path(g, "json_dump_file").orElse(KEEPALIVED.json),
                raw(g, "json_version").filter(v -> v.equals("2")).map(v -> 2).orElse(1));
    }

    private static Optional<Path> path(GlobalDefs g, String keyword) {
        return raw(g, keyword).map(Path::of);
    }

    private static Optional<String> raw(GlobalDefs g, String keyword) {
        return g.other().stream().filter(r -> r.keyword().equals(keyword) && !r.args().isEmpty())
                .reduce((a, b) -> b).map(RawValue::args).map(a -> a.getFirst());
    }
}
