package io.javalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idle clients must not take the daemon's file descriptors (issue 15, item 7): a daemon started with
 * {@code ulimit -n 256} and 2,000 idle or half-sent connections held open on its status endpoint still answers
 * /status, still reloads on SIGHUP, still starts its MISC_CHECK script, keeps descriptors in reserve, and logs no
 * stack trace (without -D). Host only: {@code -C --ipvs memory}, everything on loopback. keepalived has no status
 * endpoint, so there is nothing of its to run here.
 */
class StatusFloodTest {
    static final int LIMIT = 256;
    static final int CLIENTS = 2000;

    @Test
    void twoThousandIdleClientsDoNotStarveStatusReloadsOrScripts(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("misc.log");
        Path script = Files.writeString(dir.resolve("check.sh"), "#!/bin/sh\necho run >> " + runs + "\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ServerSocket real = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             HostDaemon d = HostDaemon.start(dir, Files.writeString(dir.resolve("keepalived.conf"), conf(real.getLocalPort(), script)),
                     List.of("bash", "-c", "ulimit -n " + LIMIT + " && exec \"$@\"", "limited"),
                     List.of("--status-listen", "127.0.0.1:0"))) {
            d.await("Checkers started", Duration.ofSeconds(60));
            d.await("status endpoint listening on http://127.0.0.1:", Duration.ofSeconds(30));
            int port = port(d.lines());
            d.await(() -> lines(runs) >= 1, Duration.ofSeconds(20), "the MISC_CHECK script's first run");
            assertThat(get(port, "/status")).contains("\"virtualServers\"");

            List<Socket> idle = new ArrayList<>();
            try {
                long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                for (int i = 0; i < CLIENTS && System.nanoTime() < end; i++) {
                    Socket s = new Socket();
                    idle.add(s);
                    try {
                        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                        if (i % 2 == 1) { // half of them start a request and never finish it
                            s.getOutputStream().write("GET /status HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    } catch (IOException e) {
                        // a full backlog: that client is one the daemon never saw
                    }
                }
                Thread.sleep(1000);

                assertThat(get(port, "/status")).as("/status with %d idle clients", idle.size()).contains("\"virtualServers\"");
                long before = lines(runs);
                d.await(() -> lines(runs) >= before + 2, Duration.ofSeconds(20), "the MISC_CHECK script runs again");
                d.signal("HUP");
                d.await(() -> d.count("Reload: nothing changed") == 1, Duration.ofSeconds(30), "the reload's outcome");
                long fds = openDescriptors(d.pid());
                assertThat(fds).as("descriptors open in the daemon (limit %d)", LIMIT).isLessThan(LIMIT - 32);
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
            assertThat(d.lines()).as("no stack trace without -D").noneMatch(l -> l.startsWith("\tat ") || l.contains("exceptionCaught()"));
            assertThat(d.lines().stream().filter(l -> l.contains("Too many open files")).count()).as("lines about descriptors")
                    .isLessThanOrEqualTo(3);
            assertThat(d.isAlive()).isTrue();
        }
    }

    static String conf(int realPort, Path script) {
        return """
                global_defs {
                    router_id flood
                }
                """ + HostDaemon.loopbackVirtualServer(realPort, """
                    real_server 127.0.0.2 %d {
                        MISC_CHECK {
                            misc_path "%s"
                            misc_timeout 5
                        }
                    }
                """.formatted(realPort, script));
    }

    private static int port(List<String> lines) {
        Pattern p = Pattern.compile("status endpoint listening on http://127\\.0\\.0\\.1:(\\d+)");
        for (String l : lines) {
            Matcher m = p.matcher(l);
            if (m.find()) return Integer.parseInt(m.group(1));
        }
        throw new AssertionError("no status endpoint line in " + lines);
    }

    private static long lines(Path f) {
        try {
            return Files.exists(f) ? Files.readAllLines(f).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static long openDescriptors(long pid) throws IOException {
        try (var s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return s.count();
        }
    }

    /** One HTTP/1.0 GET on a fresh connection; the body, or an AssertionError with the status line. */
    private static String get(int port, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).as("reply to GET %s", path).startsWith("HTTP/1.1 200");
            return reply.substring(reply.indexOf("\r\n\r\n") + 4);
        }
    }
}
