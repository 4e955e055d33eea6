package io.javalived.healthcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The checker benchmark on a kernel with IPVS (run inside the lab VM by healthcheck/bench/checkers-vm.sh):
 * keepalived's checker and javalived's, one after the other, each as its real daemon in checker-only mode
 * (-C) on the same generated configuration (N real servers with TCP_CHECK, delay_loop 1, connect_timeout 1,
 * retry 1, delay_before_retry 1, {@link TcpCheckConfig}) against the same N loopback listeners
 * ({@link LoopbackFarmMain}, a process of its own, fresh for each run), both programming the kernel's IPVS
 * table. For each: the time until the kernel lists all N real servers; after a warm-up, the steady-state
 * CPU of the checker's process (utime+stime from /proc over a window), its resident memory, the kernel's
 * TCP connect and handshake counts (checks/s, the same measure for both); then K listeners stop answering,
 * one every 50 ms (accept queue full: SYNs dropped), and the time from each stop to the daemon's log line
 * saying the real server left the table (stamped on arrival), checked against the real ipvsadm -Ln after.
 * Usage: CheckerVmBench REPO OUTDIR|- SIZES(10000,1000) HUNG(auto|K) MEASURE_S WARMUP_S IMPLS(keepalived,javalived)
 */
public final class CheckerVmBench {

    static final int PORT = 8080;
    static final int PER_VIRTUAL_SERVER = 100;
    static final List<String> FARM_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms64m", "-Xmx256m");

    record Sample(long nanos, long checker, long checkerUser, long all, Map<String, Long> threads, long farm, long idle, Map<String, Long> tcp) {
    }

    record Result(String daemon, int servers, double load, String hostLoad, double readySeconds, double startedSeconds, double checksPerSecond, double handshakesPerSecond,
            double checkerCores, double usPerConnect, double allCores, double farmCores, double machineCores, long rssKb, long allRssKb,
            int hung, int detected, double p50, double p99, double max, int wronglyOut, int hungInTable, int tableSize, String note) {
    }

    private final Path repo;
    private final Path out;
    private final int measureSeconds;
    private final int warmupSeconds;

    private CheckerVmBench(Path repo, Path out, int measureSeconds, int warmupSeconds) {
        this.repo = repo;
        this.out = out;
        this.measureSeconds = measureSeconds;
        this.warmupSeconds = warmupSeconds;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: CheckerVmBench REPO OUTDIR|- SIZES HUNG(auto|K) MEASURE_S WARMUP_S IMPLS");
            System.exit(2);
        }
        Path repo = Path.of(args[0]);
        Path out = args[1].equals("-") ? null : Path.of(args[1]);
        List<Integer> sizes = split(args[2]).stream().map(Integer::parseInt).toList();
        CheckerVmBench bench = new CheckerVmBench(repo, out, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        System.out.printf("checker benchmark in the VM: kernel %s, %d CPUs, %s; TCP_CHECK delay_loop 1 connect_timeout 1 retry 1 "
                        + "delay_before_retry 1, %d real servers per NAT virtual server; listeners on 127.77.x.y:%d in their own JVM%n",
                Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim(), Runtime.getRuntime().availableProcessors(),
                version(), PER_VIRTUAL_SERVER, PORT);
        System.out.println("javalived runs through its launcher (JVM -XX:+UseSerialGC -XX:TieredStopAtLevel=1); JAVALIVED_JAVA_OPTS: "
                + System.getenv().getOrDefault("JAVALIVED_JAVA_OPTS", "(none)"));
        System.out.printf("guest sysctls: tcp_max_tw_buckets %s, ip_local_port_range %s, somaxconn %s%n",
                sysctl("net/ipv4/tcp_max_tw_buckets"), sysctl("net/ipv4/ip_local_port_range"), sysctl("net/core/somaxconn"));
        List<Result> results = new ArrayList<>();
        for (int servers : sizes) {
            int hung = args[3].equals("auto") ? Math.max(1, Math.min(200, servers / 10)) : Integer.parseInt(args[3]);
            for (String name : split(args[6])) {
                results.add(bench.run(CheckerDaemon.named(name, repo), servers, hung));
            }
        }
        System.out.println();
        System.out.println("| servers | daemon | guest load | host during the window | all in table / started after | connects/s | handshakes/s | checker CPU | per connect | all its processes "
                + "| listener CPU | guest busy | RSS checker / all | stop -> out p50 / p99 / max | detected | wrongly out | hung left in table | note |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf("| %,d | %s | %.1f | %s | %.1f / %.1f s | %,.0f | %,.0f | %.3f cores | %.0f us | %.3f cores | %.3f cores | %.2f of %d cores "
                            + "| %.1f / %.1f MB | %.0f / %.0f / %.0f ms | %d of %d | %d | %d (table: %,d) | %s |%n",
                    r.servers, r.daemon, r.load, r.hostLoad, r.readySeconds, r.startedSeconds, r.checksPerSecond, r.handshakesPerSecond, r.checkerCores, r.usPerConnect, r.allCores,
                    r.farmCores, r.machineCores, Runtime.getRuntime().availableProcessors(), r.rssKb / 1024.0, r.allRssKb / 1024.0,
                    r.p50, r.p99, r.max, r.detected, r.hung, r.wronglyOut, r.hungInTable, r.tableSize, r.note);
        }
        System.out.flush();
    }

    private Result run(CheckerDaemon daemon, int servers, int hung) throws Exception {
        System.out.printf("%n=== %s, %,d real servers, %d to stop (guest load %.2f)%n", daemon.name(), servers, hung, Procfs.loadAverage());
        Path runDir = Files.createTempDirectory("checker-vm-" + daemon.name() + "-" + servers + "-");
        Path config = runDir.resolve("keepalived.conf");
        TcpCheckConfig.write(config, servers, PER_VIRTUAL_SERVER, PORT);
        KernelTable.clear();
        Set<String> all = new HashSet<>();
        for (int i = 0; i < servers; i++) {
            all.add(TcpCheckConfig.realAddress(i) + ":" + PORT);
        }
        try (FarmProcess farm = FarmProcess.start(servers, PORT, FARM_JVM)) {
            long origin = System.nanoTime();
            Process process = daemon.start(config, runDir);
            DaemonLog log = new DaemonLog(process.getInputStream(), daemon.removed(), daemon.added(), daemon.name());
            try {
                return measure(daemon, servers, hung, runDir, farm, origin, process, log, all);
            } finally {
                stop(process, log);
                if (out != null) {
                    log.writeTo(out.resolve(daemon.name() + "-" + servers + ".log"), origin);
                }
                KernelTable.clear();
            }
        }
    }

    private Result measure(CheckerDaemon daemon, int servers, int hung, Path runDir, FarmProcess farm, long origin, Process process,
            DaemonLog log, Set<String> all) throws Exception {
        // Ready: the kernel lists every real server (both daemons add them at start, before the first check), and the
        // daemon has finished starting (its last start-up line), so the window sees only the checks.
        double ready = Double.NaN;
        long deadline = origin + TimeUnit.SECONDS.toNanos(900);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (KernelTable.realServers().containsAll(all)) {
                ready = (System.nanoTime() - origin) / 1e9;
                break;
            }
            Thread.sleep(1000);
        }
        Long startedAt = Double.isNaN(ready) ? null : log.await(daemon.startedLine(), deadline, process::isAlive);
        if (startedAt == null) {
            System.out.println("not ready (all real servers in the table, then '" + daemon.startedLine() + "'); last lines:\n" + log.tail(30));
            return failed(daemon, servers, hung, process.isAlive() ? "not ready in 900 s" : "exited with " + process.exitValue());
        }
        double started = (startedAt - origin) / 1e9;
        long checkerPid = daemon.checkerPid(process, runDir);
        System.out.printf("all %,d real servers in the kernel table %.1f s after start, start-up done after %.1f s "
                + "('%s'); checker process %d; warm-up %d s%n", servers, ready, started, daemon.startedLine(), checkerPid, warmupSeconds);
        long readyAt = System.nanoTime();
        Thread.sleep(warmupSeconds * 1000L);

        Sample s0 = sample(process, checkerPid, farm);
        double load = Procfs.loadAverage();
        java.time.LocalTime windowStart = java.time.LocalTime.now(java.time.ZoneOffset.UTC);
        Thread.sleep(measureSeconds * 1000L);
        Sample s1 = sample(process, checkerPid, farm);
        java.time.LocalTime windowEnd = java.time.LocalTime.now(java.time.ZoneOffset.UTC);
        Thread.sleep(6000); // the host's sample covering the window's end
        String host = hostLoad(windowStart, windowEnd.plusSeconds(5));
        double wall = (s1.nanos - s0.nanos) / 1e9;
        long rss = Procfs.statusKb(checkerPid, "VmRSS");
        long allRss = pids(process).stream().mapToLong(p -> kb(p, "VmRSS")).sum();
        double checker = cores(s1.checker - s0.checker, wall);
        double allCores = cores(s1.all - s0.all, wall);
        double farmCores = cores(s1.farm - s0.farm, wall);
        double machine = Runtime.getRuntime().availableProcessors() - (s1.idle - s0.idle) / Procfs.TICKS_PER_SECOND / wall;
        double connects = delta(s0, s1, "ActiveOpens") / wall;
        double handshakes = delta(s0, s1, "PassiveOpens") / wall;
        System.out.printf("host while measuring (%s to %s UTC): CPU used by everything but this VM: %s%n",
                windowStart.withNano(0), windowEnd.withNano(0), host);
        System.out.printf("steady state over %.0f s (guest load %.2f): %,.0f connects/s (kernel ActiveOpens), %,.0f handshakes/s "
                        + "(PassiveOpens), failed connects %d, listen drops %d, overflows %d%n", wall, load, connects, handshakes,
                delta(s0, s1, "AttemptFails"), delta(s0, s1, "ListenDrops"), delta(s0, s1, "ListenOverflows"));
        System.out.printf("CPU: checker process %.3f cores, all %s processes %.3f cores, listener process %.3f cores, "
                + "whole guest busy %.2f of %d cores%n", checker, daemon.name(), allCores, farmCores, machine, Runtime.getRuntime().availableProcessors());
        double perConnect = (s1.checker - s0.checker) / Procfs.TICKS_PER_SECOND * 1e6 / Math.max(1, delta(s0, s1, "ActiveOpens"));
        System.out.printf("checker CPU per connect: %.1f us (user %.1f, kernel %.1f); resident memory: checker process %.1f MB (RssAnon %.1f MB), all processes %.1f MB%n",
                perConnect, perConnect * (s1.checkerUser - s0.checkerUser) / Math.max(1, s1.checker - s0.checker),
                perConnect * (1 - (double) (s1.checkerUser - s0.checkerUser) / Math.max(1, s1.checker - s0.checker)), rss / 1024.0, kb(checkerPid, "RssAnon") / 1024.0, allRss / 1024.0);
        System.out.println("busiest threads of the checker process: " + topThreads(s0.threads, s1.threads, wall));
        long wrongInWindow = log.removalsBetween(s0.nanos, s1.nanos);
        System.out.printf("real servers taken out during the window (none stopped answering): %d; since all were in the table: %d%n",
                wrongInWindow, log.removalsAfter(readyAt, Set.of()).size());

        traceSystemCalls(daemon, checkerPid);

        // Stop K listeners, one every 50 ms, so they meet the schedule at every phase.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(7));
        Random jitter = new Random(7);
        Map<String, Long> hungAt = new HashMap<>();
        for (int k = 0; k < hung; k++) {
            int i = order.get(k);
            hungAt.put(TcpCheckConfig.realAddress(i) + ":" + PORT, farm.hang(i));
            Thread.sleep(50 + jitter.nextInt(5));
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < waitUntil && hungAt.entrySet().stream().anyMatch(e -> log.removedAfter(e.getKey(), e.getValue()) == null)) {
            Thread.sleep(100);
        }
        List<Long> detection = new ArrayList<>();
        for (var e : hungAt.entrySet()) {
            Long removed = log.removedAfter(e.getKey(), e.getValue());
            if (removed != null) {
                detection.add(removed - e.getValue());
            }
        }
        List<String> wrong = log.removalsAfter(readyAt, hungAt.keySet());
        Set<String> table = KernelTable.realServers();
        int hungInTable = (int) hungAt.keySet().stream().filter(table::contains).count();
        System.out.printf("%d listeners stopped answering: %d taken out, %d missed (120 s); healthy real servers taken out since ready: %d%n",
                hung, detection.size(), hung - detection.size(), wrong.size());
        System.out.printf("stop -> out of the table (log line on arrival; schedule bound delay_loop + connect_timeout + "
                        + "delay_before_retry + connect_timeout = 4 s): p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                pct(detection, 50), pct(detection, 99), pct(detection, 100));
        System.out.printf("kernel table afterwards (ipvsadm -Ln): %,d real servers, %d of the %d stopped ones still in it; listener accept errors %d%n",
                table.size(), hungInTable, hung, farm.acceptErrors());
        return new Result(daemon.name(), servers, load, host, ready, started, connects, handshakes, checker, perConnect, allCores, farmCores, machine, rss, allRss, hung,
                detection.size(), pct(detection, 50), pct(detection, 99), pct(detection, 100), wrong.size(), hungInTable, table.size(), "");
    }

    /**
     * With JAVALIVED_BENCH_STRACE_SECONDS=N (N > 0): {@code strace -c} on the thread that runs the checks for N s
     * (keepalived: its checker process, single-threaded; javalived: its "checker" thread, "checker-1-1" on Netty), and each system call's
     * count divided by the probes traced (connect calls: one per probe), and strace's own table. strace slows
     * the traced thread a lot, so this comes after the CPU window and says nothing about time.
     */
    private static void traceSystemCalls(CheckerDaemon daemon, long checkerPid) throws IOException, InterruptedException {
        int seconds = Integer.parseInt(System.getenv().getOrDefault("JAVALIVED_BENCH_STRACE_SECONDS", "0"));
        if (seconds <= 0) {
            return;
        }
        long target = checkerPid;
        if (daemon.name().startsWith("javalived")) {
            try (var tasks = Files.list(Path.of("/proc/" + checkerPid + "/task"))) {
                for (Path task : tasks.toList()) {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    if (comm.equals("checker") || comm.equals("checker-1-1")) { // epoll loop; Netty's first loop (tcp_check=netty)
                        target = Long.parseLong(task.getFileName().toString());
                    }
                }
            }
        }
        long opens0 = Procfs.tcpCounters().getOrDefault("ActiveOpens", 0L);
        // keepalived's checker is one process of one thread (-f would follow a MISC_CHECK's fork); for a JVM, -f would
        // attach every thread of the process, so javalived's checker thread is traced alone.
        List<String> command = new ArrayList<>(List.of("timeout", "-s", "INT", Integer.toString(seconds), "strace", "-c"));
        if (target == checkerPid) {
            command.add("-f");
        }
        command.addAll(List.of("-p", Long.toString(target)));
        Process strace = new ProcessBuilder(command).redirectErrorStream(true).start();
        String summary = new String(strace.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        strace.waitFor(30, TimeUnit.SECONDS);
        long opens = Procfs.tcpCounters().getOrDefault("ActiveOpens", 0L) - opens0;
        // "% time seconds usecs/call calls [errors] syscall": every probe calls connect once, so connect's count is the
        // probes traced (the kernel's ActiveOpens also counts the time strace takes to attach and detach, untraced).
        Map<String, long[]> calls = new java.util.LinkedHashMap<>();
        for (String line : summary.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && f[0].matches("[0-9.]+") && !f[f.length - 1].equals("total")) {
                calls.put(f[f.length - 1], new long[] {Long.parseLong(f[3]), f.length == 6 ? Long.parseLong(f[4]) : 0});
            }
        }
        long probes = calls.getOrDefault("connect", new long[] {0, 0})[0];
        System.out.printf("system calls of %s's checker (%s, %d s: %,d probes traced (connect calls), %,d connects by the "
                + "kernel's count meanwhile); per probe = calls / probes:%n", daemon.name(), String.join(" ", command.subList(4, command.size())),
                seconds, probes, opens);
        double total = 0;
        for (var e : calls.entrySet()) {
            double per = e.getValue()[0] / (double) Math.max(1, probes);
            total += per;
            System.out.printf("  %-16s %,10d calls (%,d errors)  %.2f per probe%n", e.getKey(), e.getValue()[0], e.getValue()[1], per);
        }
        System.out.printf("  %-16s %.2f per probe%n", "all", total);
        System.out.println(summary.lines().map(l -> "    strace| " + l).collect(Collectors.joining("\n")));
    }

    private static Result failed(CheckerDaemon daemon, int servers, int hung, String why) {
        return new Result(daemon.name(), servers, Double.NaN, "?", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 0, 0, hung, 0, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, why);
    }

    private Sample sample(Process daemon, long checkerPid, FarmProcess farm) throws IOException {
        long allTicks = 0;
        for (long pid : pids(daemon)) {
            allTicks += Procfs.cpuTicks(pid);
        }
        return new Sample(System.nanoTime(), Procfs.cpuTicks(checkerPid), Procfs.userAndSystemTicks(checkerPid)[0], allTicks, Procfs.threadTicks(checkerPid),
                Procfs.cpuTicks(farm.pid()), Procfs.idleTicks(), Procfs.tcpCounters());
    }

    /** The daemon's process and its descendants (keepalived: parent and checker child). */
    private static List<Long> pids(Process daemon) {
        List<Long> pids = new ArrayList<>(List.of(daemon.pid()));
        daemon.descendants().forEach(h -> pids.add(h.pid()));
        return pids;
    }

    private static void stop(Process process, DaemonLog log) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy(); // SIGTERM: both remove what they installed
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            System.out.println("did not stop within 120 s of SIGTERM: killing it");
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        tree.forEach(ProcessHandle::destroyForcibly); // a child left behind, by its pid
        log.join(5000);
    }

    private static String topThreads(Map<String, Long> before, Map<String, Long> after, double wall) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(6)
                .map(e -> String.format("%s %.3f", e.getKey(), cores(e.getValue(), wall)))
                .collect(Collectors.joining(", "));
    }

    private static double cores(long ticks, double wallSeconds) {
        return ticks / Procfs.TICKS_PER_SECOND / wallSeconds;
    }

    private static long delta(Sample a, Sample b, String counter) {
        return b.tcp.getOrDefault(counter, 0L) - a.tcp.getOrDefault(counter, 0L);
    }

    private static long kb(long pid, String field) {
        try {
            return Procfs.statusKb(pid, field);
        } catch (IOException e) {
            return 0;
        }
    }

    private static double pct(List<Long> nanos, int percentile) {
        return CheckerBench.pct(nanos, percentile) / 1e6;
    }

    /**
     * The host over [from, to] (UTC), from host-load.txt, which checkers-vm.sh writes every 5 s into the writable share
     * ("HH:MM:SS load1 load5 load15 VMs otherCores stolenCores"): the host CPU used by everything but this VM says
     * whether the guest had the host's cores to itself (the guest's own load cannot tell): its mean and maximum over
     * the samples in the window, the highest 1-minute load and the most qemu VMs running.
     */
    private String hostLoad(java.time.LocalTime from, java.time.LocalTime to) {
        if (out == null) {
            return "?";
        }
        try {
            List<String[]> samples = new ArrayList<>();
            for (String line : Files.readAllLines(out.resolve("host-load.txt"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 7) {
                    continue;
                }
                java.time.LocalTime t = java.time.LocalTime.parse(f[0]);
                boolean inside = from.isBefore(to) ? !t.isBefore(from) && !t.isAfter(to) : !t.isBefore(from) || !t.isAfter(to);
                if (inside) {
                    samples.add(f);
                }
            }
            if (samples.isEmpty()) {
                return "?";
            }
            var others = samples.stream().mapToDouble(f -> Double.parseDouble(f[5])).summaryStatistics();
            double load = samples.stream().mapToDouble(f -> Double.parseDouble(f[1])).max().orElse(Double.NaN);
            int vms = samples.stream().mapToInt(f -> Integer.parseInt(f[4])).max().orElse(0);
            double stolen = samples.stream().mapToDouble(f -> Double.parseDouble(f[6])).max().orElse(Double.NaN);
            return String.format("others %.2f cores (max %.2f), load <= %.1f, %d VM%s%s", Math.max(0, others.getAverage()),
                    Math.max(0, others.getMax()), load, vms, vms == 1 ? "" : "s", stolen > 0.05 ? String.format(", stolen %.2f", stolen) : "");
        } catch (IOException | RuntimeException e) {
            return "? (" + e.getMessage() + ")";
        }
    }

    private static List<String> split(String list) {
        return List.of(list.split(","));
    }

    private static String sysctl(String name) {
        try {
            // Not Files.readString: it reads a numeric sysctl in two reads, and the kernel answers only the first (one byte).
            return String.join(" ", Files.readAllLines(Path.of("/proc/sys/" + name))).trim().replace('\t', ' ');
        } catch (IOException e) {
            return "?";
        }
    }

    private static String version() {
        try {
            Process p = new ProcessBuilder("keepalived", "-v").redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("?");
            p.waitFor();
            return first + ", Java " + Runtime.version();
        } catch (IOException | InterruptedException e) {
            return "keepalived: " + e.getMessage();
        }
    }
}
