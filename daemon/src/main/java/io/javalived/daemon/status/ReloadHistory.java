package io.javalived.daemon.status;

import java.util.Optional;

/** Counts reload outcomes and keeps the last. Thread-safe. */
public final class ReloadHistory {
    private long applied;
    private long refused;
    private ReloadOutcome last;

    public synchronized void record(ReloadOutcome outcome) {
        if (outcome.applied()) {
            applied++;
        } else {
            refused++;
        }
        last = outcome;
    }

    public synchronized ReloadStatus status() {
        return new ReloadStatus(applied, refused, Optional.ofNullable(last));
    }
}
