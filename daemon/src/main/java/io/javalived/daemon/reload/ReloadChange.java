package io.javalived.daemon.reload;

import io.javalived.daemon.reload.ConfigSnapshot.Destination;
import io.javalived.daemon.reload.ConfigSnapshot.InstanceKey;
import io.javalived.daemon.reload.ConfigSnapshot.Vip;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One difference a reload applies, with what it does to the system. Everything absent from a plan is left
 * alone: an instance that is not named keeps its state and VIPs, a service or real server that is not named
 * causes no kernel call.
 */
public sealed interface ReloadChange {

    /** What a change touches. */
    enum Effect {
        /** Adds or deletes interface addresses (rtnetlink), and sends GARPs for new ones. */
        VIP,
        /** Calls the kernel's IPVS (NEW/SET/DEL_SERVICE, NEW/SET/DEL_DEST). */
        IPVS,
        /** Changes the daemon's own behaviour (timers, checkers, scripts) without a kernel call of its own. */
        RUNTIME
    }

    Effect effect();

    /** One line for a person. */
    String describe();

    /** A setting whose value differs: {@code priority: 100 -> 150}. */
    record SettingChange(String setting, String from, String to) {
        @Override
        public String toString() {
            return setting + ": " + from + " -> " + to;
        }

        static String join(List<SettingChange> changes) {
            return changes.stream().map(SettingChange::toString).collect(Collectors.joining(", "));
        }
    }

    record InstanceAdded(String instance, InstanceKey key, List<Vip> vips) implements ReloadChange {
        public Effect effect() { return Effect.VIP; }
        public String describe() {
            return "add VRRP instance " + instance + " (" + key + "), starting as BACKUP; its VIPs " + vips
                    + " are added only when it becomes MASTER";
        }
    }

    record InstanceRemoved(String instance, InstanceKey key, List<Vip> vips) implements ReloadChange {
        public Effect effect() { return Effect.VIP; }
        public String describe() {
            return "remove VRRP instance " + instance + " (" + key + "): if MASTER, send priority 0 and delete its VIPs "
                    + vips;
        }
    }

    record InstanceRenamed(String from, String to, InstanceKey key) implements ReloadChange {
        public Effect effect() { return Effect.RUNTIME; }
        public String describe() {
            return "rename VRRP instance " + from + " to " + to + " (" + key + "; same instance, state kept)";
        }
    }

    record InstanceSettingsChanged(String instance, List<SettingChange> changes) implements ReloadChange {
        public Effect effect() { return Effect.RUNTIME; }
        public String describe() {
            return "VRRP instance " + instance + ": " + SettingChange.join(changes) + " (state and VIPs kept"
                    + (changes.stream().anyMatch(c -> c.setting().equals("sync_group"))
                    ? "; its sync group changed: the group's members restart in BACKUP)" : ")");
        }
    }

    record VipAdded(String instance, Vip vip) implements ReloadChange {
        public Effect effect() { return Effect.VIP; }
        public String describe() {
            return "VRRP instance " + instance + ": add VIP " + vip + " (when MASTER, with GARP)";
        }
    }

    record VipRemoved(String instance, Vip vip) implements ReloadChange {
        public Effect effect() { return Effect.VIP; }
        public String describe() {
            return "VRRP instance " + instance + ": delete VIP " + vip;
        }
    }

    record ServiceAdded(String service, List<String> groupEntries, List<Destination> realServers) implements ReloadChange {
        public Effect effect() { return Effect.IPVS; }
        public String describe() {
            return "add virtual server " + service + (groupEntries.isEmpty() ? "" : " " + groupEntries)
                    + " (NEW_SERVICE) with real servers " + ids(realServers) + " (NEW_DEST, alpha ones after their first success)";
        }
    }

    record ServiceRemoved(String service, List<String> groupEntries, List<Destination> realServers) implements ReloadChange {
        public Effect effect() { return Effect.IPVS; }
        public String describe() {
            return "delete virtual server " + service + (groupEntries.isEmpty() ? "" : " " + groupEntries)
                    + " (DEL_SERVICE; its real servers " + ids(realServers) + " go with it, their checks stop)";
        }
    }

    /** Scheduler, flags, persistence or netmask changed: one SET_SERVICE (per group entry for a group). */
    record ServiceEdited(String service, List<SettingChange> changes) implements ReloadChange {
        public Effect effect() { return Effect.IPVS; }
        public String describe() {
            return "virtual server " + service + ": SET_SERVICE " + SettingChange.join(changes);
        }
    }

    record ServiceSettingsChanged(String service, List<SettingChange> changes) implements ReloadChange {
        public Effect effect() { return Effect.RUNTIME; }
        public String describe() {
            return "virtual server " + service + ": " + SettingChange.join(changes) + " (no kernel call)";
        }
    }

    record GroupEntryAdded(String service, String entry) implements ReloadChange {
        public Effect effect() { return Effect.IPVS; }
        public String describe() {
            return "virtual server " + service + ": add group entry " + entry + " (NEW_SERVICE and its real servers)";
        }
    }

    record GroupEntryRemoved(String service, String entry) implements ReloadChange {
        public Effect effect() { return Effect.IPVS; }
        public String describe() {
            return "virtual server " + service + ": delete group entry " + entry + " (DEL_SERVICE; its real servers go with it)";
        }
    }

    record DestinationAdded(String service, Destination destination, boolean sorryServer) implements ReloadChange {
        public Effect effect() { return Effect.IPVS; }
        public String describe() {
            return "virtual server " + service + ": add " + kind(sorryServer) + " " + destination.id()
                    + (sorryServer ? " (used while quorum is lost)" : " (NEW_DEST, after its first success if alpha)");
        }
    }

    record DestinationRemoved(String service, Destination destination, boolean sorryServer) implements ReloadChange {
        public Effect effect() { return Effect.IPVS; }
        public String describe() {
            return "virtual server " + service + ": delete " + kind(sorryServer) + " " + destination.id() + " (DEL_DEST)";
        }
    }

    /** Weight, forwarding method or thresholds changed: one SET_DEST (weight only while the server is up). */
    record DestinationEdited(String service, String destination, boolean sorryServer, List<SettingChange> changes)
            implements ReloadChange {
        public Effect effect() { return Effect.IPVS; }
        public String describe() {
            return "virtual server " + service + ": " + kind(sorryServer) + " " + destination + ": SET_DEST "
                    + SettingChange.join(changes);
        }
    }

    record DestinationSettingsChanged(String service, String destination, boolean sorryServer, List<SettingChange> changes)
            implements ReloadChange {
        public Effect effect() { return Effect.RUNTIME; }
        public String describe() {
            return "virtual server " + service + ": " + kind(sorryServer) + " " + destination + ": "
                    + SettingChange.join(changes) + " (no kernel call)";
        }
    }

    private static String ids(List<Destination> ds) {
        return ds.stream().map(Destination::id).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The {@code lvs_sync_daemon} line changed (or came, or went): only the connection sync daemons restart. */
    record SyncDaemonChanged(String from, String to) implements ReloadChange {
        public Effect effect() { return Effect.IPVS; }
        public String describe() {
            return "lvs_sync_daemon: " + (from.isEmpty() ? "(none)" : from) + " -> " + (to.isEmpty() ? "(none)" : to)
                    + ": the IPVS connection sync daemons restart; nothing else moves";
        }
    }

    /** static_ipaddress / static_routes / static_rules entries gone and new: only those are removed and added. */
    record StaticEntriesChanged(List<String> removed, List<String> added) implements ReloadChange {
        public StaticEntriesChanged {
            removed = List.copyOf(removed);
            added = List.copyOf(added);
        }

        public Effect effect() { return Effect.VIP; }
        public String describe() {
            return "static entries: " + (removed.isEmpty() ? "" : "remove " + removed + (added.isEmpty() ? "" : ", "))
                    + (added.isEmpty() ? "" : "add " + added) + "; the other static entries are not touched";
        }
    }

    private static String kind(boolean sorry) {
        return sorry ? "sorry server" : "real server";
    }
}
