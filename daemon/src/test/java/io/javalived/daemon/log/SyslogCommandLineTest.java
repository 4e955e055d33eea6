package io.javalived.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.net.socket.UnixDatagramSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real command line: a javalived process (this build, a configuration with nothing to run, no status endpoint)
 * logging to a syslog socket this test binds at a temporary path ({@code -Djavalived.syslog.socket}), as a syslog
 * daemon binds /dev/log. Shows keepalived's rules: syslog without -l, both with -l, the console only with -l -G,
 * -S's facility in PRI, -D's debug messages, and the console with one line when nobody listens at the socket.
 */
class SyslogCommandLineTest {
    static final String TS = "[A-Z][a-z]{2} [ 123][0-9] \\d\\d:\\d\\d:\\d\\d";

    @TempDir
    Path dir;

    Path socket;
    Path conf;
    Process daemon;

    @AfterEach
    void stop() throws InterruptedException {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    Process start(String... flags) throws IOException {
        socket = dir.resolve("log");
        conf = Files.writeString(dir.resolve("keepalived.conf"), "global_defs {\n    router_id syslog_test\n}\n");
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-D" + LogTarget.SOCKET_PROPERTY + "=" + socket, "-cp", System.getProperty("java.class.path"),
                "io.javalived.daemon.Main", "-n", "-f", conf.toString(), "-p", dir.resolve("j.pid").toString(),
                "--status-listen", "off"));
        cmd.addAll(List.of(flags));
        daemon = new ProcessBuilder(cmd).redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile()).start();
        return daemon;
    }

    String stdout() throws IOException {
        return Files.readString(dir.resolve("stdout"));
    }

    String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr"));
    }

    /** Messages received until one contains {@code until} (30 s: a JVM start on a loaded 2-core machine). */
    static List<String> receiveUntil(UnixDatagramSocket receiver, String until) {
        List<String> got = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            byte[] d = receiver.receive(Duration.ofMillis(200));
            if (d != null) {
                got.add(new String(d, StandardCharsets.UTF_8));
                if (got.getLast().contains(until)) {
                    return got;
                }
            }
        }
        throw new AssertionError("no syslog message with '" + until + "' within 30 s; got " + got);
    }

    void awaitStdout(String text) throws Exception {
        for (long end = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < end; Thread.sleep(100)) {
            if (stdout().contains(text)) {
                return;
            }
            assertThat(daemon.isAlive()).as("daemon alive; stdout: " + stdout() + "\nstderr: " + stderr()).isTrue();
        }
        throw new AssertionError("no '" + text + "' on stdout within 30 s: " + stdout() + "\nstderr: " + stderr());
    }

    void terminate() throws InterruptedException {
        daemon.destroy(); // SIGTERM
        assertThat(daemon.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s of SIGTERM").isTrue();
    }

    static Pattern line(int pri, String ident, long pid, String message) {
        return Pattern.compile("<" + pri + ">" + TS + " " + ident + "\\[" + pid + "]: " + Pattern.quote(message));
    }

    @Test
    void withoutMinusLEverythingGoesToSyslogWithTheFacilityOfMinusSAndNothingToTheConsole() throws Exception {
        try (var receiver = UnixDatagramSocket.bind(dir.resolve("log"))) {
            long pid = start("-S", "3", "-D").pid();
            List<String> got = receiveUntil(receiver, "Starting javalived");
            // local3 (19): 19 * 8 + 6 (info) = 158, + 7 (debug, -D) = 159
            assertThat(got.getLast()).matches(line(158, "Keepalived", pid, "Starting javalived (pid " + pid + ") with " + conf));
            assertThat(got).anySatisfy(m -> assertThat(m).matches(line(159, "Keepalived", pid,
                    "logging: syslog at " + socket + " with facility local3, level DEBUG (-D)")));
            terminate();
            List<String> atStop = receiveUntil(receiver, "Stopped javalived");
            assertThat(atStop.getLast()).matches(line(158, "Keepalived", pid, "Stopped javalived"));
            assertThat(stdout()).as("no console without -l").isEmpty();
        }
    }

    @Test
    void minusLLogsToTheConsoleAndToSyslogAsKeepalivedDoes() throws Exception {
        try (var receiver = UnixDatagramSocket.bind(dir.resolve("log"))) {
            long pid = start("-l", "-S", "local7").pid();
            // local7 (23): 23 * 8 + 6 = 190
            assertThat(receiveUntil(receiver, "Starting javalived").getLast())
                    .matches(line(190, "Keepalived", pid, "Starting javalived (pid " + pid + ") with " + conf));
            awaitStdout("INFO  Starting javalived (pid " + pid + ")");
            assertThat(stdout()).doesNotContain("DEBUG", "syslog:");
            terminate();
        }
    }

    @Test
    void minusLWithMinusGIsTheConsoleOnly() throws Exception {
        try (var receiver = UnixDatagramSocket.bind(dir.resolve("log"))) {
            long pid = start("-l", "-G").pid();
            awaitStdout("INFO  Starting javalived (pid " + pid + ")");
            assertThat(receiver.receive(Duration.ofMillis(500))).as("nothing sent to syslog with -G").isNull();
            terminate();
            assertThat(stdout()).contains("INFO  Stopped javalived");
            assertThat(receiver.receive(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void noSyslogSocketMeansTheConsoleWithOneClearLineAndNoStackTrace() throws Exception {
        long pid = start().pid(); // nobody bound the socket path
        awaitStdout("INFO  Starting javalived (pid " + pid + ")");
        terminate();
        String out = stdout();
        assertThat(out.lines().filter(l -> l.contains("syslog:")).toList()).singleElement().asString()
                .endsWith(" WARN  syslog: cannot log to " + socket + ": ENOENT (No such file or directory); logging to the console instead");
        assertThat(out.lines().findFirst().orElse("")).as("said before anything else").contains("syslog: cannot log to");
        assertThat(out).contains("INFO  Stopped javalived").doesNotContain("\tat ", "Exception");
        assertThat(stderr()).doesNotContain("\tat ", "Exception");
    }

    @Test
    void anUnknownFacilityIsNamedAndDaemonIsUsed() throws Exception {
        try (var receiver = UnixDatagramSocket.bind(dir.resolve("log"))) {
            long pid = start("-S", "kern").pid();
            List<String> got = receiveUntil(receiver, "Starting javalived");
            // daemon (3): 3 * 8 + 4 (warning) = 28, + 6 (info) = 30
            assertThat(got.getFirst()).matches(line(28, "Keepalived", pid,
                    "-S/--log-facility 'kern': expected 0-7, local0-local7, user or daemon; logging with facility daemon"));
            assertThat(got.getLast()).matches(line(30, "Keepalived", pid, "Starting javalived (pid " + pid + ") with " + conf));
            terminate();
        }
    }
}
