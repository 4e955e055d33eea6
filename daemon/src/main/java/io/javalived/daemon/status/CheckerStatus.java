package io.javalived.daemon.status;

import java.time.Instant;
import java.util.Optional;

/**
 * One checker of a real server.
 *
 * @param kind           {@code TCP_CHECK}, {@code HTTP_GET}, {@code SSL_GET}, {@code MISC_CHECK}, {@code UDP_CHECK}
 * @param target         what it probes ({@code 10.0.0.7:80}, a script's command line)
 * @param state          its verdict: UP or DOWN
 * @param lastCheck      its latest result, empty before the first
 * @param lastTransition when its verdict last changed, empty when it never did
 */
public record CheckerStatus(String kind, String target, CheckState state, Optional<LastCheck> lastCheck,
                            Optional<Instant> lastTransition) {
    public CheckerStatus {
        lastCheck = lastCheck == null ? Optional.empty() : lastCheck;
        lastTransition = lastTransition == null ? Optional.empty() : lastTransition;
    }
}
