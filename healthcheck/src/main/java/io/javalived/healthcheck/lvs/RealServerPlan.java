package io.javalived.healthcheck.lvs;

import io.javalived.healthcheck.schedule.CheckSpec;
import io.javalived.ipvs.Destination;
import java.util.List;
import java.util.Optional;
import io.javalived.scripts.Script;

/**
 * One real server of a virtual server, resolved for the kernel: the destination it becomes when up
 * (configured weight), how it fails (inhibit_on_failure keeps it at weight 0), whether it starts down
 * (alpha, for a real server without checkers), its notify scripts and its checks (all must pass).
 */
public record RealServerPlan(String name, Destination destination, boolean inhibitOnFailure, boolean alpha,
                             Optional<Script> notifyUp, Optional<Script> notifyDown, List<CheckSpec> checks) {
    public RealServerPlan {
        checks = List.copyOf(checks);
    }
}
