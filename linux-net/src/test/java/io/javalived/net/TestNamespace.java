package io.javalived.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A network namespace of a test's own ({@code ip netns add}), with {@code ip} as the observer; deleted at close. The
 * calling test is skipped, with the reason, when it cannot have one (not root, no {@code ip netns}).
 */
public final class TestNamespace implements AutoCloseable {
    private final String name;

    private TestNamespace(String name) {
        this.name = name;
    }

    /** A fresh namespace {@code jl-PREFIX-PID} with lo up. */
    public static TestNamespace create(String prefix) throws IOException, InterruptedException {
        Assumptions.assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false),
                "needs root for a network namespace");
        String name = "jl-" + prefix + "-" + ProcessHandle.current().pid();
        run("ip", "netns", "add", name);
        Assumptions.assumeTrue(Path.of("/run/netns", name).toFile().exists(), "cannot create a network namespace with ip netns add");
        TestNamespace ns = new TestNamespace(name);
        ns.ip("link", "set", "lo", "up");
        return ns;
    }

    public String name() {
        return name;
    }

    /** {@code /run/netns/NAME}, for {@code InNamespace.call}. */
    public Path path() {
        return Path.of("/run/netns", name);
    }

    /** {@code ip -n NAME ARGS...}: its output (stdout and stderr). */
    public String ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    /** Runs a command; its output (stdout and stderr). */
    public static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("ip", "netns", "del", name);
    }
}
