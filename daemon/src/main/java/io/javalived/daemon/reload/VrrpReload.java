package io.javalived.daemon.reload;

import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.vrrp.config.VrrpConfigMapper;
import io.javalived.vrrp.config.VrrpPlan;
import io.javalived.vrrp.runtime.InstanceConfig;
import io.javalived.vrrp.runtime.Notifies;
import io.javalived.vrrp.runtime.VrrpEngine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VRRP side of a reload (keepalived's rules, reference 3.3), applied to a running {@link VrrpEngine}:
 * instances the plan does not name are not touched at all (a MASTER stays MASTER, its VIPs stay, no GARP);
 * a changed instance (matched by identity, so a rename too) gets its differences in place, VIPs added or
 * removed one by one on a MASTER; a removed instance stops as at shutdown (priority 0, VIPs removed); a new
 * one starts as at startup. A sync group whose membership or notifies changed is restarted: its members
 * stop and start again as BACKUP (logged). The same plan {@code javalived reload --plan} prints.
 */
public final class VrrpReload {
    private static final Logger log = LoggerFactory.getLogger(VrrpReload.class);
    private static final Pattern PLACE = Pattern.compile("^\\S+?:\\d+: ");

    private final VrrpEngine engine;
    private final VrrpConfigMapper.AddressLookup primaryAddress;
    private VrrpPlan running;

    /**
     * @param running        what the engine runs now (mapped from the running configuration)
     * @param primaryAddress the platform's primary address lookup, as at startup
     */
    public VrrpReload(VrrpEngine engine, VrrpPlan running, VrrpConfigMapper.AddressLookup primaryAddress) {
        this.engine = engine;
        this.running = running;
        this.primaryAddress = primaryAddress;
    }

    /** Every VRRP change: instances, their VIPs and settings. */
    public static boolean handles(ReloadChange change) {
        return switch (change) {
            case ReloadChange.InstanceAdded x -> true;
            case ReloadChange.InstanceRemoved x -> true;
            case ReloadChange.InstanceRenamed x -> true;
            case ReloadChange.InstanceSettingsChanged x -> true;
            case ReloadChange.VipAdded x -> true;
            case ReloadChange.VipRemoved x -> true;
            default -> false;
        };
    }

    /**
     * Problems of the new configuration's VRRP part that would keep an instance from running and that the running
     * configuration did not have: applying it would stop a running instance or never start a new one. Lesser
     * problems (a setting ignored) are logged as the reload applies.
     */
    public synchronized List<String> refusals(KeepalivedConfig next) {
        VrrpPlan plan = VrrpConfigMapper.map(next, primaryAddress);
        Set<String> known = new HashSet<>();
        running.problems().forEach(p -> known.add(PLACE.matcher(p).replaceFirst("")));
        return plan.problems().stream().filter(p -> p.endsWith(NOT_STARTED))
                .filter(p -> !known.contains(PLACE.matcher(p).replaceFirst(""))).toList();
    }

    private static final String NOT_STARTED = "instance not started";

    /** Applies the VRRP changes of {@code plan}; {@code next} is the configuration it was made from. */
    public synchronized void apply(KeepalivedConfig next, ReloadPlan plan) {
        VrrpPlan target = VrrpConfigMapper.map(next, primaryAddress);
        target.problems().forEach(p -> log.warn("reload: {}", p));
        Map<String, InstanceConfig> before = byName(running.instances());
        Map<String, InstanceConfig> after = byName(target.instances());
        Map<String, String> renamed = new LinkedHashMap<>();
        Set<String> removed = new LinkedHashSet<>();
        Set<String> added = new LinkedHashSet<>();
        for (ReloadChange c : plan.changes()) {
            switch (c) {
                case ReloadChange.InstanceRenamed r -> renamed.put(r.from(), r.to());
                case ReloadChange.InstanceRemoved r -> removed.add(r.instance());
                case ReloadChange.InstanceAdded a -> added.add(a.instance());
                default -> { }
            }
        }
        // Sync groups: one whose members (after renames) or notifies changed, or that is new or gone, restarts whole.
        Set<String> restartOld = new LinkedHashSet<>();
        Set<String> restartNew = new LinkedHashSet<>();
        Set<String> groupNames = new LinkedHashSet<>(running.syncGroups().keySet());
        groupNames.addAll(target.syncGroups().keySet());
        for (String g : groupNames) {
            List<String> was = running.syncGroups().getOrDefault(g, List.of()).stream()
                    .map(n -> renamed.getOrDefault(n, n)).toList();
            List<String> now = target.syncGroups().getOrDefault(g, List.of());
            boolean same = was.equals(now) && running.groupNotifies().getOrDefault(g, Notifies.NONE)
                    .equals(target.groupNotifies().getOrDefault(g, Notifies.NONE));
            if (same) continue;
            List<String> oldMembers = running.syncGroups().getOrDefault(g, List.of());
            log.info("VRRP_Group({}) {} on reload: restarting its members {} (they start again in BACKUP)", g,
                    oldMembers.isEmpty() ? "is new" : now.isEmpty() ? "is gone" : "changed",
                    new LinkedHashSet<>(concat(oldMembers, now)));
            restartOld.addAll(oldMembers);
            oldMembers.forEach(n -> restartNew.add(renamed.getOrDefault(n, n)));
            restartNew.addAll(now);
            // An instance that joins the group from outside restarts too.
            for (String n : now) {
                String old = renamed.entrySet().stream().filter(e -> e.getValue().equals(n)).map(Map.Entry::getKey)
                        .findFirst().orElse(n);
                if (before.containsKey(old) && !removed.contains(old)) restartOld.add(old);
            }
        }
        List<String> engineNames = engine.instanceNames();
        // A restarted group member that was in a group which did not change itself still has to leave it whole.
        for (var g : running.syncGroups().entrySet()) {
            if (g.getValue().stream().anyMatch(restartOld::contains) || g.getValue().stream().anyMatch(removed::contains)) {
                restartOld.addAll(g.getValue());
                g.getValue().forEach(n -> restartNew.add(renamed.getOrDefault(n, n)));
            }
        }
        List<String> toRemove = new ArrayList<>();
        for (String n : engineNames) {
            if (removed.contains(n) || restartOld.contains(n)) toRemove.add(n);
        }
        Set<String> toAddNames = new LinkedHashSet<>(added);
        restartNew.stream().filter(after::containsKey).forEach(toAddNames::add);
        toAddNames.removeIf(n -> !after.containsKey(n));

        if (!toRemove.isEmpty()) {
            engine.removeInstances(toRemove);
        }
        int updated = 0;
        for (String n : engineNames) {
            if (toRemove.contains(n)) continue;
            String name = renamed.getOrDefault(n, n);
            InstanceConfig old = before.get(n);
            InstanceConfig now = after.get(name);
            if (now == null) {
                log.warn("({}) not in the new configuration's VRRP plan; left running as it is", n);
                continue;
            }
            if (!now.equals(old)) {
                engine.updateInstance(n, now);
                updated++;
            }
        }
        List<InstanceConfig> toAdd = target.instances().stream().filter(c -> toAddNames.contains(c.name())).toList();
        if (!toAdd.isEmpty()) {
            Map<String, List<String>> groups = new LinkedHashMap<>();
            Map<String, Notifies> notifies = new LinkedHashMap<>();
            target.syncGroups().forEach((g, members) -> {
                if (toAddNames.containsAll(members)) {
                    groups.put(g, members);
                    Optional.ofNullable(target.groupNotifies().get(g)).ifPresent(x -> notifies.put(g, x));
                }
            });
            engine.addInstances(toAdd, groups, notifies);
        }
        running = target;
        log.info("VRRP reload: {} instance(s) removed, {} changed in place, {} started; {} untouched", toRemove.size(),
                updated, toAdd.size(), engineNames.size() - toRemove.size() - updated);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Map<String, InstanceConfig> byName(List<InstanceConfig> cs) {
        Map<String, InstanceConfig> m = new LinkedHashMap<>();
        cs.forEach(c -> m.putIfAbsent(c.name(), c));
        return m;
    }
}
