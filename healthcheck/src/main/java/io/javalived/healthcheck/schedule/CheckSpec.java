package io.javalived.healthcheck.schedule;

import io.javalived.healthcheck.probe.Probe;
import java.util.Objects;

/**
 * Everything that decides what a checker observes: the probe (target and check details), its timing
 * and whether it starts down (alpha). Two real servers (behind different virtual servers) with equal
 * specs share one running check.
 */
public record CheckSpec(Probe probe, CheckTiming timing, boolean alpha) {
    public CheckSpec {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(timing, "timing");
    }

    @Override
    public String toString() {
        return probe.kind() + " on " + probe.describe();
    }
}
