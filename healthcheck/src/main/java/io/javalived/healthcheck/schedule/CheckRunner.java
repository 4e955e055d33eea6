package io.javalived.healthcheck.schedule;

import io.javalived.healthcheck.probe.CheckResult;
import io.javalived.healthcheck.probe.Failure;
import io.javalived.healthcheck.probe.Prober;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one check forever: first probe at a random point within warmup, then as {@link CheckerState}
 * says; every result goes to the subscribers on the scheduler's thread. Never more than one probe of
 * a check in flight.
 */
public final class CheckRunner {

    private static final Logger log = LoggerFactory.getLogger(CheckRunner.class);

    private final CheckSpec spec;
    private final Prober prober;
    private final CheckScheduler scheduler;
    private final List<Consumer<CheckUpdate>> subscribers = new CopyOnWriteArrayList<>();
    private CheckerState state;
    private CheckScheduler.Cancellable timer = () -> { };
    private boolean running;
    private long probes;

    public CheckRunner(CheckSpec spec, Prober prober, CheckScheduler scheduler) {
        this.spec = spec;
        this.prober = prober;
        this.scheduler = scheduler;
        this.state = CheckerState.initial(spec.alpha());
    }

    public CheckSpec spec() {
        return spec;
    }

    /** The current state; read it on the scheduler's thread. */
    public CheckerState state() {
        return state;
    }

    public long probes() {
        return probes;
    }

    public void subscribe(Consumer<CheckUpdate> subscriber) {
        subscribers.add(subscriber);
    }

    /** Removes a subscriber; true when none is left. */
    public boolean unsubscribe(Consumer<CheckUpdate> subscriber) {
        subscribers.remove(subscriber);
        return subscribers.isEmpty();
    }

    /** Starts probing: the first probe after a random delay in [0, warmup]. */
    public void start(RandomGenerator random) {
        scheduler.execute(() -> {
            if (running) {
                return;
            }
            running = true;
            long warmup = spec.timing().warmup().toNanos();
            Duration first = Duration.ofNanos(warmup == 0 ? 0 : random.nextLong(warmup + 1));
            timer = scheduler.schedule(first, this::probe);
        });
    }

    public void stop() {
        scheduler.execute(() -> {
            running = false;
            timer.cancel();
        });
    }

    private void probe() {
        if (!running) {
            return;
        }
        probes++;
        prober.probe(spec.probe()).whenComplete((result, error) -> scheduler.execute(() -> {
            CheckResult r = result != null ? result
                    : new CheckResult.Down(Duration.ZERO, new Failure.IoError("checker failed: " + error));
            onResult(r);
        }));
    }

    private void onResult(CheckResult result) {
        if (!running) {
            return;
        }
        CheckerState.Step step = state.on(result, spec.timing());
        step.transition().ifPresent(t -> log(t, result));
        if (step.transition().isEmpty() && !result.isUp() && step.next().up()) {
            log.info("{} on service {} failed ({}); retry {} of {} in {} ms", spec.probe().kind(), spec.probe().describe(), result,
                    step.next().failures(), spec.timing().retry(), step.nextProbeIn().toMillis());
        }
        if (step.next().down() == CheckerState.Down.CONFIRMING && state.down() != CheckerState.Down.CONFIRMING) {
            log.info("{} on service {} succeeded ({}); without fast_recovery it is checked again in {} ms before it is up",
                    spec.probe().kind(), spec.probe().describe(), result, step.nextProbeIn().toMillis());
        }
        state = step.next();
        timer = scheduler.schedule(step.nextProbeIn(), this::probe);
        CheckUpdate update = new CheckUpdate(spec, result, state, step.transition());
        for (Consumer<CheckUpdate> s : subscribers) {
            try {
                s.accept(update);
            } catch (RuntimeException e) {
                log.error("subscriber of {} failed on {}", spec, update, e);
            }
        }
    }

    private void log(CheckerState.Transition t, CheckResult result) {
        if (t == CheckerState.Transition.WENT_UP) {
            log.info("{} on service {} succeeded ({})", spec.probe().kind(), spec.probe().describe(), result);
        } else {
            log.warn("{} on service {} failed ({})", spec.probe().kind(), spec.probe().describe(), result);
        }
    }
}
