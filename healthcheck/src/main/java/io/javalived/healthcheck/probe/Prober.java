package io.javalived.healthcheck.probe;

import java.util.concurrent.CompletableFuture;

/**
 * Runs one probe. Implementations never block the caller and always complete the future, with a
 * {@link CheckResult} (never exceptionally), within the probe's own timeout plus scheduling noise.
 */
@FunctionalInterface
public interface Prober {
    CompletableFuture<CheckResult> probe(Probe probe);
}
