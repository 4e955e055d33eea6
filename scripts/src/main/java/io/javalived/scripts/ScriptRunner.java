package io.javalived.scripts;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs every external program javalived starts: vrrp_script, notify scripts, the notify FIFOs' script,
 * MISC_CHECK, quorum_up/down and notify_up/down. Nothing waits for a script: the future completes when it
 * ends. The real one is {@link ProcessScriptRunner}; {@link InMemoryScriptRunner} is its twin for unit tests.
 */
public interface ScriptRunner extends AutoCloseable {

    /**
     * Starts {@code script}. With a timeout, the script's process group is killed when it runs out
     * ({@link ScriptOutcome.TimedOut}); without one it runs until it ends or until {@link #close()}.
     */
    CompletableFuture<ScriptOutcome> run(Script script, Optional<Duration> timeout);

    /** {@link #run(Script, Optional)} with a timeout. */
    default CompletableFuture<ScriptOutcome> run(Script script, Duration timeout) {
        return run(script, Optional.of(timeout));
    }

    /**
     * Stops: every running script's process group (and the group of any script whose children outlived it)
     * gets SIGTERM, then SIGKILL a second later; their futures complete with {@link ScriptOutcome.Stopped}.
     * Later runs complete with {@link ScriptOutcome.NotStarted}. Returns when they are gone (at most ~1 s).
     */
    @Override
    void close();
}
