package io.javalived.healthcheck.lvs;

import io.javalived.healthcheck.probe.CheckResult;
import io.javalived.healthcheck.schedule.CheckUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the reconciler knows of one real server: the up/down view of each of its checkers (alive only
 * when all are up; a real server without checkers is always alive) and the weight a MISC_CHECK with
 * misc_dynamic asked for last.
 */
final class RealServerHealth {

    final RealServerPlan plan;
    private final boolean[] checkerUp;
    private OptionalInt dynamicWeight = OptionalInt.empty();
    private final CheckResult[] lastResult;
    private final Duration[] lastResultAt;
    private final Duration[] checkerChangedAt;
    private Duration aliveChangedAt;

    RealServerHealth(RealServerPlan plan) {
        this.plan = plan;
        this.checkerUp = new boolean[plan.checks().size()];
        this.lastResult = new CheckResult[checkerUp.length];
        this.lastResultAt = new Duration[checkerUp.length];
        this.checkerChangedAt = new Duration[checkerUp.length];
        for (int i = 0; i < checkerUp.length; i++) {
            checkerUp[i] = !plan.checks().get(i).alpha();
        }
    }

    boolean alive() {
        for (boolean up : checkerUp) {
            if (!up) {
                return false;
            }
        }
        return true;
    }

    int weight() {
        return dynamicWeight.orElse(plan.destination().weight());
    }

    /** Whether one checker (by its index in the plan) sees the server up. */
    boolean checkerUp(int checker) {
        return checkerUp[checker];
    }

    /** A reload kept this checker, or found its check already running: take over what it sees. */
    void setCheckerUp(int checker, boolean up) {
        checkerUp[checker] = up;
    }

    /** A reload kept this real server with the same configured weight: the weight a misc_dynamic check set stays. */
    void inheritWeight(RealServerHealth old) {
        if (old.plan.destination().weight() == plan.destination().weight()) {
            dynamicWeight = old.dynamicWeight;
        }
    }

    /** Takes a checker's update; true when alive or weight changed. */
    boolean update(int checker, CheckUpdate update) {
        boolean wasAlive = alive();
        int oldWeight = weight();
        checkerUp[checker] = update.state().up();
        if (update.result() instanceof CheckResult.Up up && up.dynamicWeight().isPresent()) {
            dynamicWeight = up.dynamicWeight();
        }
        return wasAlive != alive() || oldWeight != weight();
    }

    /** Keeps a checker's latest result and when it came (status output); call before {@link #update}. */
    void record(int checker, CheckUpdate update, Duration now) {
        lastResult[checker] = update.result();
        lastResultAt[checker] = now;
        if (update.transition().isPresent()) {
            checkerChangedAt[checker] = now;
        }
    }

    /** Notes when alive changed (status output). */
    void aliveChanged(Duration now) {
        aliveChangedAt = now;
    }

    /** A copy for status output; {@code inPool} comes from the installed table. */
    HealthSnapshot.RealServer snapshot(boolean inPool) {
        List<HealthSnapshot.Checker> checkers = new ArrayList<>();
        for (int i = 0; i < checkerUp.length; i++) {
            var spec = plan.checks().get(i);
            checkers.add(new HealthSnapshot.Checker(spec.probe().kind(), spec.probe().describe(), checkerUp[i],
                    Optional.ofNullable(lastResult[i]), Optional.ofNullable(lastResultAt[i]),
                    Optional.ofNullable(checkerChangedAt[i])));
        }
        return new HealthSnapshot.RealServer(plan.name(), plan.destination(), weight(), alive(), inPool,
                Optional.ofNullable(aliveChangedAt), checkers);
    }
}
