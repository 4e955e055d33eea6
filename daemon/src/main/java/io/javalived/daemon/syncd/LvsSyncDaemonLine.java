package io.javalived.daemon.syncd;

import io.javalived.ipvs.SyncDaemon;
import io.javalived.ipvs.SyncState;
import io.javalived.parser.model.RawValue;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * global_defs {@code lvs_sync_daemon INTERFACE [VRRP_INSTANCE | inst VRRP_INSTANCE] [id SYNCID] [maxlen N] [port N]
 * [ttl N] [group IP]} read as keepalived 2.2.7 reads it: a bad value is reported (with the line) and left to its
 * default, an unknown word is reported and skipped; the old form {@code INTERFACE VRRP_INSTANCE SYNCID} still works.
 * Zero (or a null group) leaves a value to the kernel.
 *
 * @param where         {@code file:line} of the line
 * @param interfaceName the interface the sync multicast goes through
 * @param instance      the vrrp_instance whose state the daemons follow; empty: none named
 * @param syncId        {@code id}; empty: the instance's VRID (0 without an instance)
 */
public record LvsSyncDaemonLine(String where, String interfaceName, Optional<String> instance, OptionalInt syncId,
                                int maxLength, InetAddress group, int port, int ttl) {

    /** The line read, and what was wrong in it (each naming the line). */
    public record Reading(Optional<LvsSyncDaemonLine> line, List<String> problems) {}

    /** The daemon of {@code state} this line asks for, with {@code syncId} when the line gives none. */
    public SyncDaemon daemon(SyncState state, int defaultSyncId) {
        return new SyncDaemon(state, interfaceName, syncId.orElse(defaultSyncId), maxLength, group, port, ttl);
    }

    /**
     * vrrp_instance {@code lvs_sync_daemon_interface IFNAME}, keepalived 2.2.7's deprecated form: the global line
     * {@code lvs_sync_daemon IFNAME} following that instance, with sync id 0 (keepalived takes the instance's VRID
     * only for an instance named in the global line). The parser reports the deprecation.
     */
    public static Reading deprecatedForm(RawValue raw, String instance) {
        String where = raw.location().toString();
        if (raw.args().isEmpty()) {
            return new Reading(Optional.empty(), List.of(where + ": (" + instance + ") lvs_sync_daemon_interface "
                    + "requires interface; no connection sync daemon runs"));
        }
        String ifname = raw.args().getFirst();
        if (ifname.length() > SyncDaemon.MAX_INTERFACE_NAME) {
            return new Reading(Optional.empty(), List.of(where + ": (" + instance + ") lvs_sync_daemon_interface '"
                    + ifname + "' too long (over " + SyncDaemon.MAX_INTERFACE_NAME + " bytes); no connection sync "
                    + "daemon runs"));
        }
        List<String> problems = new ArrayList<>();
        if (raw.args().size() > 1) {
            problems.add(where + ": (" + instance + ") lvs_sync_daemon_interface takes one interface - "
                    + String.join(" ", raw.args().subList(1, raw.args().size())) + " ignored");
        }
        return new Reading(Optional.of(new LvsSyncDaemonLine(where, ifname, Optional.of(instance), OptionalInt.of(0),
                0, null, 0, 0)), problems);
    }

    public static Reading read(RawValue raw) {
        String where = raw.location().toString();
        List<String> problems = new ArrayList<>();
        List<String> a = raw.args();
        if (a.isEmpty()) {
            problems.add(where + ": lvs_sync_daemon requires interface; no connection sync daemon runs");
            return new Reading(Optional.empty(), problems);
        }
        String ifname = a.get(0);
        if (ifname.length() > SyncDaemon.MAX_INTERFACE_NAME) {
            problems.add(where + ": lvs_sync_daemon interface name '" + ifname + "' too long (over "
                    + SyncDaemon.MAX_INTERFACE_NAME + " bytes); no connection sync daemon runs");
            return new Reading(Optional.empty(), problems);
        }
        String instance = null;
        Integer syncId = null;
        int maxLength = 0;
        int port = 0;
        int ttl = 0;
        InetAddress group = null;
        // a holds the words after the keyword: a.get(0) is keepalived's slot 1 (the interface).
        for (int i = 1; i < a.size(); i++) {
            String w = a.get(i);
            boolean hasValue = i + 1 < a.size();
            String v = hasValue ? a.get(i + 1) : null;
            switch (w) {
                case "inst" -> {
                    if (!hasValue) {
                        problems.add(where + ": lvs_sync_daemon: no value for inst - ignored");
                    } else if (instance != null) {
                        problems.add(where + ": lvs_sync_daemon vrrp instance has already been specified as "
                                + instance + " - ignoring " + v);
                    } else {
                        instance = v;
                    }
                    i++;
                }
                case "id" -> {
                    if (!hasValue) {
                        problems.add(where + ": lvs_sync_daemon: no value for id - the sync id is the instance's VRID");
                        continue;
                    }
                    OptionalInt n = number(v, 0, 255);
                    if (n.isEmpty()) {
                        problems.add(where + ": lvs_sync_daemon: invalid id " + v + " (0..255) - the sync id is the "
                                + "instance's VRID");
                    } else {
                        syncId = n.getAsInt();
                    }
                    i++;
                }
                case "maxlen", "port", "ttl" -> {
                    int max = switch (w) {
                        case "maxlen" -> 65535 - 20 - 8;
                        case "port" -> 65535;
                        default -> 255;
                    };
                    if (!hasValue) {
                        problems.add(where + ": lvs_sync_daemon: no value for " + w + " - the kernel's default is used");
                        continue;
                    }
                    OptionalInt n = number(v, 1, max);
                    if (n.isEmpty()) {
                        problems.add(where + ": lvs_sync_daemon: invalid " + w + " " + v + " (1.." + max
                                + ") - the kernel's default is used");
                    } else {
                        switch (w) {
                            case "maxlen" -> maxLength = n.getAsInt();
                            case "port" -> port = n.getAsInt();
                            default -> ttl = n.getAsInt();
                        }
                    }
                    i++;
                }
                case "group" -> {
                    if (!hasValue) {
                        problems.add(where + ": lvs_sync_daemon: no value for group - the kernel's default is used");
                        continue;
                    }
                    Optional<InetAddress> g = numericAddress(v);
                    if (g.isEmpty()) {
                        problems.add(where + ": lvs_sync_daemon: invalid group " + v + " - the kernel's default is used");
                    } else if (!g.get().isMulticastAddress()) {
                        problems.add(where + ": lvs_sync_daemon: group " + v + " is not multicast - the kernel's "
                                + "default is used");
                    } else {
                        group = g.get();
                    }
                    i++;
                }
                default -> {
                    if (i == 1 && instance == null) {
                        instance = w; // the old form: INTERFACE VRRP_INSTANCE [SYNCID]
                    } else if (i == 2 && syncId == null && number(w, 0, 255).isPresent()) {
                        syncId = number(w, 0, 255).getAsInt();
                        problems.add(where + ": lvs_sync_daemon: please write \"id " + w + "\" for the sync id");
                    } else {
                        problems.add(where + ": lvs_sync_daemon: unknown option " + w + " - ignored");
                    }
                }
            }
        }
        return new Reading(Optional.of(new LvsSyncDaemonLine(where, ifname, Optional.ofNullable(instance),
                syncId == null ? OptionalInt.empty() : OptionalInt.of(syncId), maxLength, group, port, ttl)), problems);
    }

    private static OptionalInt number(String s, int min, int max) {
        if (!s.matches("[0-9]{1,6}")) {
            return OptionalInt.empty();
        }
        int n = Integer.parseInt(s);
        return n < min || n > max ? OptionalInt.empty() : OptionalInt.of(n);
    }

    private static Optional<InetAddress> numericAddress(String s) {
        if (!s.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return Optional.empty(); // never a name lookup
        }
        try {
            InetAddress a = InetAddress.getByName(s);
            return a instanceof Inet4Address || s.contains(":") ? Optional.of(a) : Optional.empty();
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }
}
