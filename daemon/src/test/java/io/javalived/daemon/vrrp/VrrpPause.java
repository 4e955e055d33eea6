package io.javalived.daemon.vrrp;

import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pause benchmark (BENCHMARKS.md, issue 19 goal 3): can a peer see the JVM pause? A VRRPv3 pair at advert_int
 * 0.01 s (the backup's Master_Down_Interval 3 x 10 ms + skew 8 ms = 38 ms) runs for N minutes while the master also
 * checks 2,000 real servers a second (TCP_CHECK, delay_loop 1, against a listener on 127.1.x.y inside the master's
 * namespace; javalived with {@code --ipvs memory}). javalived's pair and keepalived 2.2.7's run at the same time, each
 * in its own lab, so the machine's load falls on both alike. keepalived's checker cannot start on this host (no
 * IPVS in the kernel stops it, LAB.md), so beside keepalived's VRRP-only daemons ({@code -P}) the same checks run in
 * a separate checker process ({@code javalived -C --ipvs memory}): the machine's load is the same, and keepalived's
 * VRRP process, as in its own design, shares nothing with the checker.
 *
 * <p>Per pair it prints: spurious transitions on each node after the pair settled (state-change log lines, and
 * adverts sent by the backup), the master's advert send jitter (gap between two consecutive adverts minus the
 * interval, from a tcpdump capture with nanosecond timestamps in the master's namespace: p50, p99, max, and gaps
 * over the Master_Down_Interval), the checks the listener answered per second, and for javalived the longest GC
 * pause and safepoint (-Xlog:gc,safepoint through JAVALIVED_JAVA_OPTS). Run with
 * {@code daemon/bench/vrrp-pause.sh [minutes]}.
 */
public final class VrrpPause {
    static final int SERVERS = 2000;
    static final int PORT = 8080;
    static final long INTERVAL_NANOS = 10_000_000L;
    static final double MASTER_DOWN_MS = 3 * 10 + (256 - 50) * 10 / 256.0;

    /** Accepts and closes every connection on 0.0.0.0:PORT; prints the count every 10 s. */
    static final String LISTENER = """
            import socket, time
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("0.0.0.0", %d))
            s.listen(4096)
            n = 0
            t = time.monotonic()
            while True:
                c, _ = s.accept()
                c.close()
                n += 1
                if time.monotonic() - t >= 10:
                    print("accepted", n, flush=True)
                    t = time.monotonic()
            """.formatted(PORT);

    record Pair(String name, Netns lab, LabProcess master, LabProcess backup, LabProcess checker, LabProcess listener,
                LabProcess capture, Path pcap, Path gcLog) {}

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        String launcher = System.getProperty("javalived.launcher");
        if (launcher == null) throw new IllegalStateException("-Djavalived.launcher=PATH (the product's launcher) is required");
        System.out.printf(Locale.ROOT, "pause bench: VRRPv3 advert_int 0.01 (Master_Down %.1f ms), %d TCP_CHECKs/s on the master, %s min%n",
                MASTER_DOWN_MS, SERVERS, fmt(minutes));
        Netns javaLab = Netns.seed();
        Netns kaLab = Netns.seed();
        try (javaLab; kaLab) {
            Pair jl = javalivedPair(javaLab, launcher);
            Pair ka = keepalivedPair(kaLab, launcher);
            for (Pair p : List.of(jl, ka)) {
                if (!p.master().awaitOutput("Entering MASTER STATE", Duration.ofSeconds(60))) {
                    throw new IllegalStateException(p.name() + ": lb01 never became MASTER:\n" + tail(p.master().output()));
                }
                if (!p.backup().awaitOutput("Entering BACKUP STATE", Duration.ofSeconds(60))) {
                    throw new IllegalStateException(p.name() + ": lb02 never reached BACKUP:\n" + tail(p.backup().output()));
                }
            }
            Thread.sleep(5000); // the checkers' first round and the JIT's first work out of the way
            Map<Pair, int[]> before = Map.of(jl, transitions(jl), ka, transitions(ka));
            long[] acceptedBefore = {accepted(jl.listener()), accepted(ka.listener())};
            Instant start = Instant.now();
            System.out.println("settled at " + start + "; load average " + loadavg());
            long end = System.nanoTime() + (long) (minutes * 60e9);
            long nextReport = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                if (System.nanoTime() >= nextReport) {
                    nextReport += 60_000_000_000L;
                    int[] tj = transitions(jl), tk = transitions(ka);
                    System.out.printf(Locale.ROOT, "  +%d s: load %s; state changes so far javalived %d/%d, keepalived %d/%d%n",
                            Duration.between(start, Instant.now()).toSeconds(), loadavg(),
                            tj[0] - before.get(jl)[0], tj[1] - before.get(jl)[1], tk[0] - before.get(ka)[0], tk[1] - before.get(ka)[1]);
                }
            }
            double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
            long measuredEnd = System.nanoTime();
            String loadEnd = loadavg();
            int[] tj = transitions(jl), tk = transitions(ka);
            long[] acceptedAfter = {accepted(jl.listener()), accepted(ka.listener())};
            for (Pair p : List.of(jl, ka)) p.capture().stop(Duration.ofSeconds(3));
            Thread.sleep(200);
            System.out.println();
            System.out.printf(Locale.ROOT, "%.0f s measured; load average at end %s%n", seconds, loadEnd);
            System.out.printf(Locale.ROOT, "%-11s %13s %13s %9s %9s %9s %9s %8s %10s %13s %13s%n", "pair", "lb01 changes",
                    "lb02 changes", "adverts", "gap-10ms", "p99 ms", "max ms", ">38ms", "checks/s", "max GC ms", "max safept ms");
            row(jl, tj, before.get(jl), seconds, start, acceptedAfter[0] - acceptedBefore[0], measuredEnd);
            row(ka, tk, before.get(ka), seconds, start, acceptedAfter[1] - acceptedBefore[1], measuredEnd);
            System.out.println("gap-10ms = median of (gap between two consecutive adverts of lb01 - 10 ms), p99/max likewise;"
                    + " >38ms = gaps over Master_Down; lb02 adverts = adverts lb02 sent (a backup that took over)");
            System.out.println("keepalived's checks ran in a javalived -C --ipvs memory process (keepalived's checker needs kernel IPVS);"
                    + " its GC columns are that checker's");
        }
    }

    static void row(Pair p, int[] now, int[] before, double seconds, Instant start, long accepted, long endNanos) throws IOException {
        Capture c = Capture.read(p.pcap(), new byte[] {10, 0, 0, 5}, new byte[] {10, 0, 0, 6}, epochNanos(start),
                epochNanos(start) + (long) (seconds * 1e9));
        long[] gaps = c.gapsMinusInterval();
        Arrays.sort(gaps);
        long over = Arrays.stream(gaps).filter(g -> g + INTERVAL_NANOS > MASTER_DOWN_MS * 1e6).count();
        LabProcess jvm = p.checker() != null ? p.checker() : p.master();
        double upEnd = uptimeNow(jvm);
        double[] gc = pauses(p.gcLog(), upEnd - (System.nanoTime() - endNanos) / 1e9 - seconds, upEnd);
        System.out.printf(Locale.ROOT, "%-11s %13d %13s %9d %9.3f %9.3f %9.3f %8d %10.0f %13.2f %13.2f%n", p.name(),
                now[0] - before[0], (now[1] - before[1]) + " (" + c.backupAdverts() + " adv)", gaps.length + 1,
                pct(gaps, 0.5) / 1e6, pct(gaps, 0.99) / 1e6, gaps.length == 0 ? Double.NaN : gaps[gaps.length - 1] / 1e6,
                over, accepted / seconds, gc[0], gc[1]);
        System.out.printf(Locale.ROOT, "%-11s %d GC pauses, %d safepoints (%d over 10 ms) in the window; lb01 sent %.1f adverts/s (100 asked)%n",
                "", (long) gc[2], (long) gc[3], (long) gc[4], (gaps.length + 1) / seconds);
    }

    static long epochNanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    /** What both pairs share: the configs, the listener and the capture in lb01. */
    record Bench(Path lb01, Path lb02, LabProcess listener, LabProcess capture, Path pcap) {
        static Bench in(Netns lab) throws IOException {
            Path a = write(lab, "lb01.conf", conf("lb01", "MASTER", 100, true));
            Path b = write(lab, "lb02.conf", conf("lb02", "BACKUP", 50, false));
            Path pcap = lab.dir().resolve("lb01.pcap");
            return new Bench(a, b, VrrpPause.listener(lab), VrrpPause.capture(lab, pcap), pcap);
        }
    }

    /** -Xlog for the GC pauses and safepoints, into {@code log}. */
    static String gcLogging(Path log) {
        return "-Xlog:gc,safepoint:file=" + log + ":uptime,level,tags";
    }

    static Pair javalivedPair(Netns lab, String launcher) throws IOException {
        Bench x = Bench.in(lab);
        Path gcLog = lab.dir().resolve("lb01-gc.log");
        String opts = (gcLogging(gcLog) + " " + System.getenv().getOrDefault("PAUSE_JAVA_OPTS", "")).strip();
        LabProcess master = javalived(lab, launcher, "lb01", x.lb01(), opts, List.of("--ipvs", "memory"));
        LabProcess backup = javalived(lab, launcher, "lb02", x.lb02(), "", List.of());
        return new Pair("javalived", lab, master, backup, null, x.listener(), x.capture(), x.pcap(), gcLog);
    }

    static Pair keepalivedPair(Netns lab, String launcher) throws IOException {
        Bench x = Bench.in(lab);
        Path gcLog = lab.dir().resolve("lb01-checker-gc.log");
        LabProcess master = keepalived(lab, "lb01", x.lb01());
        LabProcess backup = keepalived(lab, "lb02", x.lb02());
        LabProcess checker = javalived(lab, launcher, "lb01", x.lb01(), gcLogging(gcLog), List.of("-C", "--ipvs", "memory"));
        return new Pair("keepalived", lab, master, backup, checker, x.listener(), x.capture(), x.pcap(), gcLog);
    }

    static LabProcess listener(Netns lab) {
        return lab.host("lb01").start("listener", List.of("/usr/bin/python3", "-u", "-c", LISTENER));
    }

    static LabProcess capture(Netns lab, Path pcap) {
        LabProcess p = lab.host("lb01").start("tcpdump", List.of("tcpdump", "-i", "eth0", "-n", "-U", "-B", "4096",
                "--time-stamp-precision=nano", "-w", pcap.toString(), "ip proto 112"));
        p.awaitOutput("listening on", Duration.ofSeconds(10));
        return p;
    }

    static LabProcess javalived(Netns lab, String launcher, String host, Path conf, String javaOpts, List<String> extra) {
        String tag = host + (extra.contains("-C") ? "-checker" : "");
        List<String> cmd = new ArrayList<>(List.of("env", "JAVALIVED_NO_BUILD=1", "JAVALIVED_JAVA_OPTS=" + javaOpts, launcher,
                "-n", "-l", "-G", "-f", conf.toString(), "-p", lab.dir().resolve(tag + ".pid").toString(),
                "-r", lab.dir().resolve(tag + "_vrrp.pid").toString(), "-c", lab.dir().resolve(tag + "_checkers.pid").toString()));
        cmd.addAll(extra);
        return lab.host(host).start("javalived-" + tag, cmd);
    }

    static LabProcess keepalived(Netns lab, String host, Path conf) {
        Path dir = lab.dir();
        return lab.host(host).start("keepalived-" + host, List.of("keepalived", "-n", "-l", "-P", "-f", conf.toString(),
                "-p", dir.resolve(host + "-ka.pid").toString(), "-r", dir.resolve(host + "-ka_vrrp.pid").toString(),
                "-c", dir.resolve(host + "-ka_checkers.pid").toString()));
    }

    /** The pair's config: VRRPv3 at 0.01 s; with {@code checks}, 2,000 TCP_CHECKs at delay_loop 1 against 127.1.x.y. */
    static String conf(String routerId, String state, int priority, boolean checks) {
        StringBuilder b = new StringBuilder();
        b.append("global_defs {\n  router_id ").append(routerId).append("\n  vrrp_version 3\n}\n");
        b.append("vrrp_instance VI_1 {\n  state ").append(state).append("\n  interface eth0\n  virtual_router_id 62\n");
        b.append("  priority ").append(priority).append("\n  advert_int 0.01\n");
        b.append("  virtual_ipaddress {\n    ").append(VrrpLab.VIP).append("/24\n  }\n}\n");
        if (checks) {
            b.append("virtual_server ").append(VrrpLab.VIP).append(" ").append(PORT).append(" {\n  delay_loop 1\n  lb_algo rr\n")
                    .append("  lb_kind NAT\n  protocol TCP\n");
            for (int i = 0; i < SERVERS; i++) {
                b.append("  real_server 127.1.").append(i / 250).append('.').append(i % 250 + 1).append(' ').append(PORT)
                        .append(" {\n    TCP_CHECK {\n      connect_timeout 1\n    }\n  }\n");
            }
            b.append("}\n");
        }
        return b.toString();
    }

    static Path write(Netns lab, String name, String text) throws IOException {
        Path p = lab.dir().resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** State-change lines so far: {lb01, lb02}. */
    static int[] transitions(Pair p) {
        return new int[] {count(p.master().output()), count(p.backup().output())};
    }

    private static final Pattern ENTERING = Pattern.compile("Entering \\w+ STATE");

    static int count(String log) {
        Matcher m = ENTERING.matcher(log);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    static long accepted(LabProcess listener) {
        long last = 0;
        for (String line : listener.output().split("\n")) {
            if (line.startsWith("accepted ")) last = Long.parseLong(line.substring(9).trim());
        }
        return last;
    }

    private static final Pattern GC_PAUSE = Pattern.compile("\\[gc\\s*\\].*Pause.* ([0-9.]+)ms");
    private static final Pattern SAFEPOINT = Pattern.compile("\\[safepoint\\s*\\].*Total: (\\d+) ns");

    /**
     * From a -Xlog:gc,safepoint file, within the measured window ({@code from}-{@code to} s of JVM uptime): {longest
     * GC pause ms, longest safepoint ms, GC pauses, safepoints, safepoints over 10 ms}.
     */
    static double[] pauses(Path log, double from, double to) throws IOException {
        double gc = 0, sp = 0, gcs = 0, sps = 0, long10 = 0;
        if (!Files.exists(log)) return new double[] {Double.NaN, Double.NaN, 0, 0, 0};
        for (String line : Files.readAllLines(log)) {
            Matcher u = UPTIME.matcher(line);
            if (!u.find()) continue;
            double at = Double.parseDouble(u.group(1));
            if (at < from || at > to) continue;
            Matcher g = GC_PAUSE.matcher(line);
            if (g.find()) {
                gc = Math.max(gc, Double.parseDouble(g.group(1)));
                gcs++;
            }
            Matcher s = SAFEPOINT.matcher(line);
            if (s.find()) {
                double ms = Long.parseLong(s.group(1)) / 1e6;
                sp = Math.max(sp, ms);
                sps++;
                if (ms > 10) long10++;
            }
        }
        return new double[] {gc, sp, gcs, sps, long10};
    }

    private static final Pattern UPTIME = Pattern.compile("^\\[([0-9.]+)s\\]");

    /** The JVM's uptime (s) now, from its start time in /proc (the -Xlog uptime decoration's clock, to ~10 ms). */
    static double uptimeNow(LabProcess p) {
        return ProcessHandle.of(javaPid(p)).flatMap(h -> h.info().startInstant())
                .map(i -> Duration.between(i, Instant.now()).toNanos() / 1e9).orElse(Double.NaN);
    }

    /** The java process of a launcher-started javalived (the launcher execs it, so the same pid). */
    static long javaPid(LabProcess p) {
        return p.pid();
    }

    static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    static String tail(String s) {
        String[] lines = s.split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length));
    }

    /** The VRRP adverts of a nanosecond pcap file (Ethernet): the master's send times and the backup's count. */
    record Capture(long[] masterTimes, int backupAdverts) {
        /** Only packets between {@code from} and {@code to} (epoch nanoseconds, the capture's clock). */
        static Capture read(Path pcap, byte[] master, byte[] backup, long from, long to) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap));
            if (b.remaining() < 24) return new Capture(new long[0], 0);
            int magic = b.getInt(0);
            if (magic == 0x4d3cb2a1 || magic == 0xd4c3b2a1) b.order(ByteOrder.LITTLE_ENDIAN);
            boolean nano = b.getInt(0) == 0xa1b23c4d;
            b.position(24);
            long[] times = new long[1024];
            int n = 0, backupAdverts = 0;
            while (b.remaining() >= 16) {
                long sec = b.getInt() & 0xffffffffL;
                long frac = b.getInt() & 0xffffffffL;
                int incl = b.getInt();
                b.getInt();
                if (b.remaining() < incl) break;
                int at = b.position();
                // Ethernet II, IPv4: source address at 14 + 12
                long t = sec * 1_000_000_000L + (nano ? frac : frac * 1000);
                if (t >= from && t <= to && incl >= 34 && (b.get(at + 12) & 0xff) == 0x08 && b.get(at + 13) == 0 && b.get(at + 23) == 112) {
                    byte[] src = new byte[4];
                    b.get(at + 26, src);
                    if (Arrays.equals(src, master)) {
                        if (n == times.length) times = Arrays.copyOf(times, n * 2);
                        times[n++] = t;
                    } else if (Arrays.equals(src, backup)) {
                        backupAdverts++;
                    }
                }
                b.position(at + incl);
            }
            return new Capture(Arrays.copyOf(times, n), backupAdverts);
        }

        long[] gapsMinusInterval() {
            if (masterTimes.length < 2) return new long[0];
            long[] g = new long[masterTimes.length - 1];
            for (int i = 1; i < masterTimes.length; i++) g[i - 1] = masterTimes[i] - masterTimes[i - 1] - INTERVAL_NANOS;
            return g;
        }
    }
}
