package io.javalived.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: a real JVM process running Main (as the launcher does, with the same flags), so the exit
 * code is the one a shell sees.
 */
class ConfigTestProcessTest {
    @TempDir
    Path dir;

    record Run(int code, String stderr) {}

    static Run javalived(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void exitCodesSeenByTheShell() throws IOException, InterruptedException {
        Path repo = Path.of(System.getProperty("javalived.repo", ".."));
        Run seed = javalived("-t", "-f", repo.resolve("examples/lb01/keepalived.conf").toString());
        assertThat(seed.code()).isEqualTo(5);
        assertThat(seed.stderr()).contains("Line 14) Unknown keyword 'autherntication'").doesNotContain("Exception");

        Path clean = dir.resolve("clean.conf");
        Files.writeString(clean, "global_defs {\n router_id x\n}\n");
        assertThat(javalived("-t", "-f", clean.toString()).code()).isZero();

        Run missing = javalived("-t", "-f", dir.resolve("absent.conf").toString());
        assertThat(missing.code()).isEqualTo(4);
        assertThat(missing.stderr()).contains("not found").doesNotContain("Exception");

        Path garbage = dir.resolve("garbage.conf");
        byte[] bytes = new byte[200_000];
        new java.util.Random(1).nextBytes(bytes);
        Files.write(garbage, bytes);
        Run g = javalived("-t", "-f", garbage.toString());
        assertThat(g.code()).isEqualTo(5);
        assertThat(g.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
