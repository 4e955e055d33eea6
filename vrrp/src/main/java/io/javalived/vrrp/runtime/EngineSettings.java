package io.javalived.vrrp.runtime;

import java.time.Duration;

/**
 * The global_defs settings of the whole VRRP side (not of one instance).
 *
 * @param startupDelay    {@code vrrp_startup_delay}: no instance becomes MASTER before this has passed since the
 *                        start (and then its Master_Down_Interval)
 * @param garpInterval    {@code vrrp_garp_interval}: the least time between two gratuitous ARPs on one interface
 * @param gnaInterval     {@code vrrp_gna_interval}: the same for unsolicited neighbour advertisements
 * @param logUnknownVrids {@code log_unknown_vrids}: an advert for a VRID no instance on its interface has is logged
 */
public record EngineSettings(Duration startupDelay, Duration garpInterval, Duration gnaInterval, boolean logUnknownVrids) {
    public static final EngineSettings DEFAULTS = new EngineSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO, false);

    public EngineSettings {
        if (startupDelay.isNegative() || garpInterval.isNegative() || gnaInterval.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }
}
