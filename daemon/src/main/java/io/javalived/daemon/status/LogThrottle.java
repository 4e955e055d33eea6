package io.javalived.daemon.status;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * At most one log line per period for one kind of event: {@link #admit()} says whether to write this one and how
 * many were left out since the last line written. Network errors come in bursts (a flood, a scan); the log stays
 * readable. Not thread-safe: one per event loop.
 */
final class LogThrottle {
    private final long periodNanos;
    private final LongSupplier nanoTime;
    private long lastNanos;
    private boolean any;
    private long suppressed;

    LogThrottle(Duration period) {
        this(period, System::nanoTime);
    }

    LogThrottle(Duration period, LongSupplier nanoTime) {
        this.periodNanos = period.toNanos();
        this.nanoTime = nanoTime;
    }

    /** -1 when this event is to be left out; else how many were left out before it (0 or more). */
    long admit() {
        long now = nanoTime.getAsLong();
        if (any && now - lastNanos < periodNanos) {
            suppressed++;
            return -1;
        }
        any = true;
        lastNanos = now;
        long n = suppressed;
        suppressed = 0;
        return n;
    }

    /** " (N more like it since the last line)" or "" for a line just admitted with {@code left} left out before it. */
    static String more(long left) {
        return left > 0 ? " (" + left + " more like it since the last line)" : "";
    }
}
