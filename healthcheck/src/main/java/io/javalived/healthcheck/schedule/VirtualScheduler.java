package io.javalived.healthcheck.schedule;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * The in-memory twin of {@link EventLoopScheduler}: a virtual clock that only moves when a test calls
 * {@link #advance}, running due tasks in time order (ties in scheduling order). Single-threaded.
 */
public final class VirtualScheduler implements CheckScheduler {

    private record Timer(long atNanos, long seq, Runnable task) {
    }

    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.atNanos != b.atNanos
            ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.seq, b.seq));
    private long nowNanos;
    private long seq;

    @Override
    public Duration now() {
        return Duration.ofNanos(nowNanos);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Timer timer = new Timer(nowNanos + Math.max(0, delay.toNanos()), seq++, task);
        timers.add(timer);
        return () -> timers.remove(timer);
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    /** Moves the clock forward by {@code by}, running every task that falls due on the way. */
    public void advance(Duration by) {
        advanceTo(nowNanos + by.toNanos());
    }

    /** Moves the clock to {@code time} (since the origin), running every task due by then. */
    public void advanceTo(long timeNanos) {
        while (!timers.isEmpty() && timers.peek().atNanos <= timeNanos) {
            Timer next = timers.poll();
            nowNanos = Math.max(nowNanos, next.atNanos);
            next.task.run();
        }
        nowNanos = Math.max(nowNanos, timeNanos);
    }

    /** How many timers are waiting (for tests that check nothing leaks). */
    public int pending() {
        return timers.size();
    }
}
