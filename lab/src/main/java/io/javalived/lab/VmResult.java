package io.javalived.lab;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a command run inside the VM left behind.
 *
 * @param command     the command as run in the guest
 * @param exitCode    its exit status; 124 when the time limit ran out, 125 when the VM itself failed
 * @param stdout      its standard output
 * @param stderr      its standard error (plus vm-run's own notes, each starting with "vm-run:")
 * @param elapsed     wall time of the whole run on the host (boot, command, power-off)
 * @param bootToReady time from starting qemu to the guest being ready to run the command, when known
 */
public record VmResult(List<String> command, int exitCode, String stdout, String stderr, Duration elapsed,
                       Optional<Duration> bootToReady) {

    public VmResult {
        command = List.copyOf(command);
    }

    public boolean ok() {
        return exitCode == 0;
    }

    /** The time limit ran out and qemu was killed. */
    public boolean timedOut() {
        return exitCode == 124 && stderr.contains("vm-run: timed out");
    }

    /** Why the VM could not run the command (vm-run's one-line error), if that is what happened. */
    public Optional<String> vmError() {
        if (exitCode != 125) {
            return Optional.empty();
        }
        return stderr.lines().filter(l -> l.startsWith("vm-run: ") && !l.startsWith("vm-run: boot-to-ready"))
                .reduce((a, b) -> b);
    }

    /** Returns this result when {@link #ok()}, else throws a {@link LabException} that shows the output. */
    public VmResult orThrow() {
        if (!ok()) {
            throw new LabException(describe());
        }
        return this;
    }

    public String describe() {
        var sb = new StringBuilder("in the VM: ").append(String.join(" ", command));
        sb.append(timedOut() ? " timed out" : " exited with " + exitCode);
        if (!stdout.isBlank()) {
            sb.append("\n--- stdout ---\n").append(stdout.strip());
        }
        if (!stderr.isBlank()) {
            sb.append("\n--- stderr ---\n").append(stderr.strip());
        }
        return sb.toString();
    }
}
