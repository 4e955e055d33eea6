package io.javalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keepalived's global_defs {@code umask} and {@code -u/--umask} on the real daemon (host: checkers only, in-memory
 * IPVS, a check of loopback): the pid files, the dump written on SIGUSR1 and a file a MISC_CHECK script creates get
 * the mask; the command line wins over the file, as keepalived says; a bad command-line value is reported and the
 * file's is used.
 */
class UmaskTest {
    private static String conf(Path dir, int port, String umask) {
        return """
                global_defs {
                    %s
                    state_dump_file %s
                }
                virtual_server 127.0.0.1 18999 {
                    delay_loop 1
                    protocol TCP
                    lvs_sched rr
                    lvs_method NAT
                    real_server 127.0.0.1 %d {
                        MISC_CHECK {
                            misc_path "/bin/sh -c 'touch %s'"
                        }
                    }
                }
                """.formatted(umask, dir.resolve("k.data"), port, dir.resolve("by-script"));
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static HostDaemon run(Path dir, int port, String umask, List<String> extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--status-listen", "off"));
        args.addAll(extra);
        HostDaemon d = HostDaemon.start(dir, Files.writeString(dir.resolve("keepalived.conf"), conf(dir, port, umask)),
                List.of(), args);
        d.await("Checkers started", Duration.ofSeconds(60));
        return d;
    }

    @Test
    void theConfigurationsUmaskMakesThePidFilesTheDumpAndScriptFilesPrivate(@TempDir Path dir) throws Exception {
        try (ServerSocket real = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             HostDaemon d = run(dir, real.getLocalPort(), "umask IWGRP|IROTH|IWOTH|IXOTH |IRGRP", List.of())) {
            assertThat(d.lines()).anyMatch(l -> l.contains("umask 0067"));
            assertThat(mode(dir.resolve("p.pid"))).isEqualTo("rw-------");
            d.await(() -> Files.exists(dir.resolve("by-script")), Duration.ofSeconds(30), "the MISC_CHECK script's file");
            assertThat(mode(dir.resolve("by-script"))).as("scripts inherit the mask").isEqualTo("rw-------");
            d.signal("USR1");
            d.await(() -> Files.exists(dir.resolve("k.data")), Duration.ofSeconds(20), "the state dump");
            assertThat(mode(dir.resolve("k.data"))).isEqualTo("rw-------");
        }
    }

    @Test
    void theCommandLineWinsAndABadOneIsReported(@TempDir Path dir) throws Exception {
        try (ServerSocket real = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            try (HostDaemon d = run(dir, real.getLocalPort(), "umask 0077", List.of("-u", "027"))) {
                assertThat(d.lines()).anyMatch(l -> l.contains("umask command line option specified, ignoring config option"));
                assertThat(mode(dir.resolve("p.pid"))).isEqualTo("rw-r-----");
            }
            Path second = Files.createDirectory(dir.resolve("second"));
            try (HostDaemon d = run(second, real.getLocalPort(), "umask 0077", List.of("-u", "0999"))) {
                assertThat(d.lines()).anyMatch(l -> l.contains("Invalid --umask option 0999"));
                assertThat(mode(second.resolve("p.pid"))).isEqualTo("rw-------");
            }
        }
    }
}
