package io.javalived.healthcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One checker under test, started as its real daemon in checker-only mode (-C) on a generated
 * configuration: how to start it, which of its processes do the checking, the log line that ends its
 * start-up, and the log lines that say a real server left or re-entered the IPVS table (group 1 address,
 * group 2 port).
 */
record CheckerDaemon(String name, List<String> commandPrefix, Map<String, String> environment, String startedLine, Pattern removed,
        Pattern added, boolean checkerIsChild) {

    /**
     * keepalived 2.2.7: {@code keepalived -n -l -D -C -f CONF -p -r -c}; the parent forks the checker child,
     * whose pid is in the -c file. Its start-up ends with "Activating BFD healthchecker", after one "Activating
     * healthchecker" line per check. "Removing service [A]:tcp:P from VS ..." is logged just before its DEL_DEST.
     */
    static CheckerDaemon keepalived() {
        return new CheckerDaemon("keepalived", List.of("keepalived", "-n", "-l", "-D", "-C"), Map.of(), "Activating BFD healthchecker",
                Pattern.compile("Removing service \\[([0-9.]+)\\]:tcp:(\\d+) from VS"),
                Pattern.compile("Adding service \\[([0-9.]+)\\]:tcp:(\\d+) to VS"), true);
    }

    /**
     * javalived through its launcher (as users run it, no rebuild): {@code javalived -C -n -l -f CONF -p -r -c};
     * one JVM. Its start-up ends with "Start-up complete", once the checks, the status endpoint, dump signals, reload
     * and the state file are set up (its main thread only waits from then on).
     * "IPVS: remove real server A:P from ..." is logged once the kernel acknowledged the DEL_DEST.
     */
    static CheckerDaemon javalived(Path repo) {
        return javalived("javalived", repo, Map.of("JAVALIVED_NO_BUILD", "1"));
    }

    /** javalived with TCP_CHECK on the Netty prober it had before ({@code -Djavalived.tcp_check=netty}): the A/B. */
    static CheckerDaemon javalivedNetty(Path repo) {
        String opts = (System.getenv().getOrDefault("JAVALIVED_JAVA_OPTS", "") + " -Djavalived.tcp_check=netty").trim();
        return javalived("javalived-netty", repo, Map.of("JAVALIVED_NO_BUILD", "1", "JAVALIVED_JAVA_OPTS", opts));
    }

    /**
     * javalived with the JVM's second compiler (C2) as well as C1: the launcher stops at C1
     * ({@code -XX:TieredStopAtLevel=1}) for a smaller, quicker start; this A/B shows what the probe path gains from C2.
     * A JVM crash report goes to the daemon's log ({@code -XX:+ErrorFileToStderr}): in the qemu TCG guest this JVM died
     * with SIGSEGV at the entry of C1-compiled JDK methods in 3 of 4 runs with C2 (BENCHMARKS.md), never with C1 alone.
     */
    static CheckerDaemon javalivedC2(Path repo) {
        String opts = (System.getenv().getOrDefault("JAVALIVED_JAVA_OPTS", "") + " -XX:TieredStopAtLevel=4 -XX:+ErrorFileToStderr").trim();
        return javalived("javalived-c2", repo, Map.of("JAVALIVED_NO_BUILD", "1", "JAVALIVED_JAVA_OPTS", opts));
    }

    private static CheckerDaemon javalived(String name, Path repo, Map<String, String> environment) {
        return new CheckerDaemon(name, List.of(repo.resolve("javalived").toString(), "-C", "-n", "-l"),
                environment, "Start-up complete",
                Pattern.compile("IPVS: remove real server ([0-9.]+):(\\d+) from"),
                Pattern.compile("IPVS: add real server ([0-9.]+):(\\d+) "), false);
    }

    static CheckerDaemon named(String name, Path repo) {
        return switch (name) {
            case "keepalived" -> keepalived();
            case "javalived" -> javalived(repo);
            case "javalived-netty" -> javalivedNetty(repo);
            case "javalived-c2" -> javalivedC2(repo);
            default -> throw new IllegalArgumentException("keepalived, javalived, javalived-netty or javalived-c2, not " + name);
        };
    }

    Process start(Path config, Path runDir) throws IOException {
        List<String> command = new ArrayList<>(commandPrefix);
        command.addAll(List.of("-f", config.toString(), "-p", pidFile(runDir, "").toString(),
                "-r", pidFile(runDir, "_vrrp").toString(), "-c", pidFile(runDir, "_checkers").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(environment);
        return pb.start();
    }

    private Path pidFile(Path runDir, String suffix) {
        return runDir.resolve(name + suffix + ".pid");
    }

    /** The process that runs the checks: keepalived's checker child (from its -c file), javalived's JVM. */
    long checkerPid(Process started, Path runDir) throws IOException {
        if (!checkerIsChild) {
            return started.pid();
        }
        return Long.parseLong(Files.readString(pidFile(runDir, "_checkers")).trim());
    }
}
