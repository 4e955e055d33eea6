package io.javalived.daemon.status;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one real server, as the checker subsystem publishes it.
 *
 * @param id             {@code 10.0.0.7:80}
 * @param weight         the configured (or dynamic) weight
 * @param state          the checkers' verdict
 * @param inPool         whether the server is in the kernel's table with a non-zero weight
 * @param lastCheck      the latest checker result, empty before the first
 * @param lastTransition when {@code state} last changed, empty when it never did
 */
public record RealServerStatus(String id, int weight, CheckState state, boolean inPool, Optional<LastCheck> lastCheck,
                               Optional<Instant> lastTransition) {}
