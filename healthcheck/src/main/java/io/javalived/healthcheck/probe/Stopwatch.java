package io.javalived.healthcheck.probe;

import java.time.Duration;

/** Measures a probe's latency on the monotonic clock. */
record Stopwatch(long startNanos) {
    static Stopwatch start() {
        return new Stopwatch(System.nanoTime());
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
