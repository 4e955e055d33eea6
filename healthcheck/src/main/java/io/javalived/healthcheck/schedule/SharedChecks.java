package io.javalived.healthcheck.schedule;

import io.javalived.healthcheck.probe.Prober;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Beyond keepalived: one running check per distinct {@link CheckSpec}. Real servers that name the same
 * target with the same check (typically one web server behind several virtual servers) subscribe to the
 * same runner, so the server is probed once and every subscriber sees the same result.
 */
public final class SharedChecks {

    private final Prober prober;
    private final CheckScheduler scheduler;
    private final RandomGenerator random;
    private final Map<CheckSpec, CheckRunner> runners = new HashMap<>();

    public SharedChecks(Prober prober, CheckScheduler scheduler, RandomGenerator random) {
        this.prober = prober;
        this.scheduler = scheduler;
        this.random = random;
    }

    /** Subscribes to the check with this spec, starting it if nobody runs it yet. */
    public synchronized Subscription subscribe(CheckSpec spec, Consumer<CheckUpdate> subscriber) {
        CheckRunner runner = runners.get(spec);
        boolean fresh = runner == null;
        if (fresh) {
            runner = new CheckRunner(spec, prober, scheduler);
            runners.put(spec, runner);
        }
        runner.subscribe(subscriber);
        if (fresh) {
            runner.start(random);
        }
        CheckRunner subscribed = runner;
        return () -> unsubscribe(subscribed, subscriber);
    }

    private synchronized void unsubscribe(CheckRunner runner, Consumer<CheckUpdate> subscriber) {
        if (runner.unsubscribe(subscriber)) {
            runner.stop();
            runners.remove(runner.spec());
        }
    }

    /** How many distinct checks are running. */
    public synchronized int running() {
        return runners.size();
    }

    /** The runner for a spec, if running (status and tests). */
    public synchronized java.util.Optional<CheckRunner> runner(CheckSpec spec) {
        return java.util.Optional.ofNullable(runners.get(spec));
    }

    public synchronized void stopAll() {
        runners.values().forEach(CheckRunner::stop);
        runners.clear();
    }

    /** A subscription to a shared check. */
    @FunctionalInterface
    public interface Subscription {
        void cancel();
    }
}
