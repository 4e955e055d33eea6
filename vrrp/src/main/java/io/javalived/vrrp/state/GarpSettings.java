package io.javalived.vrrp.state;

import java.time.Duration;

/**
 * Gratuitous ARP / unsolicited NA timing on becoming MASTER (reference section 2.5): {@code repeat} per VIP
 * at once, another batch after {@code delay} (zero: none), then {@code refreshRepeat} every
 * {@code refresh} (zero: never).
 */
public record GarpSettings(Duration delay, int repeat, Duration refresh, int refreshRepeat) {
    public static final GarpSettings KEEPALIVED_DEFAULTS = new GarpSettings(Duration.ofSeconds(5), 5, Duration.ZERO, 1);

    public GarpSettings {
        if (repeat < 0 || refreshRepeat < 0) throw new IllegalArgumentException("GARP repeat counts must not be negative");
        if (delay.isNegative() || refresh.isNegative()) throw new IllegalArgumentException("GARP delays must not be negative");
    }
}
