package io.javalived.healthcheck.schedule;

import java.time.Duration;

/**
 * The clock and timer the checkers run on: Netty's event loop in production
 * ({@link EventLoopScheduler}), a virtual clock in tests ({@link VirtualScheduler}). All check state is
 * touched only from tasks this scheduler runs, so it needs no locks.
 */
public interface CheckScheduler {

    /** Monotonic time since an arbitrary origin. */
    Duration now();

    /**
     * {@link #now()} for a {@link System#nanoTime()} reading taken moments ago ({@link EpollLoop#recentNanos()}), so a
     * caller that has one need not read the clock again (where the clock is a system call, as in a VM without a stable
     * TSC, that is one call less). A clock of its own (a virtual one) may answer {@link #now()}.
     */
    default Duration at(long nanoTime) {
        return now();
    }

    /** Runs {@code task} on the scheduler's thread after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} on the scheduler's thread as soon as possible. */
    void execute(Runnable task);

    /** A scheduled task that can be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
