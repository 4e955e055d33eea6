package io.javalived.daemon.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.javalived.daemon.Main;
import io.javalived.net.ffm.Libc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 1, end to end: a MISC_CHECK script that a non-root user can rewrite (it sits in a world-writable
 * directory). Before: it ran as root (a user who rewrote it got uid 0 within 2 s) and -t said OK. Now, as keepalived
 * 2.2.7: with enable_script_security it is refused ("Unsafe permissions found for script '...' - disabling." and
 * "Disabling misc script '...' due to insecure") and never runs; without it -t reports the SECURITY VIOLATION and
 * exits 6; a safe script runs as the script user with no other group. keepalived 2.2.7 is run through the same -t
 * cases and must give the same exit codes. The daemon runs with -C --ipvs memory, checks on loopback only.
 */
class ScriptSecurityDaemonTest {

    @TempDir
    Path dir;
    Path writable;
    Path unsafe;
    Path safe;
    Process daemon;

    @BeforeEach
    void scripts() throws Exception {
        assumeTrue(Libc.getuid() == 0, "needs root: script ownership and the user switch (runs in CI as root)");
        assumeTrue(Libc.getpwnam("nobody").isPresent(), "no user nobody on this host");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        writable = Files.createDirectory(dir.resolve("w"));
        Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("rwxrwxrwx"));
        unsafe = script(writable.resolve("check.sh"), writable.resolve("unsafe-ran"));
        safe = script(dir.resolve("check.sh"), writable.resolve("safe-ran"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroy();
            if (!daemon.waitFor(20, TimeUnit.SECONDS)) daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A MISC_CHECK script that writes who ran it (uid, then every group) into {@code marker}. */
    private static Path script(Path p, Path marker) throws IOException {
        Files.writeString(p, "#!/bin/sh\n{ id -u; id -G; } > " + marker + "\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private Path config(String name, String globals, Path... scripts) throws IOException {
        StringBuilder rs = new StringBuilder();
        int n = 2;
        for (Path s : scripts) {
            rs.append("""
                        real_server 127.0.0.%d 80 {
                            MISC_CHECK {
                                misc_path "%s"
                                misc_timeout 5
                                delay_loop 1
                            }
                        }
                    """.formatted(n++, s));
        }
        return Files.writeString(dir.resolve(name), """
                global_defs {
                %s
                }
                virtual_server 127.0.0.1 80 {
                    lvs_sched rr
                    lvs_method NAT
                    protocol TCP
                %s}
                """.formatted(globals, rs));
    }

    static final String KEEPALIVED = "/usr/sbin/keepalived";

    record Run(int code, String output) {}

    private static Run run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static List<String> javalived(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static boolean keepalivedInstalled() {
        try {
            return new ProcessBuilder(KEEPALIVED, "-v").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void configTestReportsTheViolationAndExits6AsKeepalivedDoes() throws Exception {
        Path conf = config("open.conf", "    router_id lb01", unsafe);
        Run t = run(javalived("-t", "-f", conf.toString()));
        assertThat(t.output()).contains("Unsafe permissions found for script '" + unsafe + "'.")
                .contains("SECURITY VIOLATION - check scripts are being executed but script_security not enabled."
                        + " There are insecure scripts.");
        assertThat(t.code()).isEqualTo(6);

        Path secured = config("secured.conf", "    enable_script_security\n    script_user root", unsafe);
        Run s = run(javalived("-t", "-f", secured.toString()));
        assertThat(s.output()).contains("Unsafe permissions found for script '" + unsafe + "' - disabling.")
                .contains("Disabling misc script '" + unsafe + "' due to insecure").doesNotContain("SECURITY VIOLATION");
        assertThat(s.code()).isEqualTo(5);

        if (keepalivedInstalled()) {   // the peer's answers to the same files
            Run k = run(List.of(KEEPALIVED, "-t", "-f", conf.toString()));
            assertThat(k.code()).as("keepalived 2.2.7 -t: " + k.output()).isEqualTo(6);
            Run ks = run(List.of(KEEPALIVED, "-t", "-f", secured.toString()));
            // keepalived drops the checker with log lines only and exits 0; javalived prints them and exits 5 (a real
            // server that loses its only check stays in the pool unchecked: worth a non-zero -t)
            assertThat(ks.code()).as("keepalived 2.2.7 -t: " + ks.output()).isZero();
        }
    }

    @Test
    void withScriptSecurityTheUnsafeScriptNeverRunsAndTheSafeOneRunsAsTheScriptUser() throws Exception {
        // script_user nobody for the safe one would skip the path check (keepalived checks paths only for root):
        // so root is the default user here, and the safe script names its own user
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), """
                global_defs {
                    enable_script_security
                    script_user root
                }
                virtual_server 127.0.0.1 80 {
                    lvs_sched rr
                    lvs_method NAT
                    protocol TCP
                    real_server 127.0.0.2 80 {
                        MISC_CHECK {
                            misc_path "%s"
                            delay_loop 1
                        }
                    }
                    real_server 127.0.0.3 80 {
                        MISC_CHECK {
                            misc_path "%s" nobody
                            delay_loop 1
                        }
                    }
                }
                """.formatted(unsafe, safe));
        Path log = dir.resolve("daemon.log");
        daemon = new ProcessBuilder(javalived("-n", "-l", "-D", "-C", "--ipvs", "memory", "-f", conf.toString(),
                "-p", dir.resolve("j.pid").toString(), "-c", dir.resolve("c.pid").toString(), "--status-listen", "off"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path safeRan = writable.resolve("safe-ran");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!(Files.exists(safeRan) && Files.readString(safeRan).lines().count() == 2) && System.nanoTime() < deadline) {
            assertThat(daemon.isAlive()).as("daemon running: " + Files.readString(log)).isTrue();
            Thread.sleep(100);
        }
        String nobody = Integer.toString(Libc.getpwnam("nobody").orElseThrow().uid());
        String nogroup = Integer.toString(Libc.getpwnam("nobody").orElseThrow().gid());
        assertThat(Files.readString(safeRan).lines().toList()).as("uid, then all groups").containsExactly(nobody, nogroup);
        Thread.sleep(2500);   // two more delay_loops for the unsafe one, had it been kept
        assertThat(writable.resolve("unsafe-ran")).doesNotExist();
        assertThat(Files.readString(log)).contains("Unsafe permissions found for script '" + unsafe + "' - disabling.")
                .contains("Disabling misc script '" + unsafe + "' due to insecure");
    }
}
