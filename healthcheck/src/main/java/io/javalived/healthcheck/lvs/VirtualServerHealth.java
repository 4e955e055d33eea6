package io.javalived.healthcheck.lvs;

import io.javalived.ipvs.VirtualService;
import java.util.List;

/** One virtual server's live state: its real servers' health and whether it has quorum. */
final class VirtualServerHealth {

    final VirtualServerPlan plan;
    final List<RealServerHealth> realServers;
    boolean quorumUp = true;
    /** ha_suspend and none of its addresses is on this host: its checks do not run. */
    boolean suspended;

    VirtualServerHealth(VirtualServerPlan plan) {
        this.plan = plan;
        this.realServers = plan.realServers().stream().map(RealServerHealth::new).toList();
    }

    /** Σ weights of the alive real servers (keepalived's live weight sum). */
    long liveWeight() {
        return realServers.stream().filter(RealServerHealth::alive).mapToLong(RealServerHealth::weight).sum();
    }

    /**
     * Moves the quorum state by keepalived's rule with hysteresis; returns true when it changed. Up goes
     * down when the live weight drops below quorum - hysteresis (or to 0); down comes up when it reaches
     * quorum + hysteresis.
     */
    boolean updateQuorum() {
        long w = liveWeight();
        if (quorumUp && (w < plan.quorum() - plan.hysteresis() || w == 0)) {
            quorumUp = false;
            return true;
        }
        if (!quorumUp && w >= plan.quorum() + plan.hysteresis() && w > 0) {
            quorumUp = true;
            return true;
        }
        return false;
    }

    boolean sorryActive() {
        return !quorumUp && plan.sorryServer().isPresent();
    }

    /** Adds what this virtual server wants in the kernel to {@code table}. */
    void addWantedTo(IpvsTable table) {
        boolean sorry = sorryActive();
        for (VirtualService service : plan.services()) {
            table.putService(service);
            for (RealServerHealth rs : realServers) {
                if (!sorry && rs.alive()) {
                    table.putDestination(service.key(), rs.plan.destination().withWeight(rs.weight()));
                } else if (rs.plan.inhibitOnFailure()) {
                    table.putDestination(service.key(), rs.plan.destination().withWeight(0));
                }
            }
            plan.sorryServer().ifPresent(s -> {
                if (sorry) {
                    table.putDestination(service.key(), s.destination());
                } else if (s.inhibit()) {
                    table.putDestination(service.key(), s.destination().withWeight(0));
                }
            });
        }
    }

    /** A copy for status output; whether each real server is in the pool comes from {@code installed}. */
    HealthSnapshot.VirtualServer snapshot(IpvsTable installed) {
        var realServerCopies = new java.util.ArrayList<HealthSnapshot.RealServer>();
        for (RealServerHealth rs : realServers) {
            boolean inPool = !plan.services().isEmpty();
            for (VirtualService service : plan.services()) {
                var d = rs.plan.destination().normalizedFor(service.key());
                var there = installed.destinations(service.key()).get(IpvsTable.DestinationKey.of(d));
                inPool &= there != null && there.weight() > 0;
            }
            realServerCopies.add(rs.snapshot(inPool));
        }
        return new HealthSnapshot.VirtualServer(plan.name(), plan.services(), plan.quorum(), plan.hysteresis(), liveWeight(),
                quorumUp, plan.sorryServer().map(VirtualServerPlan.SorryPlan::destination), sorryActive(), realServerCopies);
    }
}
