package io.javalived.healthcheck.schedule;

import io.javalived.healthcheck.probe.CheckResult;
import java.util.Optional;

/** What a running check tells its subscribers after each probe. */
public record CheckUpdate(CheckSpec spec, CheckResult result, CheckerState state,
                          Optional<CheckerState.Transition> transition) {
}
