package io.javalived.daemon.reload;

import io.javalived.daemon.reload.ConfigSnapshot.Destination;
import io.javalived.daemon.reload.ConfigSnapshot.Instance;
import io.javalived.daemon.reload.ConfigSnapshot.Service;
import io.javalived.daemon.reload.ConfigSnapshot.Vip;
import io.javalived.daemon.reload.ReloadChange.SettingChange;
import io.javalived.parser.ParseResult;
import io.javalived.parser.diag.Diagnostic;
import io.javalived.parser.diag.Severity;
import io.javalived.parser.model.KeepalivedConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Computes a {@link ReloadPlan} by keepalived's reload identity rules (reference 3.3): VRRP instances are
 * matched by (VRID, family, interface, unicast flag, unicast source / VMAC and group), not by name; VIPs are
 * diffed per instance; virtual servers are matched by (protocol, address, port), (fwmark, family) or
 * (group, protocol) and get SET_SERVICE only when scheduler, flags, persistence, granularity or engine
 * changed; real servers are matched by address and port and get SET_DEST only when weight, forwarding
 * method or thresholds changed. Pure: it touches nothing.
 *
 * <p>A new configuration that cannot run, or has an ERROR the running one did not have, is refused as a
 * whole: a reload never applies half a configuration.
 */
public final class ReloadPlanner {
    private ReloadPlanner() {}

    public static ReloadPlan plan(KeepalivedConfig running, KeepalivedConfig next) {
        return plan(ConfigSnapshots.of(running), ConfigSnapshots.of(next));
    }

    /**
     * Plans against a parse of the new file. Refused when it cannot run (FATAL) or has an ERROR the running
     * configuration was not already accepted with (keepalived would skip the broken part, which can delete a
     * working service); errors the running configuration already had are reported as warnings.
     */
    public static ReloadPlan plan(ConfigSnapshot running, ParseResult next) {
        List<String> refusals = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> known = new ArrayList<>(running.errors());
        for (Diagnostic d : next.diagnostics()) {
            if (d.severity() == Severity.FATAL) {
                refusals.add(describe(d));
            } else if (d.severity() == Severity.ERROR) {
                if (known.remove(ConfigSnapshots.errorSignature(d))) {
                    warnings.add(describe(d) + " (the running configuration has it too)");
                } else {
                    refusals.add(describe(d));
                }
            } else if (d.severity() == Severity.WARNING) {
                warnings.add(describe(d));
            }
        }
        if (!refusals.isEmpty()) {
            return ReloadPlan.refused(refusals, warnings);
        }
        ReloadPlan plan = plan(running, ConfigSnapshots.of(next));
        return new ReloadPlan(plan.changes(), List.of(), warnings);
    }

    /** {@code file:line: severity: message [code]}. */
    public static String describe(Diagnostic d) {
        return d.location().map(l -> l + ": ").orElse("") + d.severity().label() + ": " + d.message()
                + " [" + d.code().id() + "]";
    }

    public static ReloadPlan plan(ConfigSnapshot running, ConfigSnapshot next) {
        List<ReloadChange> changes = new ArrayList<>();
        planInstances(running.instances(), next.instances(), changes);
        planServices(running.services(), next.services(), changes);
        if (!running.syncDaemon().equals(next.syncDaemon())) {
            changes.add(new ReloadChange.SyncDaemonChanged(running.syncDaemon(), next.syncDaemon()));
        }
        if (!running.statics().equals(next.statics())) {
            changes.add(new ReloadChange.StaticEntriesChanged(
                    running.statics().stream().filter(l -> !next.statics().contains(l)).toList(),
                    next.statics().stream().filter(l -> !running.statics().contains(l)).toList()));
        }
        return new ReloadPlan(changes, List.of(), List.of());
    }

    private static void planInstances(List<Instance> running, List<Instance> next, List<ReloadChange> out) {
        Matching<Instance> m = Matching.of(running, next, Instance::key);
        for (Instance gone : m.removed()) {
            out.add(new ReloadChange.InstanceRemoved(gone.name(), gone.key(), gone.vips()));
        }
        for (var pair : m.kept()) {
            Instance old = pair.getKey();
            Instance now = pair.getValue();
            if (!old.name().equals(now.name())) {
                out.add(new ReloadChange.InstanceRenamed(old.name(), now.name(), now.key()));
            }
            Matching<Vip> vips = Matching.of(old.vips(), now.vips(), Function.identity());
            vips.removed().forEach(v -> out.add(new ReloadChange.VipRemoved(now.name(), v)));
            vips.added().forEach(v -> out.add(new ReloadChange.VipAdded(now.name(), v)));
            List<SettingChange> settings = diff(old.settings(), now.settings());
            if (!settings.isEmpty()) {
                out.add(new ReloadChange.InstanceSettingsChanged(now.name(), settings));
            }
        }
        for (Instance added : m.added()) {
            out.add(new ReloadChange.InstanceAdded(added.name(), added.key(), added.vips()));
        }
    }

    private static void planServices(List<Service> running, List<Service> next, List<ReloadChange> out) {
        Matching<Service> m = Matching.of(running, next, Service::id);
        for (Service gone : m.removed()) {
            out.add(new ReloadChange.ServiceRemoved(gone.id(), gone.groupEntries(), gone.realServers()));
        }
        for (var pair : m.kept()) {
            Service old = pair.getKey();
            Service now = pair.getValue();
            String id = now.id();
            Matching<String> entries = Matching.of(old.groupEntries(), now.groupEntries(), Function.identity());
            entries.removed().forEach(e -> out.add(new ReloadChange.GroupEntryRemoved(id, e)));
            entries.added().forEach(e -> out.add(new ReloadChange.GroupEntryAdded(id, e)));
            List<SettingChange> kernel = diff(old.kernel(), now.kernel());
            if (!kernel.isEmpty()) {
                out.add(new ReloadChange.ServiceEdited(id, kernel));
            }
            List<SettingChange> settings = diff(old.settings(), now.settings());
            if (!settings.isEmpty()) {
                out.add(new ReloadChange.ServiceSettingsChanged(id, settings));
            }
            planDestinations(id, old.realServers(), now.realServers(), false, out);
            planDestinations(id, old.sorryServer().stream().toList(), now.sorryServer().stream().toList(), true, out);
        }
        for (Service added : m.added()) {
            out.add(new ReloadChange.ServiceAdded(added.id(), added.groupEntries(), added.realServers()));
        }
    }

    private static void planDestinations(String service, List<Destination> running, List<Destination> next,
                                         boolean sorry, List<ReloadChange> out) {
        Matching<Destination> m = Matching.of(running, next, Destination::id);
        m.removed().forEach(d -> out.add(new ReloadChange.DestinationRemoved(service, d, sorry)));
        for (var pair : m.kept()) {
            List<SettingChange> kernel = diff(pair.getKey().kernel(), pair.getValue().kernel());
            if (!kernel.isEmpty()) {
                out.add(new ReloadChange.DestinationEdited(service, pair.getValue().id(), sorry, kernel));
            }
            List<SettingChange> settings = diff(pair.getKey().settings(), pair.getValue().settings());
            if (!settings.isEmpty()) {
                out.add(new ReloadChange.DestinationSettingsChanged(service, pair.getValue().id(), sorry, settings));
            }
        }
        m.added().forEach(d -> out.add(new ReloadChange.DestinationAdded(service, d, sorry)));
    }

    static List<SettingChange> diff(Map<String, String> old, Map<String, String> now) {
        List<SettingChange> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(old.keySet());
        keys.addAll(now.keySet());
        for (String k : keys) {
            String a = old.getOrDefault(k, "none");
            String b = now.getOrDefault(k, "none");
            if (!Objects.equals(a, b)) {
                out.add(new SettingChange(k, a, b));
            }
        }
        return out;
    }

    /**
     * Pairs old and new elements by identity, first with first when an identity appears more than once
     * (a duplicate in one file is the parser's to report, not a reason to move anything).
     */
    record Matching<T>(List<T> removed, List<Map.Entry<T, T>> kept, List<T> added) {
        static <T, K> Matching<T> of(List<T> old, List<T> now, Function<T, K> identity) {
            Map<K, List<T>> unmatched = new LinkedHashMap<>();
            for (T o : old) {
                unmatched.computeIfAbsent(identity.apply(o), k -> new ArrayList<>()).add(o);
            }
            List<Map.Entry<T, T>> kept = new ArrayList<>();
            List<T> added = new ArrayList<>();
            for (T n : now) {
                List<T> candidates = unmatched.get(identity.apply(n));
                Optional<T> match = candidates == null || candidates.isEmpty() ? Optional.empty()
                        : Optional.of(candidates.removeFirst());
                match.ifPresentOrElse(o -> kept.add(Map.entry(o, n)), () -> added.add(n));
            }
            List<T> removed = old.stream().filter(o -> unmatched.getOrDefault(identity.apply(o), List.of())
                    .stream().anyMatch(x -> x == o)).toList();
            return new Matching<>(removed, kept, added);
        }
    }
}
