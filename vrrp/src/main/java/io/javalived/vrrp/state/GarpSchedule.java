package io.javalived.vrrp.state;

import java.time.Duration;

/**
 * Gratuitous ARP / unsolicited NA timing (reference section 2.5). On becoming MASTER: {@code repeat} per VIP at
 * once, another batch after {@code delay} (zero: none), then {@code refreshRepeat} every {@code refresh} (zero:
 * never). When a MASTER hears a lower-priority advert ({@code garp_lower_prio_*}): {@code lowerPrioRepeat} per VIP
 * at once (zero: none) and another batch after {@code lowerPrioDelay} (zero: none).
 */
public record GarpSchedule(Duration delay, int repeat, Duration refresh, int refreshRepeat,
                           Duration lowerPrioDelay, int lowerPrioRepeat) {
    public static final GarpSchedule KEEPALIVED_DEFAULTS = new GarpSchedule(Duration.ofSeconds(5), 5, Duration.ZERO, 1);

    public GarpSchedule {
        if (repeat < 0 || refreshRepeat < 0 || lowerPrioRepeat < 0) {
            throw new IllegalArgumentException("GARP repeat counts must not be negative");
        }
        if (delay.isNegative() || refresh.isNegative() || lowerPrioDelay.isNegative()) {
            throw new IllegalArgumentException("GARP delays must not be negative");
        }
    }

    /** The lower-priority batches follow the master ones, as keepalived's defaults do. */
    public GarpSchedule(Duration delay, int repeat, Duration refresh, int refreshRepeat) {
        this(delay, repeat, refresh, refreshRepeat, delay, repeat);
    }
}
