package io.javalived.healthcheck.lvs;

import java.util.List;

/**
 * Runs notify_up, notify_down, quorum_up and quorum_down scripts without waiting for them. The real one
 * starts processes ({@link ProcessScriptRunner}); tests record the calls.
 */
@FunctionalInterface
public interface ScriptRunner {
    void run(String why, List<String> argv);
}
