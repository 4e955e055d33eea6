package io.javalived.daemon.status;

import java.util.Optional;

/** Reloads since start: how many were applied and refused, and the last one. */
public record ReloadStatus(long applied, long refused, Optional<ReloadOutcome> last) {
    public static ReloadStatus none() {
        return new ReloadStatus(0, 0, Optional.empty());
    }
}
