package io.javalived.daemon.reload;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a reload compares: the parts of a configuration that have an identity (VRRP instances, VIPs, virtual
 * services, real servers), each with the fields keepalived's reload rules look at, in plain values. The
 * running daemon writes it into its state file so {@code javalived reload --plan} can compare a new file
 * against what is really running, even when the file on disk has been edited since.
 *
 * @param instances every {@code vrrp_instance}, in file order
 * @param services  every {@code virtual_server}, in file order
 * @param errors    the ERROR diagnostics the configuration was accepted with, as {@code CODE message} with line
 *                  numbers taken out, so a reload refuses only errors the running configuration did not have
 * @param syncDaemon the {@code lvs_sync_daemon} line's words after the keyword (a vrrp_instance's deprecated
 *                   {@code lvs_sync_daemon_interface IFNAME}: {@code IFNAME INSTANCE id 0}), "" when there is none
 * @param statics   {@code static_ipaddress}, {@code static_routes}, {@code static_rules} entries, one line each
 *                  ({@code static_routes 192.168.2.0/24 via 10.0.0.1})
 */
public record ConfigSnapshot(List<Instance> instances, List<Service> services, List<String> errors, String syncDaemon,
                             List<String> statics) {

    public ConfigSnapshot {
        instances = List.copyOf(instances);
        services = List.copyOf(services);
        errors = List.copyOf(errors);
        syncDaemon = syncDaemon == null ? "" : syncDaemon;
        statics = statics == null ? List.of() : List.copyOf(statics);
    }

    public ConfigSnapshot(List<Instance> instances, List<Service> services, List<String> errors, String syncDaemon) {
        this(instances, services, errors, syncDaemon, List.of());
    }

    public ConfigSnapshot(List<Instance> instances, List<Service> services, List<String> errors) {
        this(instances, services, errors, "");
    }

    public ConfigSnapshot(List<Instance> instances, List<Service> services) {
        this(instances, services, List.of());
    }

    static Map<String, String> sorted(Map<String, String> m) {
        return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(m));
    }

    public static ConfigSnapshot empty() {
        return new ConfigSnapshot(List.of(), List.of());
    }

    /**
     * A VRRP instance's identity as keepalived matches it on reload: not by name, but by VRID, family,
     * configured interface, unicast flag and, for unicast, the source address, for multicast the VMAC flag
     * and the group.
     *
     * @param interfaceName the configured interface, or "" when there is none
     * @param source        unicast: {@code unicast_src_ip} or ""; multicast: the group or "" for the default
     */
    public record InstanceKey(int vrid, String family, String interfaceName, boolean unicast, boolean vmac, String source) {
        @Override
        public String toString() {
            String where = interfaceName.isEmpty() ? "" : " on " + interfaceName;
            String mode = unicast ? " unicast" + (source.isEmpty() ? "" : " from " + source)
                    : (vmac ? " vmac" : "") + (source.isEmpty() ? "" : " group " + source);
            return "VRID " + vrid + " " + family.toLowerCase(java.util.Locale.ROOT) + where + mode;
        }
    }

    /**
     * One {@code vrrp_instance}.
     *
     * @param settings every other setting, rendered ({@code priority -> 100}); a difference is reported but
     *                 never moves a VIP
     * @param location file:line of the block
     */
    public record Instance(String name, InstanceKey key, List<Vip> vips, Map<String, String> settings, String location) {
        public Instance {
            vips = List.copyOf(vips);
            settings = sorted(settings);
        }
    }

    /**
     * One {@code virtual_ipaddress} (or {@code virtual_ipaddress_excluded}) line. Two VIPs are the same
     * address when every field but the location is equal; any difference is a removal plus an addition.
     *
     * @param address  {@code 10.0.0.3/24}
     * @param options  device, scope, label, broadcast, peer as rendered ("dev eth0 scope global")
     * @param excluded from {@code virtual_ipaddress_excluded} (configured, never advertised)
     */
    public record Vip(String address, String options, boolean excluded) {
        @Override
        public String toString() {
            return address + (options.isEmpty() ? "" : " " + options) + (excluded ? " (excluded)" : "");
        }
    }

    /**
     * One {@code virtual_server}.
     *
     * @param id           identity: {@code TCP 10.0.0.3:80}, {@code FWM 5 inet}, {@code group NAME TCP}
     * @param kernel       what SET_SERVICE carries: scheduler, flags, persistence timeout, netmask
     *                     (granularity), persistence engine
     * @param groupEntries for a group service, the group's entries (each one IPVS service); else empty
     * @param settings     everything else (checker defaults, quorum, ...): reported, never a kernel call
     * @param realServers  in file order
     * @param sorryServer  the {@code sorry_server}, if any
     */
    public record Service(String id, Map<String, String> kernel, List<String> groupEntries, Map<String, String> settings,
                          List<Destination> realServers, Optional<Destination> sorryServer, String location) {
        public Service {
            kernel = sorted(kernel);
            groupEntries = List.copyOf(groupEntries);
            settings = sorted(settings);
            realServers = List.copyOf(realServers);
        }
    }

    /**
     * One {@code real_server} (or sorry server).
     *
     * @param id       identity: address and port, {@code 10.0.0.7:80}
     * @param kernel   what SET_DEST carries: weight, forwarding method, thresholds
     * @param settings everything else (checkers, notify scripts, inhibit_on_failure, ...)
     */
    public record Destination(String id, Map<String, String> kernel, Map<String, String> settings, String location) {
        public Destination {
            kernel = sorted(kernel);
            settings = sorted(settings);
        }
    }
}
