package io.javalived.parser.model;

import java.time.Duration;

/**
 * Gratuitous ARP / unsolicited NA settings of an instance, resolved from the instance's {@code garp_*}
 * keywords, else the {@code global_defs vrrp_garp_*} ones, else keepalived's defaults:
 * master delay 5 s, master repeat 5, refresh 0 (off), refresh repeat 1, lower-priority delay and repeat
 * equal to the master ones, interval 0 (GARP) and 0 (GNA, the IPv6 interval).
 */
public record GarpSettings(Duration masterDelay, int masterRepeat, Duration masterRefresh, int masterRefreshRepeat,
                           Duration lowerPrioDelay, int lowerPrioRepeat, Duration interval, Duration gnaInterval) {

    public static final GarpSettings KEEPALIVED_DEFAULTS = new GarpSettings(Duration.ofSeconds(5), 5, Duration.ZERO, 1,
            Duration.ofSeconds(5), 5, Duration.ZERO, Duration.ZERO);
}
