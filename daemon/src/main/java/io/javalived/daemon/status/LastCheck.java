package io.javalived.daemon.status;

import java.time.Instant;

/**
 * The last result of a real server's checker.
 *
 * @param checker   {@code TCP_CHECK 10.0.0.7:80}
 * @param success   whether the check passed
 * @param reason    {@code ok}, {@code connection refused}, {@code timeout after 3s}, {@code status 503}, ...
 * @param latencyMs from the start of the check to its result
 * @param at        when the result came
 */
public record LastCheck(String checker, boolean success, String reason, double latencyMs, Instant at) {}
