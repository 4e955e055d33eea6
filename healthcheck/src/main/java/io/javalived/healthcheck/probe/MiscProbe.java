package io.javalived.healthcheck.probe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * MISC_CHECK: run a program (argv, no shell unless the argv itself is a shell), kill it after
 * misc_timeout. Exit 0 up, 1 down, 2..255 up; with misc_dynamic the weight becomes exit code - 2.
 */
public record MiscProbe(List<String> command, Duration timeout, boolean dynamic) implements Probe {

    public MiscProbe {
        if (command.isEmpty() || command.getFirst().isBlank()) {
            throw new IllegalArgumentException("misc_path is empty");
        }
        command = List.copyOf(command);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("misc_timeout must be positive, got " + timeout);
        }
    }

    public String kind() {
        return "MISC_CHECK";
    }

    public String describe() {
        return String.join(" ", command);
    }
}
