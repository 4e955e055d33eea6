package io.javalived.scripts;

import java.util.List;

/** The contract on real processes (sh). */
class ProcessScriptRunnerContractTest extends ScriptRunnerContract {

    @Override
    protected ScriptRunner newRunner() {
        return new ProcessScriptRunner();
    }

    private static Script sh(String code) {
        return Script.asDaemon(List.of("/bin/sh", "-c", code));
    }

    @Override
    protected Script exiting(int status) {
        return sh("exit " + status);
    }

    @Override
    protected Script endless() {
        return sh("exec sleep 300");
    }

    @Override
    protected Script killedBy(int signal) {
        return sh("kill -" + signal + " $$");
    }
}
