package io.javalived.healthcheck.lvs;

import io.javalived.healthcheck.probe.CheckResult;
import io.javalived.healthcheck.probe.Failure;
import io.javalived.healthcheck.probe.Probe;
import io.javalived.healthcheck.probe.Prober;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A prober whose answer per probe the test sets; up unless told otherwise. Counts probes. */
final class ControlledProber implements Prober {

    static final CheckResult UP = CheckResult.Up.after(Duration.ofMillis(1));
    static final CheckResult DOWN = new CheckResult.Down(Duration.ofMillis(1), new Failure.Refused());

    private final Map<Probe, CheckResult> answers = new HashMap<>();
    int probes;
    private final Map<Probe, Integer> perProbe = new HashMap<>();

    /** How many times this probe ran. */
    int probes(Probe probe) {
        return perProbe.getOrDefault(probe, 0);
    }

    void answer(Probe probe, CheckResult result) {
        answers.put(probe, result);
    }

    @Override
    public CompletableFuture<CheckResult> probe(Probe probe) {
        probes++;
        perProbe.merge(probe, 1, Integer::sum);
        return CompletableFuture.completedFuture(answers.getOrDefault(probe, UP));
    }
}
