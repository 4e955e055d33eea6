package io.javalived.daemon.cli;

import io.javalived.daemon.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The -t shortcut: the forms it takes behave exactly as picocli's path; every other form is left to picocli. */
class ConfigTestShortcutTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(savedErr);
    }

    private String takeErr() {
        String s = err.toString(StandardCharsets.UTF_8);
        err.reset();
        return s;
    }

    @Test
    void sameExitCodeAndMessagesAsThePicocliPath() throws IOException {
        Path f = dir.resolve("keepalived.conf");
        Files.writeString(f, """
                @lb1 global_defs {
                @lb1     router_id one
                @lb1 }
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 300
                    bogus_keyword 1
                }
                """);
        var quick = ConfigTestShortcut.run(new String[] {"-i", "lb1", "--config-test", "--use-file", f.toString()});
        String quickErr = takeErr();
        // '=' forms are not taken by the shortcut: this runs through picocli.
        assertThat(ConfigTestShortcut.run(new String[] {"--config-test", "--use-file=" + f, "--config-id=lb1"})).isEmpty();
        int picocli = Main.run("--config-test", "--use-file=" + f, "--config-id=lb1");
        String picocliErr = takeErr();
        assertThat(quick).hasValue(picocli);
        assertThat(picocli).isEqualTo(5);
        assertThat(quickErr).isEqualTo(picocliErr).contains("bogus_keyword");
    }

    /** {@code --no-host-checks}: the shortcut takes it as picocli does, same exit code and messages without KA500. */
    @Test
    void noHostChecksIsTakenAsPicocliTakesIt() throws IOException {
        Path f = dir.resolve("keepalived.conf");
        Files.writeString(f, "vrrp_instance VI_1 {\n interface no-such-if0\n virtual_router_id 30\n virtual_ipaddress {\n"
                + "  10.0.0.3\n }\n}\n");
        var checked = ConfigTestShortcut.run(new String[] {"-t", "-f", f.toString()});
        assertThat(checked).hasValue(5);
        assertThat(takeErr()).contains("WARNING - interface no-such-if0 for vrrp_instance VI_1 doesn't exist [warning KA500]");
        var quick = ConfigTestShortcut.run(new String[] {"--no-host-checks", "-t", "-f", f.toString()});
        String quickErr = takeErr();
        int picocli = Main.run("--no-host-checks", "--config-test", "--use-file=" + f);
        assertThat(quick).hasValue(picocli).hasValue(0);
        assertThat(quickErr).isEqualTo(takeErr()).doesNotContain("KA500");
    }

    @Test
    void missingFileCannotRun() {
        assertThat(ConfigTestShortcut.run(new String[] {"-t", "-f", dir.resolve("absent.conf").toString()})).hasValue(4);
        assertThat(takeErr()).contains("not found");
    }

    @Test
    void otherFormsAreLeftToPicocli() {
        String f = dir.resolve("k.conf").toString();
        String[][] others = {
                {"-f", f},                          // no -t
                {"-t", "log.txt", "-f", f},          // -t with its optional LOGFILE
                {"-t", "-t", "-f", f},               // repeated
                {"-t", "-f", f, "-f", f},            // repeated
                {"-t", "--no-host-checks", "--no-host-checks", "-f", f}, // repeated
                {"-t", "-P", "-f", f},               // another option
                {"-t", "-f"},                        // missing value
                {"-t", "-f", "-x"},                  // value that looks like an option
                {"-tf", f},                          // clustered short options
                {"-t", "-f", f, "extra"},            // positional
                {"--help"},
        };
        for (String[] args : others) {
            assertThat(ConfigTestShortcut.run(args)).as(String.join(" ", args)).isEmpty();
        }
        assertThat(takeErr()).isEmpty();
    }
}
