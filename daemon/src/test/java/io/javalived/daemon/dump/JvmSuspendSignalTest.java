package io.javalived.daemon.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.daemon.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGUSR2 is keepalived's statistics dump, and HotSpot's own thread-suspend signal unless {@code _JAVA_SR_SIGNUM}
 * moves it: with JFR sampling, every suspension used to write a stats dump (48 in 10 s). The launcher moves it;
 * these tests check the launcher does, and that a daemon started so writes a dump only when SIGUSR2 is sent.
 */
class JvmSuspendSignalTest {

    static final Path REPO = Path.of(System.getProperty("javalived.repo", "..")).toAbsolutePath().normalize();

    @Test
    void theLauncherMovesTheJvmsSuspendSignalOffSigusr2AndKeepsOneTheCallerSet(@TempDir Path dir) throws Exception {
        // a stand-in JDK 25 whose java prints the signal it was given
        Path jdk = dir.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.1\"\n");
        for (String tool : List.of("java", "javac")) {
            Path f = Files.writeString(jdk.resolve("bin").resolve(tool), "#!/bin/sh\necho \"SR=${_JAVA_SR_SIGNUM:-unset}\"\n");
            f.toFile().setExecutable(true);
        }
        assertThat(launch(jdk, null)).contains("SR=39");
        assertThat(launch(jdk, "40")).contains("SR=40");
    }

    private static String launch(Path jdk, String callersSignal) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(REPO.resolve("javalived").toString(), "-n").redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", jdk.toString());
        pb.environment().put("JAVALIVED_NO_BUILD", "1");
        pb.environment().put("JAVALIVED_NO_AOT", "1");
        pb.environment().remove("_JAVA_SR_SIGNUM");
        if (callersSignal != null) {
            pb.environment().put("_JAVA_SR_SIGNUM", callersSignal);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void withJfrSamplingTheStatsDumpIsWrittenOnlyWhenSigusr2IsSent(@TempDir Path dir) throws Exception {
        Path stats = dir.resolve("stats");
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), """
                global_defs {
                    router_id sr_signal
                    stats_dump_file %s
                }
                virtual_server 127.0.0.1 18999 {
                    delay_loop 1
                    protocol TCP
                    lvs_sched rr
                    lvs_method NAT
                    real_server 127.0.0.1 18998 {
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                }
                """.formatted(stats));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:StartFlightRecording=filename=" + dir.resolve("rec.jfr") + ",settings=profile",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "-C", "-n", "-l", "-G", "--ipvs", "memory", "--status-listen", "off", "-f", conf.toString(),
                "-p", dir.resolve("p.pid").toString(), "-r", dir.resolve("r.pid").toString(), "-c", dir.resolve("c.pid").toString())
                .redirectErrorStream(true);
        pb.environment().put("_JAVA_SR_SIGNUM", "39"); // what the launcher exports
        Process daemon = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        try {
            await(() -> lines.stream().anyMatch(l -> l.contains("dump signals: [SIGUSR1, SIGUSR2")), Duration.ofSeconds(60), lines);
            Thread.sleep(3000); // JFR samples every 10-20 ms: hundreds of thread suspensions
            assertThat(stats).as("no dump without SIGUSR2: %s", lines).doesNotExist();
            assertThat(new ProcessBuilder("kill", "-USR2", Long.toString(daemon.pid())).start().waitFor()).isZero();
            await(() -> Files.exists(stats), Duration.ofSeconds(10), lines);
            assertThat(lines.stream().filter(l -> l.contains("wrote the stats dump")).count()).isEqualTo(1);
        } finally {
            daemon.destroy();
            if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration within, List<String> lines) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s; daemon output: %s", within, lines).isLessThan(end);
            Thread.sleep(50);
        }
    }
}
