package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.VrrpState;

/**
 * An instance's latest state change, as the engine performed it.
 *
 * @param atNanos the platform's monotonic clock when it happened ({@link VrrpEngine#clockNanos()} is that clock now)
 */
public record StateTransition(VrrpState from, VrrpState to, String reason, long atNanos) {}
