package io.javalived.healthcheck.schedule;

import io.javalived.healthcheck.probe.CheckResult;
import java.time.Duration;
import java.util.Optional;

/**
 * One checker's view of its real server, as keepalived keeps it (reference section 3.2), and the pure
 * rule that moves it on each probe result:
 * <ul>
 *   <li>a checker starts up (the real server is assumed up), or down with {@code alpha};</li>
 *   <li>until it has once succeeded, one failure is enough to go down;</li>
 *   <li>after that, a failure while up is retried after delay_before_retry, and the checker goes down
 *       only after retry + 1 consecutive failures;</li>
 *   <li>one success brings it up (no rise count), except for HTTP_GET/SSL_GET without fast_recovery
 *       ({@link CheckTiming#confirmRecovery()}): keepalived 2.2.7 brings a checker that went down on failures back
 *       only after the failed url passes and then, delay_loop later, every url passes again; a failure in that
 *       confirmation is retried after delay_before_retry and the next success brings it up;</li>
 *   <li>a settled checker (up and passing, or down) probes again after delay_loop.</li>
 * </ul>
 *
 * @param up whether this checker considers the real server up
 * @param proven whether it has succeeded at least once (retries apply only then)
 * @param failures consecutive failures so far while up (0 when settled)
 * @param down while down: whether it got there by failing (keepalived's failed url) and is confirming a recovery
 */
public record CheckerState(boolean up, boolean proven, int failures, Down down) {

    /** Where a down checker is on its way back (keepalived's failed_url; meaningful only while down). */
    public enum Down {
        /** Not down, or down from the start (alpha) with no failure seen: one success brings it up. */
        FRESH,
        /** Down after failing. */
        FAILED,
        /** Its failed probe passed once; the next success brings it up (with confirmRecovery). */
        CONFIRMING
    }

    public CheckerState(boolean up, boolean proven, int failures) {
        this(up, proven, failures, Down.FRESH);
    }

    public static CheckerState initial(boolean alpha) {
        return new CheckerState(!alpha, false, 0);
    }

    /** A state change the rest of the system cares about. */
    public enum Transition { WENT_UP, WENT_DOWN }

    /** The outcome of applying one result: the next state, the change (if any) and when to probe next. */
    public record Step(CheckerState next, Optional<Transition> transition, Duration nextProbeIn) {
    }

    public Step on(CheckResult result, CheckTiming timing) {
        if (result.isUp()) {
            if (!up && down == Down.FAILED && timing.confirmRecovery()) {
                return new Step(new CheckerState(false, true, 0, Down.CONFIRMING), Optional.empty(), timing.delayLoop());
            }
            Optional<Transition> change = up ? Optional.empty() : Optional.of(Transition.WENT_UP);
            return new Step(new CheckerState(true, true, 0), change, timing.delayLoop());
        }
        if (!up) {
            if (down == Down.CONFIRMING) {
                return new Step(this, Optional.empty(), timing.delayBeforeRetry());
            }
            return new Step(new CheckerState(false, proven, 0, Down.FAILED), Optional.empty(), timing.delayLoop());
        }
        int failed = failures + 1;
        if (!proven || failed > timing.retry()) {
            return new Step(new CheckerState(false, proven, 0, Down.FAILED), Optional.of(Transition.WENT_DOWN),
                    timing.delayLoop());
        }
        return new Step(new CheckerState(true, proven, failed), Optional.empty(), timing.delayBeforeRetry());
    }
}
