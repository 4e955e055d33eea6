package io.javalived.daemon.dump;

import io.javalived.daemon.status.DaemonStatus;
import io.javalived.daemon.status.VrrpInstanceStatus;
import io.javalived.daemon.status.RealServerStatus;
import io.javalived.daemon.status.VirtualServerStatus;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The state dump (SIGUSR1, {@code /tmp/keepalived.data}) in keepalived's layout ({@code ------< VRRP Topology
 * >------}, {@code  VRRP Instance = NAME}, {@code    State = MASTER}, ...) so tools that read keepalived's
 * file read ours; the IPVS part adds each real server's check state.
 */
public final class StateDump {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy").withZone(ZoneOffset.UTC);

    private StateDump() {}

    public static String render(DaemonStatus s) {
        StringBuilder b = new StringBuilder();
        b.append("------< Global definitions >------\n");
        b.append(" Network namespace = (default)\n");
        b.append(" Router ID = ").append(s.daemon().routerId()).append('\n');
        b.append(" Configuration file = ").append(s.daemon().configFile()).append('\n');
        b.append(" Dump time = ").append(TIME.format(s.now())).append(" UTC\n");
        b.append("------< VRRP Topology >------\n");
        for (VrrpInstanceStatus i : s.vrrpInstances()) {
            b.append(" VRRP Instance = ").append(i.name()).append('\n');
            b.append("   VRRP Version = ").append(i.version()).append('\n');
            b.append("   State = ").append(i.state()).append('\n');
            b.append("   Last transition = ").append(i.lastTransition().getEpochSecond()).append(" (")
                    .append(TIME.format(i.lastTransition())).append(" UTC)\n");
            b.append("   Transition reason = ").append(i.reason()).append('\n');
            b.append("   Interface = ").append(i.interfaceName().isEmpty() ? "(none)" : i.interfaceName()).append('\n');
            b.append("   Virtual Router ID = ").append(i.vrid()).append('\n');
            b.append("   Priority = ").append(i.basePriority()).append('\n');
            b.append("   Effective priority = ").append(i.effectivePriority()).append('\n');
            b.append("   Master router = ").append(i.masterAddress().orElse("(unknown)")).append('\n');
            b.append("   Virtual IP (").append(i.vips().size()).append("):\n");
            for (String vip : i.vips()) {
                b.append("     ").append(vip).append('\n');
            }
        }
        b.append("------< IPVS Topology >------\n");
        for (VirtualServerStatus vs : s.virtualServers()) {
            b.append(" VS = ").append(vs.id()).append('\n');
            b.append("   lvs_sched = ").append(vs.scheduler()).append('\n');
            b.append("   Quorum = ").append(vs.quorumUp() ? "up" : "down").append('\n');
            for (RealServerStatus rs : vs.realServers()) {
                b.append("   RS = ").append(rs.id()).append('\n');
                b.append("     Weight = ").append(rs.weight()).append('\n');
                b.append("     Alive = ").append(rs.state()).append(rs.inPool() ? " (in pool)" : " (not in pool)").append('\n');
                rs.lastCheck().ifPresent(c -> b.append("     Last check = ").append(c.checker()).append(": ")
                        .append(c.success() ? "success" : "failure").append(", ").append(c.reason()).append(", ")
                        .append(c.latencyMs()).append(" ms at ").append(TIME.format(c.at())).append(" UTC\n"));
                rs.lastTransition().ifPresent(t -> b.append("     Last transition = ").append(TIME.format(t)).append(" UTC\n"));
            }
        }
        return b.toString();
    }
}
