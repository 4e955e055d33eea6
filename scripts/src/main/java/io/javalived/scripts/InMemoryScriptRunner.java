package io.javalived.scripts;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The runner's twin for unit tests: records each run and answers it from a function of the script (default:
 * exit 0 at once). A future the function leaves open is a script still running: the timeout and
 * {@link #close()} end it as the real runner would ({@link ScriptOutcome.TimedOut}, {@link ScriptOutcome.Stopped}).
 */
public final class InMemoryScriptRunner implements ScriptRunner {

    /** One recorded run. */
    public record Run(Script script, Optional<Duration> timeout) {}

    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<ScriptOutcome>> pending = new CopyOnWriteArrayList<>();
    private volatile Function<Script, CompletableFuture<ScriptOutcome>> answers =
            s -> CompletableFuture.completedFuture(new ScriptOutcome.Exited(0, ""));
    private volatile boolean closed;

    /** How scripts answer from now on. */
    public void answer(Function<Script, CompletableFuture<ScriptOutcome>> answers) {
        this.answers = answers;
    }

    /** Every run so far, in order. */
    public List<Run> runs() {
        return List.copyOf(runs);
    }

    @Override
    public CompletableFuture<ScriptOutcome> run(Script script, Optional<Duration> timeout) {
        if (closed) return CompletableFuture.completedFuture(new ScriptOutcome.NotStarted("the script runner is stopped"));
        runs.add(new Run(script, timeout));
        CompletableFuture<ScriptOutcome> answer = answers.apply(script);
        if (answer.isDone()) return answer;
        CompletableFuture<ScriptOutcome> result = new CompletableFuture<>();
        answer.whenComplete((o, e) -> {
            if (e != null) result.completeExceptionally(e); else result.complete(o);
        });
        timeout.ifPresent(t -> result.completeOnTimeout(new ScriptOutcome.TimedOut(t, ""), t.toNanos(), TimeUnit.NANOSECONDS));
        pending.add(result);
        result.whenComplete((o, e) -> pending.remove(result));
        return result;
    }

    @Override
    public void close() {
        closed = true;
        for (CompletableFuture<ScriptOutcome> f : pending) f.complete(new ScriptOutcome.Stopped(""));
    }
}
