package io.javalived.scripts;

import java.time.Duration;

/**
 * How a script run ended. Death by a signal is reported apart from an exit status (a script that exits 137
 * is not one killed by SIGKILL); a run the runner ended because its timeout passed is {@link TimedOut}.
 */
public sealed interface ScriptOutcome {

    /** The start of what the script wrote on stdout and stderr (bounded; see {@link ProcessScriptRunner}). */
    String output();

    /** One phrase for logs: "exited with status 2", "killed by signal 9", "timed out after 1000 ms". */
    String describe();

    /** Exit status 0. */
    default boolean succeeded() {
        return this instanceof Exited e && e.status() == 0;
    }

    /** The script called exit(status). */
    record Exited(int status, String output) implements ScriptOutcome {
        public String describe() {
            return "exited with status " + status;
        }
    }

    /** The script died by a signal nobody sent for a timeout or a stop (it killed itself, the OOM killer, an admin). */
    record Killed(int signal, String output) implements ScriptOutcome {
        public String describe() {
            return "killed by signal " + signal;
        }
    }

    /** The timeout passed: the runner killed the script's process group. */
    record TimedOut(Duration after, String output) implements ScriptOutcome {
        public String describe() {
            return "timed out after " + after.toMillis() + " ms";
        }
    }

    /** Ended by the runner's stop (daemon shutdown or reload): its process group was killed. */
    record Stopped(String output) implements ScriptOutcome {
        public String describe() {
            return "killed at stop";
        }
    }

    /** The program could not be started (missing helper, runner stopped, no permission to change user). */
    record NotStarted(String reason) implements ScriptOutcome {
        public String output() {
            return "";
        }

        public String describe() {
            return "could not start: " + reason;
        }
    }
}
