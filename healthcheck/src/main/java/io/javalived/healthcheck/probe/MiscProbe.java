package io.javalived.healthcheck.probe;

import io.javalived.scripts.Script;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * MISC_CHECK: run a program (argv, no shell unless the argv itself is a shell) as its script user, kill its
 * process group after misc_timeout. Exit 0 up; with misc_dynamic 2..255 up too, weight exit code - 2;
 * anything else (another status, death by a signal, the timeout) down.
 */
public record MiscProbe(Script script, Duration timeout, boolean dynamic) implements Probe {

    public MiscProbe {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("misc_timeout must be positive, got " + timeout);
        }
    }

    /** A program run as the daemon's own user (tests). */
    public MiscProbe(List<String> command, Duration timeout, boolean dynamic) {
        this(Script.asDaemon(command), timeout, dynamic);
    }

    public List<String> command() {
        return script.argv();
    }

    public String kind() {
        return "MISC_CHECK";
    }

    public String describe() {
        return script.commandLine();
    }
}
