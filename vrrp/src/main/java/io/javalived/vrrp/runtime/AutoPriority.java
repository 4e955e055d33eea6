package io.javalived.vrrp.runtime;

import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's {@code max_auto_priority} and {@code min_auto_priority_delay}, for the VRRP loop's thread: when a
 * timer fires more than the delay (default 1 s) after it was due, it logs "A thread timer expired S seconds ago"
 * and, when {@code max_auto_priority} is set, raises the thread to SCHED_RR: the lowest realtime priority the first
 * time, one more each time after, never above the maximum ("Set realtime priority N"), as keepalived 2.2.7 does
 * for its VRRP process. Lives on the loop thread.
 */
final class AutoPriority {
    private static final Logger log = LoggerFactory.getLogger(AutoPriority.class);

    /** keepalived's default min_auto_priority_delay. */
    static final Duration DEFAULT_DELAY = Duration.ofSeconds(1);

    private final RealtimePriority realtime;
    private volatile int maxPriority;
    private volatile long minDelayNanos = DEFAULT_DELAY.toNanos();
    private int current;

    AutoPriority(RealtimePriority realtime) {
        this.realtime = realtime;
    }

    /**
     * @param maxPriority {@code max_auto_priority}: 0 or -1 never raises the thread
     * @param minDelay    {@code min_auto_priority_delay}
     */
    void configure(int maxPriority, Duration minDelay) {
        this.maxPriority = Math.max(0, maxPriority);
        this.minDelayNanos = minDelay.toNanos();
    }

    /** The SCHED_RR priority the thread runs at, 0 while it has never been raised. */
    int current() {
        return current;
    }

    /** A timer due {@code lateNanos} ago has just fired, on the loop thread. */
    /** On the loop thread as it starts: its sleeps end on time (no timer slack in front of each advert). */
    void loopStarted() {
        try {
            realtime.preciseTimers();
        } catch (RuntimeException e) {
            log.debug("VRRP thread timer slack unchanged: {}", e.getMessage());
        }
    }

    void fired(long lateNanos) {
        if (lateNanos <= minDelayNanos) return;
        log.info(String.format(Locale.ROOT, "A thread timer expired %d.%06d seconds ago",
                lateNanos / 1_000_000_000L, lateNanos % 1_000_000_000L / 1000));
        int max = maxPriority;
        if (max == 0) return;
        int next;
        try {
            next = current == 0 ? realtime.min() : current + 1;
            if (current >= Math.min(max, realtime.max())) return;
            realtime.raiseCurrentThread(next);
        } catch (NetworkActionException e) {
            log.warn("VRRP thread: cannot raise priority ({})", e.getMessage());
            return;
        }
        current = next;
        log.info("Set realtime priority {}", current);
    }
}
