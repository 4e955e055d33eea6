package io.javalived.daemon.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.daemon.HostDaemon;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daemon on the host ({@code -C --ipvs memory}, a TCP_CHECK of a loopback port): startup_script runs before
 * the checkers start and shutdown_script after they stopped, each killed at its timeout (with its process group);
 * rs_init_notifies runs the notify_up of real servers alive at start, as keepalived 2.2.7 does.
 */
class LifecycleScriptsDaemonTest {
    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static int freePort() throws IOException {
        return HostDaemon.freeLoopbackPort();
    }

    private static String conf(String globals, int realPort, String realServerExtra) {
        return "global_defs {\n    router_id box\n" + globals + "}\n"
                + HostDaemon.loopbackVirtualServer(realPort, realServerExtra, "");
    }

    private static boolean running(Path pidFile) throws IOException {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void startupRunsBeforeTheChecksAndShutdownAfterThem() throws Exception {
        Path started = dir.resolve("started");
        Path stopped = dir.resolve("stopped");
        Path up = script("up.sh", "sleep 1; echo \"$0 $1\" > " + started);
        Path down = script("down.sh", "echo \"$0\" > " + stopped);
        Path conf = Files.writeString(dir.resolve("k.conf"), conf("""
                    startup_script "%s first"
                    shutdown_script %s
                """.formatted(up, down), freePort(), ""));
        try (HostDaemon d = HostDaemon.start(dir, conf, List.of(), List.of("-D"))) {
            d.await("health checks started", Duration.ofSeconds(60));
            assertThat(started).as("written before the checkers started").exists();
            assertThat(Files.readString(started)).isEqualTo(up + " first\n");
            assertThat(d.lines()).anyMatch(l -> l.contains("Running startup script " + up));
            assertThat(stopped).doesNotExist();
            d.signal("TERM");
            assertThat(d.exitCode(Duration.ofSeconds(30))).isNotEqualTo(-1);
            assertThat(stopped).exists();
            List<String> lines = d.lines();
            int checkersStopped = indexOf(lines, "Checkers stopped");
            int shutdownRan = indexOf(lines, "Running shutdown script " + down);
            assertThat(checkersStopped).as(String.join("\n", lines)).isNotNegative().isLessThan(shutdownRan);
            assertThat(lines).anyMatch(l -> l.contains("SECURITY VIOLATION - start/shutdown scripts are being executed"));
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) return i;
        }
        return -1;
    }

    @Test
    void eachScriptIsKilledAtItsTimeout() throws Exception {
        Path upPid = dir.resolve("up.pid");
        Path downPid = dir.resolve("down.pid");
        Path up = script("up.sh", "echo $$ > " + upPid + "; sleep 60 & wait");
        Path down = script("down.sh", "echo $$ > " + downPid + "; sleep 60 & wait");
        Path conf = Files.writeString(dir.resolve("k.conf"), conf("""
                    startup_script %s
                    startup_script_timeout 1
                    shutdown_script %s
                    shutdown_script_timeout 2
                """.formatted(up, down), freePort(), ""));
        try (HostDaemon d = HostDaemon.start(dir, conf, List.of(), List.of())) {
            d.await("startup script timed out", Duration.ofSeconds(60));
            d.await("health checks started", Duration.ofSeconds(15));
            assertThat(running(upPid)).as("the startup script was killed").isFalse();
            long stop = System.nanoTime();
            d.signal("TERM");
            assertThat(d.exitCode(Duration.ofSeconds(30))).as(String.join("\n", d.lines())).isNotEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - stop)).isLessThan(Duration.ofSeconds(20));
            assertThat(d.lines()).anyMatch(l -> l.contains("shutdown script timed out"));
            assertThat(running(downPid)).as("the shutdown script was killed").isFalse();
        }
    }

    @Test
    void aFailingStartupScriptIsLoggedAndTheDaemonStartsAnyway() throws Exception {
        Path up = script("up.sh", "exit 3");
        Path conf = Files.writeString(dir.resolve("k.conf"), conf("    startup_script " + up + "\n", freePort(), ""));
        try (HostDaemon d = HostDaemon.start(dir, conf, List.of(), List.of())) {
            d.await("startup script failed, status 3", Duration.ofSeconds(60));
            d.await("health checks started", Duration.ofSeconds(15));
        }
    }

    @Test
    void rsInitNotifiesRunsNotifyUpForRealServersAliveAtStart() throws Exception {
        try (ServerSocket web = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path withFile = dir.resolve("with");
            Path withoutFile = dir.resolve("without");
            Path with = script("with.sh", "echo up >> " + withFile);
            Path without = script("without.sh", "echo up >> " + withoutFile);
            Path on = Files.writeString(dir.resolve("on.conf"), conf("    rs_init_notifies\n", web.getLocalPort(),
                    "        notify_up " + with + "\n"));
            Path off = Files.writeString(dir.resolve("off.conf"), conf("", web.getLocalPort(),
                    "        notify_up " + without + "\n"));
            Path onDir = Files.createDirectories(dir.resolve("on"));
            Path offDir = Files.createDirectories(dir.resolve("off"));
            try (HostDaemon a = HostDaemon.start(onDir, on, List.of(), List.of());
                 HostDaemon b = HostDaemon.start(offDir, off, List.of(), List.of())) {
                a.await("health checks started", Duration.ofSeconds(60));
                b.await("health checks started", Duration.ofSeconds(60));
                Thread.sleep(3_000); // several successful checks: nothing changes
                assertThat(withFile).exists();
                assertThat(Files.readString(withFile)).isEqualTo("up\n");
                assertThat(withoutFile).as("keepalived's default: notify_up only on a change").doesNotExist();
            }
        }
    }
}
