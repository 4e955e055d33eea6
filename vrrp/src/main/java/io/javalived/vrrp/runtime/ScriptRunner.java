package io.javalived.vrrp.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs an external command without blocking the caller; completes with its exit status (timeout: -1). */
public interface ScriptRunner {
    CompletableFuture<Integer> run(List<String> argv, Duration timeout);
}
