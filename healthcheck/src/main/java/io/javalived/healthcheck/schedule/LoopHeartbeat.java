package io.javalived.healthcheck.schedule;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Proves that a loop still runs: a task on the loop notes the time every {@code period}. Read from any other
 * thread, {@link #stallAge()} is the time since the loop last ran it: about {@code period} at most while the loop
 * turns, and growing without bound while something blocks it (a slow script, a stuck kernel call, a busy
 * handler), because the note is read without going through the loop.
 */
public final class LoopHeartbeat {

    private final CheckScheduler loop;
    private final Supplier<Duration> clock;
    private final Duration period;
    private volatile long lastBeatNanos;
    private volatile boolean running;
    private CheckScheduler.Cancellable timer = () -> { };

    /**
     * @param loop   the loop to watch
     * @param clock  a monotonic clock readable from any thread (not the loop's own tasks)
     * @param period how often the loop notes the time
     */
    public LoopHeartbeat(CheckScheduler loop, Supplier<Duration> clock, Duration period) {
        this.loop = loop;
        this.clock = clock;
        this.period = period;
        this.lastBeatNanos = clock.get().toNanos();
    }

    /** Starts noting the time on the loop (the first note at once). */
    public void start() {
        running = true;
        loop.execute(this::beat);
    }

    public void stop() {
        running = false;
        loop.execute(() -> timer.cancel());
    }

    private void beat() {
        lastBeatNanos = clock.get().toNanos();
        if (running) {
            timer = loop.schedule(period, this::beat);
        }
    }

    /** Time since the loop last ran its note; never negative. */
    public Duration stallAge() {
        return Duration.ofNanos(Math.max(0, clock.get().toNanos() - lastBeatNanos));
    }

    public Duration period() {
        return period;
    }
}
