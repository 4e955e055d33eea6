package io.javalived.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A background process the lab started in one of its namespaces. It leads its own session and process
 * group (pgid = pid), so {@link #killGroup} reaches everything it forked that stayed in the group; its
 * standard output and error go to {@link #logFile()}.
 */
public final class LabProcess {
    private final String label;
    private final String namespace;
    private final List<String> command;
    private final Process process;
    private final Path logFile;

    LabProcess(String label, String namespace, List<String> command, Process process, Path logFile) {
        this.label = label;
        this.namespace = namespace;
        this.command = List.copyOf(command);
        this.process = process;
        this.logFile = logFile;
    }

    public String label() {
        return label;
    }

    /** The namespace it runs in. */
    public String namespace() {
        return namespace;
    }

    public List<String> command() {
        return command;
    }

    /** Its PID (also its process group and session id). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Where its stdout and stderr go. */
    public Path logFile() {
        return logFile;
    }

    /** Everything it printed so far (stdout and stderr interleaved). */
    public String output() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until its output contains {@code text}; false when the time ran out or it died first. */
    public boolean awaitOutput(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) {
                return true;
            }
            if (!isAlive()) {
                return output().contains(text);
            }
            sleep(20);
        }
        return false;
    }

    /** Sends a signal by name (TERM, KILL, HUP, USR1, ...) to this process only. */
    public void signal(String signal) {
        Commands.signal(pid(), signal);
    }

    /** Sends a signal by name to its whole process group. */
    public void signalGroup(String signal) {
        Commands.signal(-pid(), signal);
    }

    /** {@code kill -9} of its whole process group: a crash, no clean-up. */
    public void killGroup() {
        signalGroup("KILL");
    }

    /** Waits for it to exit; its exit code, or empty when still running after {@code timeout}. */
    public java.util.OptionalInt waitFor(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return java.util.OptionalInt.of(process.exitValue());
            }
            return java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalInt.empty();
        }
    }

    /** SIGTERM to the group, then SIGKILL to the group and any descendants after {@code grace}. */
    public void stop(Duration grace) {
        if (isAlive()) {
            signalGroup("TERM");
            if (waitFor(grace).isEmpty()) {
                killGroup();
            }
        }
        Commands.killTree(process.toHandle());
        waitFor(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return label + "[pid " + pid() + " in " + namespace + "]";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
