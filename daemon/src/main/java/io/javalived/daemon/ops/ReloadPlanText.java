package io.javalived.daemon.ops;

import io.javalived.daemon.reload.ConfigSnapshot;
import io.javalived.daemon.reload.ReloadChange;
import io.javalived.daemon.reload.ReloadPlan;

import java.util.List;

/** A {@link ReloadPlan} for a person: what changes, grouped by what it touches, and what is left alone. */
public final class ReloadPlanText {
    private ReloadPlanText() {}

    public static String render(ReloadPlan plan, ConfigSnapshot running) {
        StringBuilder b = new StringBuilder();
        if (plan.isRefused()) {
            b.append("The reload would be REFUSED: the running configuration stays as it is. Errors in the new configuration:\n");
            plan.refusals().forEach(r -> b.append("  ").append(r).append('\n'));
            warnings(plan, b);
            return b.toString();
        }
        warnings(plan, b);
        if (plan.changes().isEmpty()) {
            b.append("No changes: the reload would touch nothing (")
                    .append(untouched(running)).append(").\n");
            return b.toString();
        }
        section(b, "VIPs and VRRP instances", plan.changes(ReloadChange.Effect.VIP));
        section(b, "IPVS (kernel calls)", plan.changes(ReloadChange.Effect.IPVS));
        section(b, "Daemon settings (no kernel call)", plan.changes(ReloadChange.Effect.RUNTIME));
        b.append("Everything else is left alone: instances not named keep their state and VIPs, services and real servers "
                + "not named cause no kernel call.\n");
        return b.toString();
    }

    private static void warnings(ReloadPlan plan, StringBuilder b) {
        if (!plan.warnings().isEmpty()) {
            b.append("Warnings (the reload would still apply):\n");
            plan.warnings().forEach(w -> b.append("  ").append(w).append('\n'));
        }
    }

    private static void section(StringBuilder b, String title, List<ReloadChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        b.append(title).append(" (").append(changes.size()).append("):\n");
        for (ReloadChange c : changes) {
            b.append("  ").append(sign(c)).append(' ').append(c.describe()).append('\n');
        }
    }

    private static char sign(ReloadChange c) {
        return switch (c) {
            case ReloadChange.InstanceAdded x -> '+';
            case ReloadChange.VipAdded x -> '+';
            case ReloadChange.ServiceAdded x -> '+';
            case ReloadChange.GroupEntryAdded x -> '+';
            case ReloadChange.DestinationAdded x -> '+';
            case ReloadChange.InstanceRemoved x -> '-';
            case ReloadChange.VipRemoved x -> '-';
            case ReloadChange.ServiceRemoved x -> '-';
            case ReloadChange.GroupEntryRemoved x -> '-';
            case ReloadChange.DestinationRemoved x -> '-';
            default -> '~';
        };
    }

    private static String untouched(ConfigSnapshot s) {
        int rs = s.services().stream().mapToInt(v -> v.realServers().size()).sum();
        return s.instances().size() + " VRRP instance(s), " + s.services().size() + " virtual server(s), " + rs
                + " real server(s)";
    }
}
