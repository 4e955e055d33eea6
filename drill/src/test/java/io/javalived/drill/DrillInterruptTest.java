package io.javalived.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.javalived.lab.Netns;

/**
 * {@code javalived drill} as a real process, interrupted mid-run (client traffic flowing, both daemons up) by SIGTERM
 * or SIGINT (what Ctrl-C sends): it must exit promptly, and leave none of its namespaces and none of the processes
 * that ran in them.
 */
@Tag("netns")
class DrillInterruptTest {
    static final Duration PROMPT = Duration.ofSeconds(30); // daemons stop by PID with a 3 s grace each; a loaded 2-core machine

    @BeforeAll
    static void needNamespaces() {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
    }

    static List<String> namespacesOf(long pid) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        return out.lines().map(l -> l.split(" ")[0]).filter(n -> n.startsWith("jl-" + pid + "-")).toList();
    }

    static List<Long> pidsIn(String namespace) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "pids", namespace).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        return out.lines().map(String::strip).filter(l -> l.matches("\\d+")).map(Long::parseLong).toList();
    }

    static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** Whether {@code signal} (2 INT, 15 TERM) is ignored in process {@code pid} (SigIgn in /proc/PID/status). */
    static boolean ignores(long pid, int signal) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).strip(), 16) & (1L << (signal - 1))) != 0;
            }
        }
        return false;
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void anInterruptedDrillLeavesNothingBehind(String signal, @TempDir Path out) throws Exception {
        Path repo = Path.of(System.getProperty("javalived.repo", "..")).toAbsolutePath().normalize();
        Path log = out.resolve("drill.out");
        Process drill = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), DrillMain.class.getName(), "--settle", "60",
                "--lb01", repo.resolve("examples/lb01/keepalived.conf").toString(),
                "--lb02", repo.resolve("examples/lb02/keepalived.conf").toString(), "-o", out.resolve("report").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (signal.equals("INT") && ignores(drill.pid(), 2)) {
                Assumptions.abort("SIGINT is ignored in the processes this JVM starts (inherited), so Ctrl-C's signal "
                        + "could not reach a drill started from here");
            }
            for (long end = System.nanoTime() + Duration.ofSeconds(120).toNanos(); ; Thread.sleep(200)) {
                String text = Files.readString(log);
                if (text.contains("client traffic:")) {
                    break;
                }
                assertThat(drill.isAlive()).as("the drill runs: " + text).isTrue();
                assertThat(System.nanoTime() < end).as("client traffic within 120 s: " + text).isTrue();
            }
            List<String> namespaces = namespacesOf(drill.pid());
            assertThat(namespaces).as("the seed's 5 hosts and the switch").hasSize(6);
            List<Long> inside = new ArrayList<>();
            for (String ns : namespaces) {
                inside.addAll(pidsIn(ns));
            }
            List<Long> daemons = inside.stream().filter(pid -> cmdline(pid).contains("io.javalived.daemon.Main")).toList();
            assertThat(daemons).as("lb01's and lb02's javalived, in the drill's namespaces").hasSize(2);
            List<Long> descendants = ProcessHandle.of(drill.pid()).orElseThrow().descendants().map(ProcessHandle::pid).toList();
            assertThat(descendants).as("started by the drill").containsAll(daemons);

            long signalled = System.nanoTime();
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(drill.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            boolean exited = drill.waitFor(PROMPT.toSeconds(), TimeUnit.SECONDS);
            double took = (System.nanoTime() - signalled) / 1e9;
            String text = Files.readString(log);
            assertThat(exited).as("exited within " + PROMPT.toSeconds() + " s of SIG" + signal + ": " + text).isTrue();
            System.out.printf("drill exited %.1f s after SIG%s (code %d)%n", took, signal, drill.exitValue());
            assertThat(drill.exitValue()).as(text).isEqualTo(128 + (signal.equals("INT") ? 2 : 15));
            assertThat(text).contains("[drill] interrupted: tearing down");
            assertThat(namespacesOf(drill.pid())).as("namespaces left behind").isEmpty();
            for (long pid : inside) {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                        .as("pid " + pid + " (ran in the drill's namespaces) gone").isFalse();
            }
        } finally {
            if (drill.isAlive()) {
                drill.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
