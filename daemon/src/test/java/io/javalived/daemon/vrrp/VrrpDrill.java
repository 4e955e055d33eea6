package io.javalived.daemon.vrrp;

import io.javalived.lab.LabProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The failover drill (BENCHMARKS.md): for javalived and real keepalived 2.2.7 side by side in the same run, a
 * pair lb01 (priority 100) / lb02 (priority 50) in namespaces, N runs of each implementation, in turn (A B A B ...), of: kill -9 of the master and graceful
 * stop (SIGTERM), VRRPv2 advert_int 1 and VRRPv3 advert_int 0.1. Each takeover is timed from just before the
 * signal to the kernel's RTM_NEWADDR of the VIP in lb02's namespace. Then resident memory for the seed config.
 * Prints medians (and min/max). Run with {@code daemon/bench/vrrp-drill.sh [runs]}.
 */
public final class VrrpDrill {
    enum Impl { JAVALIVED, KEEPALIVED }

    record Scenario(int version, String advertInt, boolean crash) {
        double boundMillis() {
            double adv = Double.parseDouble(advertInt);
            double skew = version == 2 ? (256 - 50) / 256.0 : (256 - 50) * adv / 256.0;
            return (crash ? 3 * adv + skew : skew) * 1000;
        }

        String label() {
            return (crash ? "kill -9  " : "SIGTERM  ") + "v" + version + " advert_int " + advertInt;
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String only = args.length > 1 ? args[1] : "";   // e.g. "v3" or "javalived" or "kill": scenarios whose line contains it
        boolean memory = only.isEmpty() || only.equals("memory");
        List<Scenario> scenarios = List.of(new Scenario(2, "1", true), new Scenario(3, "0.1", true),
                new Scenario(2, "1", false), new Scenario(3, "0.1", false));
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%-30s %-10s %10s %10s %10s %10s %s%n", "scenario (prio 100/50)", "impl",
                "median ms", "min ms", "max ms", "bound ms", "runs"));
        for (Scenario s : scenarios) {
            List<Impl> impls = java.util.Arrays.stream(Impl.values()).filter(impl -> only.isEmpty()
                    || java.util.Arrays.stream(only.split(",")).allMatch((s.label() + " " + name(impl))::contains)).toList();
            if (impls.isEmpty()) continue;
            Map<Impl, List<Double>> times = measure(impls, s, runs);
            for (Impl impl : impls) {
                List<Double> t = new ArrayList<>(times.get(impl));
                Collections.sort(t);
                String line = String.format(Locale.ROOT, "%-30s %-10s %10.1f %10.1f %10.1f %10.1f %s%n", s.label(),
                        name(impl), median(t), t.getFirst(), t.getLast(), s.boundMillis(), t);
                System.out.print(line);
                report.append(line);
            }
        }
        if (memory) report.append(memory());
        System.out.println();
        System.out.print(report);
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String name(Impl impl) {
        return impl.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Runs the implementations in turn (A B A B ...) in one lab, so that a change in the machine's load during the
     * measurement falls on both alike.
     */
    static Map<Impl, List<Double>> measure(List<Impl> impls, Scenario s, int runs) throws Exception {
        Map<Impl, List<Double>> out = new java.util.EnumMap<>(Impl.class);
        impls.forEach(impl -> out.put(impl, new ArrayList<>()));
        try (VrrpLab lab = new VrrpLab()) {
            Path a = lab.write("lb01.conf", VrrpLab.conf("lb01", s.version(), "MASTER", 100, s.advertInt(), null, List.of(), null, null));
            Path b = lab.write("lb02.conf", VrrpLab.conf("lb02", s.version(), "BACKUP", 50, s.advertInt(), null, List.of(), null, null));
            VrrpLab.VipWatch watch = lab.watch("lb02");
            for (int run = 0; run < runs; run++) {
                for (Impl impl : impls) {
                    Double t = null;
                    for (int attempt = 0; t == null && attempt < 3; attempt++) t = once(lab, watch, impl, s, a, b);
                    if (t == null) throw new IllegalStateException(impl + " " + s.label() + ": the pair flapped before the signal three times");
                    out.get(impl).add(t);
                }
            }
        }
        return out;
    }

    /** One takeover: start the pair, wait for steady state, signal the master; null when the pair flapped first. */
    static Double once(VrrpLab lab, VrrpLab.VipWatch watch, Impl impl, Scenario s, Path a, Path b) throws Exception {
        LabProcess master = start(lab, impl, "lb01", a);
        LabProcess backup = start(lab, impl, "lb02", b);
        try {
            if (!lab.awaitVip("lb01", true, Duration.ofSeconds(30))) throw new IllegalStateException("lb01 never became MASTER:\n" + master.output());
            if (!backup.awaitOutput("Entering BACKUP STATE", Duration.ofSeconds(30))) {
                throw new IllegalStateException("lb02 never reached BACKUP:\n" + backup.output());
            }
            Thread.sleep(1500 + (long) (Math.random() * 1000)); // steady state, random phase against the advert timer
            if (lab.hasVip("lb02")) throw new IllegalStateException("both hold the VIP:\n" + backup.output());
            watch.reset();
            if (lab.hasVip("lb02") || !lab.hasVip("lb01")) { // a flap between the check and now: not a clean start
                System.out.println("  (" + impl + " " + s.label() + ": the pair flapped before the signal; run repeated)");
                return null;
            }
            // Signals straight from this JVM (no kill(1) to spawn): SIGKILL to every process of the master's
            // group at once, or SIGTERM to the daemon.
            List<ProcessHandle> group = group(master.pid()).stream().map(ProcessHandle::of)
                    .flatMap(java.util.Optional::stream).toList();
            long t0 = System.nanoTime();
            if (s.crash()) group.forEach(ProcessHandle::destroyForcibly);
            else ProcessHandle.of(master.pid()).ifPresent(ProcessHandle::destroy);
            long dt = watch.awaitAdded(t0, Duration.ofSeconds(15));
            if (dt < 0) {
                System.out.println("  (" + impl + " " + s.label() + ": lb02 did not take over within 15 s)");
                for (var p : List.of(master, backup)) {
                    String[] lines = p.output().split("\n");
                    System.out.println("    " + p.label() + "'s log ends:");
                    for (int i = Math.max(0, lines.length - 12); i < lines.length; i++) System.out.println("      " + lines[i]);
                }
                return 15_000.0;
            }
            if (dt / 1e6 > 2 * s.boundMillis()) {
                String[] lines = backup.output().split("\n");
                System.out.println("  (slow takeover, " + Math.round(dt / 1e6) + " ms; lb02's log ends:)");
                for (int i = Math.max(0, lines.length - 8); i < lines.length; i++) System.out.println("    " + lines[i]);
            }
            return dt / 1e6;
        } finally {
            master.stop(Duration.ofSeconds(3));
            backup.stop(Duration.ofSeconds(5));
            lab.dropVip("lb01");
            lab.dropVip("lb02");
        }
    }

    static LabProcess start(VrrpLab lab, Impl impl, String host, Path conf) {
        return impl == Impl.JAVALIVED ? lab.javalived(host, conf) : lab.keepalived(host, conf);
    }

    /** Resident memory with the seed's lb01 config once MASTER (javalived) or running (keepalived, all its processes). */
    static String memory() throws Exception {
        Path seed = Path.of(System.getProperty("javalived.repo", ".")).resolve("examples/lb01/keepalived.conf").toAbsolutePath();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%n%-30s %-10s %12s %12s %s%n", "resident memory, seed lb01",
                "impl", "VmRSS MiB", "RssAnon MiB", "processes"));
        record Variant(Impl impl, String label, String javaOpts) {}
        List<Variant> variants = List.of(new Variant(Impl.JAVALIVED, "javalived", null),
                new Variant(Impl.JAVALIVED, "javalived*", SMALL_JVM), new Variant(Impl.KEEPALIVED, "keepalived", null));
        for (Variant v : variants) {
            Impl impl = v.impl();
            try (VrrpLab lab = new VrrpLab()) {
                LabProcess p = impl == Impl.JAVALIVED ? lab.javalived("lb01", seed, v.javaOpts()) : lab.keepalived("lb01", seed);
                p.awaitOutput(impl == Impl.JAVALIVED ? "Entering MASTER STATE" : "Entering MASTER STATE", Duration.ofSeconds(30));
                Thread.sleep(3000);
                long rss = 0, anon = 0;
                int n = 0;
                for (long pid : group(p.pid())) {
                    rss += statusKb(pid, "VmRSS:");
                    anon += statusKb(pid, "RssAnon:");
                    n++;
                }
                b.append(String.format(Locale.ROOT, "%-30s %-10s %12.1f %12.1f %d%n", "", v.label(),
                        rss / 1024.0, anon / 1024.0, n));
                p.stop(Duration.ofSeconds(5));
            }
        }
        b.append("javalived* = JAVALIVED_JAVA_OPTS=\"").append(SMALL_JVM).append("\"\n");
        return b.toString();
    }

    /** JVM options for a small footprint (bounded heap that shrinks, one JIT thread, small code cache). */
    static final String SMALL_JVM = "-Xms8m -Xmx64m -XX:MaxMetaspaceSize=64m -Xss512k -XX:ReservedCodeCacheSize=16m "
            + "-XX:CICompilerCount=1 -XX:-UsePerfData -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20";

    static List<Long> group(long pgid) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : dirs.toList()) {
                if (!d.getFileName().toString().matches("\\d+")) continue;
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[2]) == pgid) pids.add(Long.parseLong(d.getFileName().toString()));
                } catch (IOException | RuntimeException ignored) {
                    // the process went away
                }
            }
        }
        return pids;
    }

    static long statusKb(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(key)) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return 0;
    }
}
