package io.javalived.daemon.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one real server, as the checker subsystem publishes it.
 *
 * @param id               {@code 10.0.0.7:80}
 * @param configuredWeight the weight in the configuration
 * @param weight           the weight it runs with (a MISC_CHECK with misc_dynamic may change it)
 * @param state            the checkers' verdict (UP only when every checker says up)
 * @param inPool           whether the server is in the kernel's table with a non-zero weight
 * @param lastCheck        the latest checker result that explains the state (a failing checker's first), empty
 *                         before the first
 * @param lastTransition   when {@code state} last changed, empty when it never did
 * @param checkers         each checker of the real server, in configuration order
 */
public record RealServerStatus(String id, int configuredWeight, int weight, CheckState state, boolean inPool,
                               Optional<LastCheck> lastCheck, Optional<Instant> lastTransition, List<CheckerStatus> checkers) {
    public RealServerStatus {
        lastCheck = lastCheck == null ? Optional.empty() : lastCheck;
        lastTransition = lastTransition == null ? Optional.empty() : lastTransition;
        checkers = checkers == null ? List.of() : List.copyOf(checkers);
    }

    /** One checker's view, without per-checker detail (publishers that do not have it). */
    public RealServerStatus(String id, int weight, CheckState state, boolean inPool, Optional<LastCheck> lastCheck,
                            Optional<Instant> lastTransition) {
        this(id, weight, weight, state, inPool, lastCheck, lastTransition, List.of());
    }
}
