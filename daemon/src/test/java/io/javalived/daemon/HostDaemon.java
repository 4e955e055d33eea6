package io.javalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * javalived from this build (the test JVM's java and classpath) on the host, as the lab rule allows there:
 * checkers only ({@code -C --ipvs memory}), checks against loopback, pid and state files in a test folder. The
 * command may be wrapped ({@code nohup}, {@code bash -c 'trap ...; exec "$@"'}, a low {@code ulimit -n}).
 * Its console log is collected line by line.
 */
public final class HostDaemon implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    public final Path dir;

    private HostDaemon(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
        Thread.ofPlatform().daemon().name("daemon-output").start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    /**
     * Starts {@code wrapper + java ... Main -C -n -l -G --ipvs memory -f conf -p/-r/-c dir/...pid + extra}.
     *
     * @param wrapper the command words before java (empty for none)
     */
    public static HostDaemon start(Path dir, Path conf, List<String> wrapper, List<String> extra) throws IOException {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "-C", "-n", "-l", "-G", "--ipvs", "memory", "-f", conf.toString(),
                "-p", dir.resolve("p.pid").toString(), "-r", dir.resolve("r.pid").toString(), "-c", dir.resolve("c.pid").toString()));
        cmd.addAll(extra);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
        pb.environment().put("_JAVA_SR_SIGNUM", "39"); // as the launcher starts it
        return new HostDaemon(pb.start(), dir);
    }

    /**
     * A virtual server for the in-memory IPVS table with a TCP_CHECK (every second) of 127.0.0.1:{@code realPort},
     * plus {@code moreRealServers} (keepalived text, indented for the block), for a configuration's end.
     */
    public static String loopbackVirtualServer(int realPort, String moreRealServers) {
        return loopbackVirtualServer(realPort, "", moreRealServers);
    }

    /** As {@link #loopbackVirtualServer(int, String)}, with {@code realServerLines} (indented) inside the real server. */
    public static String loopbackVirtualServer(int realPort, String realServerLines, String moreRealServers) {
        return """
                virtual_server 127.0.0.1 18999 {
                    delay_loop 1
                    protocol TCP
                    lvs_sched rr
                    lvs_method NAT
                    real_server 127.0.0.1 %d {
                %s        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                %s}
                """.formatted(realPort, realServerLines, moreRealServers);
    }

    /** A loopback TCP port nothing listened on a moment ago. */
    public static int freeLoopbackPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public long count(String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }

    /** Waits until a line contains {@code text}; fails with the output otherwise. */
    public void await(String text, Duration within) throws InterruptedException {
        await(() -> count(text) > 0, within, "a line with '" + text + "'");
    }

    public void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for %s; daemon output:%n%s", within, what, String.join("\n", lines))
                    .isLessThan(end);
            Thread.sleep(50);
        }
    }

    /** Sends {@code signal} (kill -NAME) to the daemon's pid; with a wrapper that execs, that is the JVM. */
    public void signal(String signal) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor()).isZero();
    }

    /** The exit code within {@code within}, or -1 if it still runs. */
    public int exitCode(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** The daemon's /proc/PID/status line {@code field} (SigIgn, SigCgt...) as a bit mask. */
    public long signalMask(String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                .filter(l -> l.startsWith(field + ":")).map(l -> Long.parseUnsignedLong(l.substring(field.length() + 1).strip(), 16))
                .findFirst().orElseThrow();
    }

    @Override
    public void close() throws InterruptedException {
        String keep = System.getenv("JAVALIVED_TEST_DAEMON_LOG"); // keeps the output of the last daemon, for debugging
        if (keep != null) {
            try {
                Files.write(Path.of(keep), lines);
            } catch (IOException ignored) {
                // a debugging aid only
            }
        }
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
