package io.javalived.healthcheck.schedule;

import java.time.Duration;

/**
 * When a checker probes: every delay_loop while settled, every delay_before_retry while retrying a
 * failure, and first at a random point in [0, warmup].
 *
 * @param confirmRecovery HTTP_GET/SSL_GET without fast_recovery (keepalived 2.2.7's epilog): a checker down after
 *                        failures comes back only when a second probe, delay_loop after the first success, passes too
 */
public record CheckTiming(Duration delayLoop, Duration warmup, int retry, Duration delayBeforeRetry,
                          boolean confirmRecovery) {

    public CheckTiming(Duration delayLoop, Duration warmup, int retry, Duration delayBeforeRetry) {
        this(delayLoop, warmup, retry, delayBeforeRetry, false);
    }

    public CheckTiming {
        if (delayLoop.isNegative() || delayLoop.isZero()) {
            throw new IllegalArgumentException("delay_loop must be positive, got " + delayLoop);
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warmup must not be negative, got " + warmup);
        }
        if (retry < 0) {
            throw new IllegalArgumentException("retry must not be negative, got " + retry);
        }
        if (delayBeforeRetry.isNegative()) {
            throw new IllegalArgumentException("delay_before_retry must not be negative, got " + delayBeforeRetry);
        }
    }

    /** keepalived's TCP_CHECK defaults for a given delay_loop: warmup = delay_loop, retry 1, 1 s before retry. */
    public static CheckTiming tcpDefaults(Duration delayLoop) {
        return new CheckTiming(delayLoop, delayLoop, 1, Duration.ofSeconds(1));
    }
}
