package io.javalived.parser.model;

import java.util.List;
import java.util.Optional;

/**
 * A whole keepalived.conf (with its includes), every default resolved. Lists keep file order.
 *
 * @param globalDefs          {@code global_defs} (all defaults when the file has none)
 * @param vrrpScripts         {@code vrrp_script} blocks that have a script
 * @param vrrpSyncGroups      {@code vrrp_sync_group} blocks
 * @param vrrpInstances       {@code vrrp_instance} blocks
 * @param virtualServerGroups {@code virtual_server_group} blocks
 * @param virtualServers      {@code virtual_server} blocks that keepalived (or javalived, see the diagnostics) accepts
 * @param otherBlocks         recognised top-level blocks the product keeps uninterpreted (track_file,
 *                            vrrp_track_process, bfd_instance, garp_group, ...)
 * @param otherKeywords       recognised root-level keywords ({@code net_namespace}, {@code instance}, ...)
 * @param files               every file read, main file first, in the order they were included
 * @param statics             {@code static_ipaddress}, {@code static_routes}, {@code static_rules}
 */
public record KeepalivedConfig(GlobalDefs globalDefs, List<VrrpScript> vrrpScripts, List<VrrpSyncGroup> vrrpSyncGroups,
                               List<VrrpInstance> vrrpInstances, List<VirtualServerGroup> virtualServerGroups,
                               List<VirtualServer> virtualServers, List<RawBlock> otherBlocks,
                               List<RawValue> otherKeywords, List<String> files, StaticEntries statics) {

    public KeepalivedConfig {
        vrrpScripts = List.copyOf(vrrpScripts);
        vrrpSyncGroups = List.copyOf(vrrpSyncGroups);
        vrrpInstances = List.copyOf(vrrpInstances);
        virtualServerGroups = List.copyOf(virtualServerGroups);
        virtualServers = List.copyOf(virtualServers);
        otherBlocks = List.copyOf(otherBlocks);
        otherKeywords = List.copyOf(otherKeywords);
        files = List.copyOf(files);
        statics = statics == null ? StaticEntries.NONE : statics;
    }

    public Optional<VrrpScript> vrrpScript(String name) {
        return vrrpScripts.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
