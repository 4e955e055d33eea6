package io.javalived.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalived.lab.Vm;
import io.javalived.lab.VmResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Connection sync proven in the lab VM (real IPVS, lb_kind DR as in the seed), in one boot: the same drill
 * ({@code --connections}, kill -9 of lb01) with javalived and with keepalived 2.2.7, each with and without
 * {@code lvs_sync_daemon eth0 oldboy}. Used by {@code ConnectionSyncVmTest} (CI) and by
 * {@code drill/bench/connection-sync.sh} (BENCHMARKS.md), which prints the figures side by side.
 *
 * <p>The configs are the seed's with {@code lvs_sync_daemon eth0 oldboy} added in global_defs (the "sync" runs) and
 * two corrections keepalived 2.2.7 needs (javalived reads the seed as written): the misspelt
 * {@code autherntication} (keepalived then loses the VIP block) and {@code virtual_server 10.0.0.3:80} /
 * {@code real_server 10.0.0.7:80} written {@code IP PORT} (keepalived skips "IP:PORT": "Invalid virtual server IP
 * address 10.0.0.3:80 - skipping"). Both daemons run the same files.
 */
public final class ConnectionSyncDrills {
    public static final int CONNECTIONS = 10;

    /** One drill of a run. */
    public record Case(String name, DrillDaemon daemon, boolean sync) {}

    public static final List<Case> CASES = List.of(new Case("javalived-sync", DrillDaemon.JAVALIVED, true),
            new Case("javalived-nosync", DrillDaemon.JAVALIVED, false),
            new Case("keepalived-sync", DrillDaemon.KEEPALIVED, true),
            new Case("keepalived-nosync", DrillDaemon.KEEPALIVED, false));

    private ConnectionSyncDrills() {
    }

    /** Usage: ConnectionSyncDrills OUT_DIR [repeats]: boots the VM, runs every case (repeats times), prints the table. */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]).toAbsolutePath().normalize();
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        if (Vm.inGuest()) {
            System.exit(runHere(out, repeats));
        }
        String only = System.getProperty("javalived.cases", "");
        List<Case> cases = CASES.stream().filter(c -> only.isEmpty() || List.of(only.split(",")).contains(c.name())).toList();
        VmResult r = runInVm(out, repeats, cases);
        System.out.println();
        System.out.print(table(out, cases));
        System.exit(r.exitCode());
    }

    /** The seed's config for {@code host}, corrected, with or without the sync line, written into {@code dir}. */
    static Path config(Path repo, Path dir, String host, boolean sync) throws IOException {
        String seed = Files.readString(repo.resolve("examples").resolve(host).resolve("keepalived.conf"));
        String text = seed.replace("autherntication", "authentication")
                .replaceAll("(virtual_server|real_server) (\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d+)", "$1 $2 $3");
        if (sync) {
            text = text.replaceFirst("(?m)^(\\s*router_id .*)$", "$1\n\tlvs_sync_daemon eth0 oldboy");
        }
        Path p = dir.resolve(host + (sync ? "-sync" : "-nosync") + ".conf");
        Files.createDirectories(dir);
        Files.writeString(p, text);
        return p;
    }

    static Path repo() {
        return Path.of(System.getProperty("javalived.repo", "..")).toAbsolutePath().normalize();
    }

    /** Boots the VM once and runs the cases there; the reports land in {@code out/run<N>-<case>/}. */
    public static VmResult runInVm(Path out, int repeats, List<Case> cases) throws IOException {
        Files.createDirectories(out);
        for (boolean sync : List.of(true, false)) {
            config(repo(), out.resolve("conf"), "lb01", sync);
            config(repo(), out.resolve("conf"), "lb02", sync);
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djavalived.repo=" + repo(),
                "-Djavalived.cases=" + String.join(",", cases.stream().map(Case::name).toList())));
        cmd.addAll(Vm.FAST_JVM_ARGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ConnectionSyncDrills.class.getName(),
                out.toString(), Integer.toString(repeats)));
        return Vm.run(cmd, Vm.Options.timeout(Duration.ofMinutes(10L + 10L * repeats * cases.size()))
                .withWritable(out).withEcho());
    }

    /** In the guest: every case, one after the other; 0 when every drill ran (whatever it measured). */
    static int runHere(Path out, int repeats) {
        String only = System.getProperty("javalived.cases", "");
        int worst = 0;
        for (int run = 1; run <= repeats; run++) {
            for (Case c : CASES) {
                if (!only.isEmpty() && !List.of(only.split(",")).contains(c.name())) {
                    continue;
                }
                String suffix = c.sync() ? "-sync" : "-nosync";
                Path dir = out.resolve("run" + run + "-" + c.name());
                System.out.println("=== drill " + c.name() + " (run " + run + ")");
                int exit = DrillMain.run("--connections", Integer.toString(CONNECTIONS), "--out", dir.toString(),
                        "--daemon", c.daemon().label(),
                        "--lb01", out.resolve("conf/lb01" + suffix + ".conf").toString(),
                        "--lb02", out.resolve("conf/lb02" + suffix + ".conf").toString());
                System.out.println("=== drill " + c.name() + " (run " + run + ") exit " + exit);
                worst = Math.max(worst, exit);
            }
        }
        return worst;
    }

    /** A case's reports, one per run that wrote one. */
    static List<JsonNode> reports(Path out, Case c) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (int run = 1; ; run++) {
            Path json = out.resolve("run" + run + "-" + c.name()).resolve("drill-kill.json");
            if (!Files.exists(out.resolve("run" + run + "-" + CASES.getFirst().name())) && !Files.exists(json)) {
                return all;
            }
            if (Files.exists(json)) {
                all.add(new ObjectMapper().readTree(json.toFile()));
            }
        }
    }

    /** One line per case: connections kept, takeover and preemption, medians over the runs. */
    public static String table(Path out, List<Case> cases) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-18s %4s %6s %16s %15s %12s %11s%n", "drill (kill -9)", "runs", "open",
                "kept (takeover)", "kept (preempt)", "takeover s", "preempt s"));
        for (Case c : cases) {
            List<JsonNode> rs = reports(out, c);
            if (rs.isEmpty()) {
                b.append(String.format(Locale.ROOT, "%-18s %4d   (no report: see the drill's output)%n", c.name(), 0));
                continue;
            }
            b.append(String.format(Locale.ROOT, "%-18s %4d %6s %16s %15s %12s %11s%n", c.name(), rs.size(),
                    median(rs, "connections", "open"), median(rs, "connections", "keptThroughTakeover"),
                    median(rs, "connections", "keptThroughPreempt"), median(rs, "takeoverSeconds", null),
                    median(rs, "preemptSeconds", null)));
        }
        return b.toString();
    }

    private static String median(List<JsonNode> rs, String field, String sub) {
        List<Double> v = new ArrayList<>();
        for (JsonNode r : rs) {
            JsonNode n = sub == null ? r.path(field) : r.path(field).path(sub);
            if (n.isNumber()) {
                v.add(n.asDouble());
            }
        }
        if (v.isEmpty()) {
            return "-";
        }
        v.sort(null);
        double m = v.size() % 2 == 1 ? v.get(v.size() / 2) : (v.get(v.size() / 2 - 1) + v.get(v.size() / 2)) / 2;
        String fmt = m == Math.rint(m) && sub != null ? String.format(Locale.ROOT, "%d", (long) m)
                : String.format(Locale.ROOT, "%.3f", m);
        return v.size() == 1 ? fmt : fmt + String.format(Locale.ROOT, " (%s-%s)", trim(v.getFirst()), trim(v.getLast()));
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    static Optional<JsonNode> first(Path out, Case c) throws IOException {
        return reports(out, c).stream().findFirst();
    }
}
