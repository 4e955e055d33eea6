package io.javalived.healthcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Readings from /proc for another process and for the machine; CPU times in clock ticks (USER_HZ, 100/s). */
final class Procfs {

    static final double TICKS_PER_SECOND = 100;

    private Procfs() {
    }

    /** utime + stime of process {@code pid}, all its threads together. */
    static long cpuTicks(long pid) throws IOException {
        return ticks(Path.of("/proc/" + pid + "/stat"));
    }

    /** utime + stime of each thread of {@code pid}, summed by thread name (comm). */
    static Map<String, Long> threadTicks(long pid) throws IOException {
        Map<String, Long> byName = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    byName.merge(Files.readString(task.resolve("comm")).trim(), ticks(task.resolve("stat")), Long::sum);
                } catch (IOException gone) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return byName;
    }

    /** utime and stime of process {@code pid} apart: {user, system}. */
    static long[] userAndSystemTicks(long pid) throws IOException {
        return userAndSystem(Path.of("/proc/" + pid + "/stat"));
    }

    private static long ticks(Path stat) throws IOException {
        long[] t = userAndSystem(stat);
        return t[0] + t[1];
    }

    private static long[] userAndSystem(Path stat) throws IOException {
        String s = Files.readString(stat);
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])}; // fields 14 and 15 of proc(5)
    }

    /** A "kB" field of /proc/PID/status (VmRSS, RssAnon, VmHWM ...), in kB; -1 when absent. */
    static long statusKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
            }
        }
        return -1;
    }

    /**
     * Idle + iowait time of all CPUs, from the first line of /proc/stat. Busy time is the wall time times the CPUs
     * minus this: the busy fields are sampled at timer ticks, which an emulated guest may miss, while idle time is
     * measured when a CPU enters and leaves idle.
     */
    static long idleTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+"); // cpu user nice system idle iowait ...
        return Long.parseLong(f[4]) + Long.parseLong(f[5]);
    }

    /**
     * The kernel's TCP counters: {@code Tcp:} lines of /proc/net/snmp (ActiveOpens, PassiveOpens,
     * AttemptFails ...) and {@code TcpExt:} lines of /proc/net/netstat (ListenDrops, ListenOverflows ...).
     */
    static Map<String, Long> tcpCounters() throws IOException {
        Map<String, Long> counters = new TreeMap<>();
        read(Path.of("/proc/net/snmp"), "Tcp:", counters);
        read(Path.of("/proc/net/netstat"), "TcpExt:", counters);
        return counters;
    }

    private static void read(Path file, String prefix, Map<String, Long> into) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).toList();
        for (int i = 0; i + 1 < lines.size(); i += 2) { // a line of names, then a line of values
            String[] names = lines.get(i).split("\\s+");
            String[] values = lines.get(i + 1).split("\\s+");
            for (int k = 1; k < names.length && k < values.length; k++) {
                into.put(names[k], Long.parseLong(values[k]));
            }
        }
    }

    static double loadAverage() throws IOException {
        return Double.parseDouble(loadAverageText());
    }

    /** The 1-minute load average as /proc/loadavg writes it. */
    static String loadAverageText() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
