package io.javalived.healthcheck.schedule;

import io.javalived.healthcheck.probe.CheckResult;
import io.javalived.healthcheck.probe.Failure;
import io.javalived.healthcheck.probe.Probe;
import io.javalived.healthcheck.probe.Prober;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A prober for unit tests: answers from a script (up/down), each after a virtual latency, and records when it was asked. */
final class ScriptedProber implements Prober {

    static final CheckResult UP = CheckResult.Up.after(Duration.ofMillis(1));
    static final CheckResult DOWN = new CheckResult.Down(Duration.ofMillis(1), new Failure.Refused());

    private final VirtualScheduler clock;
    private final Deque<CheckResult> script = new ArrayDeque<>();
    private final Duration latency;
    private CheckResult otherwise;
    final List<Duration> probedAt = new ArrayList<>();

    ScriptedProber(VirtualScheduler clock, Duration latency, CheckResult otherwise) {
        this.clock = clock;
        this.latency = latency;
        this.otherwise = otherwise;
    }

    ScriptedProber then(CheckResult... results) {
        script.addAll(List.of(results));
        return this;
    }

    /** From now on, answer this once the script is used up. */
    void always(CheckResult result) {
        script.clear();
        otherwise = result;
    }

    @Override
    public CompletableFuture<CheckResult> probe(Probe probe) {
        probedAt.add(clock.now());
        CheckResult r = script.isEmpty() ? otherwise : script.poll();
        CompletableFuture<CheckResult> f = new CompletableFuture<>();
        clock.schedule(latency, () -> f.complete(r));
        return f;
    }
}
