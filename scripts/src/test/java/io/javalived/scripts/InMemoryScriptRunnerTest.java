package io.javalived.scripts;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The twin passes the same contract; its vocabulary: [exit N], [endless], [kill SIG]. */
class InMemoryScriptRunnerTest extends ScriptRunnerContract {

    @Override
    protected ScriptRunner newRunner() {
        InMemoryScriptRunner r = new InMemoryScriptRunner();
        r.answer(s -> switch (s.argv().getFirst()) {
            case "exit" -> CompletableFuture.completedFuture(new ScriptOutcome.Exited(Integer.parseInt(s.argv().get(1)), ""));
            case "kill" -> CompletableFuture.completedFuture(new ScriptOutcome.Killed(Integer.parseInt(s.argv().get(1)), ""));
            default -> new CompletableFuture<>();
        });
        return r;
    }

    private static Script script(String... argv) {
        return new Script(List.of(argv), new RunAs("test", 1000, 1000));
    }

    @Override
    protected Script exiting(int status) {
        return script("exit", Integer.toString(status));
    }

    @Override
    protected Script endless() {
        return script("endless");
    }

    @Override
    protected Script killedBy(int signal) {
        return script("kill", Integer.toString(signal));
    }
}
