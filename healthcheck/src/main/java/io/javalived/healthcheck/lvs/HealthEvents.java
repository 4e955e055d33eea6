package io.javalived.healthcheck.lvs;

import io.javalived.healthcheck.probe.CheckResult;
import io.javalived.healthcheck.schedule.CheckSpec;

/**
 * What happens to real and virtual servers, for whoever reports it outside (the daemon's SMTP alerts). Called on
 * the reconciler's thread: an implementation must return at once (queue the work) and must not call back.
 */
public interface HealthEvents {
    /**
     * One checker of a real server changed its view (keepalived mails per checker, not per real server).
     *
     * @param result    the result that made the change (its failure says why for a down)
     * @param wasAlive  whether the real server was alive before this change
     * @param alive     whether it is alive now (all its checkers up)
     */
    default void checkerChanged(VirtualServerPlan vs, RealServerPlan rs, CheckSpec check, boolean up, CheckResult result,
                                boolean wasAlive, boolean alive) {
    }

    /**
     * A virtual server gained or lost its quorum ({@code starting}: when start found it so); {@code liveWeight} is the
     * weight of its alive real servers.
     */
    default void quorumChanged(VirtualServerPlan vs, boolean up, boolean starting, long liveWeight) {
    }

    /** At stop with omega: an alive real server and the virtual server's quorum go down with the daemon. */
    default void shuttingDown(VirtualServerPlan vs, java.util.List<RealServerPlan> aliveRealServers, boolean quorumWasUp) {
    }

    HealthEvents NONE = new HealthEvents() {
    };

    /** Each of {@code each}, in order ({@link #NONE} for none, the one itself for one). */
    static HealthEvents all(java.util.List<HealthEvents> each) {
        java.util.List<HealthEvents> list = java.util.List.copyOf(each);
        if (list.isEmpty()) return NONE;
        if (list.size() == 1) return list.getFirst();
        return new HealthEvents() {
            @Override
            public void checkerChanged(VirtualServerPlan vs, RealServerPlan rs, CheckSpec check, boolean up, CheckResult result,
                                       boolean wasAlive, boolean alive) {
                list.forEach(e -> e.checkerChanged(vs, rs, check, up, result, wasAlive, alive));
            }

            @Override
            public void quorumChanged(VirtualServerPlan vs, boolean up, boolean starting, long liveWeight) {
                list.forEach(e -> e.quorumChanged(vs, up, starting, liveWeight));
            }

            @Override
            public void shuttingDown(VirtualServerPlan vs, java.util.List<RealServerPlan> aliveRealServers, boolean quorumWasUp) {
                list.forEach(e -> e.shuttingDown(vs, aliveRealServers, quorumWasUp));
            }
        };
    }
}
