package io.javalived.healthcheck.bench;

import io.javalived.healthcheck.probe.CheckerLoop;
import io.javalived.healthcheck.probe.Connection;
import io.javalived.healthcheck.probe.TcpProbe;
import io.javalived.healthcheck.schedule.CheckSpec;
import io.javalived.healthcheck.schedule.CheckTiming;
import io.javalived.healthcheck.schedule.CheckerState;
import io.javalived.healthcheck.schedule.CheckScheduler;
import io.javalived.healthcheck.schedule.EpollLoop;
import io.javalived.healthcheck.schedule.SharedChecks;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import io.javalived.healthcheck.probe.CheckResult;

/**
 * The checker benchmark: N real servers with TCP_CHECK (delay_loop 1, connect_timeout 1, retry 1,
 * delay_before_retry 1) against loopback listeners, all on one checker event loop thread. Prints the
 * CPU the checker uses in steady state and, for servers that stop answering, the detection latency.
 * Run: healthcheck/bench/checkers.sh [servers] [hung] [measureSeconds]
 */
public final class CheckerBench {

    public static void main(String[] args) throws Exception {
        int servers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int hung = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int measureSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Duration delayLoop = Duration.ofSeconds(1);
        Duration connectTimeout = Duration.ofSeconds(1);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = ManagementFactory.getThreadMXBean();

        try (LoopbackFarm farm = new LoopbackFarm(servers, 8080); CheckerLoop loop = new CheckerLoop(1)) {
            CheckScheduler scheduler = loop.scheduler();
            String checkerThread = scheduler instanceof EpollLoop ? "checker" : "checker-1-1";
            SharedChecks checks = new SharedChecks(loop.prober(), scheduler, new SplittableRandom(42));
            Map<Integer, Long> downAt = new ConcurrentHashMap<>();
            Map<Integer, Long> lastProbeNanos = new ConcurrentHashMap<>();
            AtomicLong probes = new AtomicLong();
            AtomicLong results = new AtomicLong();
            List<CheckSpec> specs = new ArrayList<>();
            Map<String, Long> failures = new ConcurrentHashMap<>();
            for (int i = 0; i < servers; i++) {
                CheckSpec spec = new CheckSpec(new TcpProbe(Connection.to(farm.addresses.get(i), connectTimeout)),
                        new CheckTiming(delayLoop, delayLoop, 1, Duration.ofSeconds(1)), false);
                specs.add(spec);
                int index = i;
                checks.subscribe(spec, u -> {
                    results.incrementAndGet();
                    if (u.result() instanceof CheckResult.Down d) {
                        failures.merge(d.failure().getClass().getSimpleName() + ": " + d.failure().describe().replaceAll("[0-9.]+:[0-9]+", "ADDR"), 1L, Long::sum);
                    }
                    if (u.transition().orElse(null) == CheckerState.Transition.WENT_DOWN) {
                        downAt.put(index, System.nanoTime());
                        lastProbeNanos.put(index, u.result().latency().toNanos());
                    }
                });
            }
            // Event loop lag: a task every 10 ms on the checker loop records how late it ran.
            ConcurrentLinkedQueue<Long> lag = new ConcurrentLinkedQueue<>();
            long[] next = {System.nanoTime() + 10_000_000};
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                long now = System.nanoTime();
                lag.add(now - next[0]);
                next[0] += 10_000_000;
                scheduler.schedule(Duration.ofNanos(Math.max(0, next[0] - System.nanoTime())), tick[0]);
            };
            scheduler.schedule(Duration.ofMillis(10), tick[0]);

            System.out.printf("javalived checker benchmark: %d real servers, TCP_CHECK delay_loop %ds connect_timeout %ds retry 1 "
                    + "delay_before_retry 1s, 1 checker event loop thread (%s), %d CPUs%n", servers, delayLoop.toSeconds(),
                    connectTimeout.toSeconds(), scheduler instanceof EpollLoop ? "epoll" : "Netty NIO",
                    Runtime.getRuntime().availableProcessors());
            Thread.sleep(10_000); // warmup jitter + JIT
            lag.clear();
            long[] ticks0 = Procfs.userAndSystemTicks(ProcessHandle.current().pid());
            long[] sched0 = schedstat(checkerThread);
            long cpu0 = os.getProcessCpuTime();
            long farm0 = threads.getThreadCpuTime(farm.thread.threadId());
            long results0 = results.get();
            long wall0 = System.nanoTime();
            Thread.sleep(measureSeconds * 1000L);
            long wall = System.nanoTime() - wall0;
            long cpu = os.getProcessCpuTime() - cpu0;
            long[] ticks1 = Procfs.userAndSystemTicks(ProcessHandle.current().pid());
            long[] sched1 = schedstat(checkerThread);
            long farmCpu = threads.getThreadCpuTime(farm.thread.threadId()) - farm0;
            long checks1 = results.get() - results0;
            List<Long> steadyLag = new ArrayList<>(lag);
            System.out.printf("steady state over %d s: %.0f checks/s; checker CPU (process minus the listener thread) %.3f cores; "
                            + "listener thread %.3f cores; whole process %.3f cores%n", measureSeconds, checks1 * 1e9 / wall,
                    (cpu - farmCpu) / (double) wall, farmCpu / (double) wall, cpu / (double) wall);
            System.out.printf("checker CPU per check: %.1f us -> %.3f cores at %d checks/s%n", (cpu - farmCpu) / 1e3 / checks1,
                    (cpu - farmCpu) / (double) checks1 * servers / delayLoop.toNanos(), servers);
            System.out.printf("checker loop thread: on a CPU %.0f%% of the time, runnable but waiting for a CPU %.0f%% "
                    + "(machine load average %s)%n", (sched1[0] - sched0[0]) * 100.0 / wall, (sched1[1] - sched0[1]) * 100.0 / wall,
                    Procfs.loadAverageText());
            System.out.printf("whole process split: user %.3f cores, kernel %.3f cores%n",
                    (ticks1[0] - ticks0[0]) * 1e7 / wall, (ticks1[1] - ticks0[1]) * 1e7 / wall);
            System.out.printf("event loop lag (10 ms probe task): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    pct(steadyLag, 50) / 1e6, pct(steadyLag, 99) / 1e6, pct(steadyLag, 100) / 1e6);
            System.out.printf("servers marked down before any stopped answering: %d%n", downAt.size());

            // Hang `hung` servers, one every 50 ms, so they meet the schedule at every phase.
            Map<Integer, Long> hungAt = new ConcurrentHashMap<>();
            SplittableRandom random = new SplittableRandom(7);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < servers; i++) {
                order.add(i);
            }
            Collections.shuffle(order, new java.util.Random(7));
            for (int k = 0; k < hung; k++) {
                int i = order.get(k);
                farm.hang(i);
                hungAt.put(i, System.nanoTime());
                Thread.sleep(50 + random.nextInt(5));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline && !downAt.keySet().containsAll(hungAt.keySet())) {
                Thread.sleep(100);
            }
            List<Long> detection = new ArrayList<>();
            List<Long> finalProbe = new ArrayList<>();
            int missed = 0;
            for (var e : hungAt.entrySet()) {
                Long down = downAt.get(e.getKey());
                if (down == null) {
                    missed++;
                } else {
                    detection.add(down - e.getValue());
                    finalProbe.add(lastProbeNanos.get(e.getKey()));
                }
            }
            long wrong = downAt.keySet().stream().filter(i -> !hungAt.containsKey(i)).count();
            System.out.printf("%d servers stopped answering (accept queue full, SYNs dropped): %d detected, %d missed, "
                    + "%d healthy servers wrongly marked down%n", hung, detection.size(), missed, wrong);
            System.out.printf("detection latency, stop -> DOWN (schedule bound: delay_loop + connect_timeout + "
                    + "delay_before_retry + connect_timeout = 4 s): p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    pct(detection, 50) / 1e6, pct(detection, 99) / 1e6, pct(detection, 100) / 1e6);
            System.out.printf("final failing probe, start -> DOWN (target: p99 <= connect_timeout + 100 ms = %d ms): "
                    + "p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", connectTimeout.toMillis() + 100,
                    pct(finalProbe, 50) / 1e6, pct(finalProbe, 99) / 1e6, pct(finalProbe, 100) / 1e6);
            List<Long> allLag = new ArrayList<>(lag);
            System.out.printf("event loop lag over the whole run: p99 %.1f ms, max %.1f ms%n",
                    pct(allLag, 99) / 1e6, pct(allLag, 100) / 1e6);
            System.out.println("probe failures by kind: " + failures + "; listener accept errors: " + farm.acceptErrors);
            checks.stopAll();
        }
    }

    /** The thread's time on a CPU and time waiting on a run queue (ns), from /proc/self/task/TID/schedstat. */
    static long[] schedstat(String threadName) throws java.io.IOException {
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (var task : tasks.toList()) {
                if (java.nio.file.Files.readString(task.resolve("comm")).trim().equals(threadName)) {
                    String[] f = java.nio.file.Files.readString(task.resolve("schedstat")).trim().split(" ");
                    return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
                }
            }
        }
        return new long[] {0, 0};
    }

    static double pct(List<Long> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
