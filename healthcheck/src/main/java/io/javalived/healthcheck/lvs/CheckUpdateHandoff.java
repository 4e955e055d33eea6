package io.javalived.healthcheck.lvs;

import io.javalived.healthcheck.probe.CheckResult;
import io.javalived.healthcheck.schedule.CheckScheduler;
import io.javalived.healthcheck.schedule.CheckUpdate;
import io.javalived.healthcheck.schedule.EpollLoop;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Carries check updates from the checkers' thread to the reconciler's without waking it for every probe.
 * An update that can change the table (a checker went up or down, a misc_dynamic weight) is handed over at
 * once, as before. A routine one (the server is still up, or a failure still inside its retries) changes only
 * what status shows, so it waits in its checker's slot, where a newer one replaces it, and the slots are
 * drained together at most {@link #ROUTINE_DELAY} later (or sooner, when status is read): with 10,000 checks a
 * second the reconciler then wakes a few times a second instead of 10,000 (each wake-up is a futex call on the
 * checkers' thread and a context switch). Each update keeps the time it arrived (on the checkers' loop, the start of
 * the loop turn it came in: no clock reading per probe), so status shows that time.
 * An urgent update empties its checker's slot first, so an older routine one is never applied after it.
 */
final class CheckUpdateHandoff {

    static final Duration ROUTINE_DELAY = Duration.ofMillis(200);

    /** What the reconciler does with one update, on its own thread. */
    @FunctionalInterface
    interface Sink {
        void accept(CheckUpdate update, Duration arrived);
    }

    private record Stamped(CheckUpdate update, Duration arrived) {
    }

    /** One subscription's latest routine update, waiting to be drained. */
    final class Slot {
        private final Sink sink;
        private final AtomicReference<Stamped> waiting = new AtomicReference<>();

        private Slot(Sink sink) {
            this.sink = sink;
        }

        /** Called on the checkers' thread for every update of this subscription. */
        void offer(CheckUpdate update) {
            Stamped stamped = new Stamped(update, scheduler.at(EpollLoop.recentNanos()));
            if (urgent(update)) {
                waiting.set(null);
                scheduler.execute(() -> sink.accept(stamped.update, stamped.arrived));
                return;
            }
            if (waiting.getAndSet(stamped) == null) {
                dirty.add(this);
                if (drainScheduled.compareAndSet(false, true)) {
                    scheduler.schedule(ROUTINE_DELAY, CheckUpdateHandoff.this::drain);
                }
            }
        }

        private void drain() {
            Stamped stamped = waiting.getAndSet(null);
            if (stamped != null) {
                sink.accept(stamped.update, stamped.arrived);
            }
        }
    }

    private final CheckScheduler scheduler;
    private final ConcurrentLinkedQueue<Slot> dirty = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    /** {@code scheduler}: the reconciler's; its {@code now()} is also read on the checkers' thread. */
    CheckUpdateHandoff(CheckScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** A slot for one subscription; its updates go to {@code sink} on the reconciler's thread. */
    Slot slot(Sink sink) {
        return new Slot(sink);
    }

    /** Applies every waiting routine update now; call on the reconciler's thread (before status is read). */
    void drain() {
        drainScheduled.set(false);
        for (Slot slot; (slot = dirty.poll()) != null; ) {
            slot.drain();
        }
    }

    static boolean urgent(CheckUpdate update) {
        return update.transition().isPresent()
                || update.result() instanceof CheckResult.Up up && up.dynamicWeight().isPresent();
    }
}
