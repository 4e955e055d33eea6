package io.javalived.lab;

import java.util.List;

/**
 * What a finished command left behind: its exit code and what it printed.
 *
 * @param command  the command as run (for messages)
 * @param exitCode the exit status; -1 when it was killed for running past its time limit
 * @param stdout   standard output
 * @param stderr   standard error
 * @param timedOut true when the time limit ran out and the command was killed
 */
public record ExecResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut) {

    public ExecResult {
        command = List.copyOf(command);
    }

    /** True when the command exited with status 0 in time. */
    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /** Returns this result when {@link #ok()}, else throws a {@link LabException} that shows the output. */
    public ExecResult orThrow() {
        if (!ok()) {
            throw new LabException(describe());
        }
        return this;
    }

    /** One paragraph for a failure message: the command, its status and its output. */
    public String describe() {
        var sb = new StringBuilder();
        sb.append(String.join(" ", command));
        sb.append(timedOut ? " timed out" : " exited with " + exitCode);
        if (!stdout.isBlank()) {
            sb.append("\n--- stdout ---\n").append(stdout.strip());
        }
        if (!stderr.isBlank()) {
            sb.append("\n--- stderr ---\n").append(stderr.strip());
        }
        return sb.toString();
    }
}
