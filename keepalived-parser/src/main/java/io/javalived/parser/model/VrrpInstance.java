package io.javalived.parser.model;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code vrrp_instance NAME { ... }} with keepalived's defaults resolved (reference 1.6, 2.x, 7).
 *
 * @param state              {@code state}; when omitted: MASTER if priority is 255, else BACKUP
 * @param interfaceName      {@code interface IF} (may be absent for unicast with unicast_src_ip)
 * @param virtualRouterId    1..255 (required; 0 here means it was missing, an error was reported)
 * @param priority           1..255; when omitted: 255 with {@code state MASTER}, else 100
 * @param advertInterval     {@code advert_int}, default 1 s (v2 rounds to whole seconds, v3 to centiseconds)
 * @param version            2 or 3; default global {@code vrrp_version} (2); IPv6 forces 3
 * @param family             family of the first VIP (INET when there is none)
 * @param virtualIpAddresses {@code virtual_ipaddress}, in config order (the advert's order)
 * @param excludedVirtualIpAddresses {@code virtual_ipaddress_excluded}: configured, never advertised
 * @param unicastSrcIp       {@code unicast_src_ip}; empty = the interface's primary address
 * @param mcastSrcIp         {@code mcast_src_ip}; empty = the interface's primary address
 * @param mcastDstIp         {@code mcast_dst_ip}; empty = global vrrp_mcast_group4/6
 * @param unicastPeers       non-empty switches the instance to unicast
 * @param unicastTtl         default 255
 * @param unicastFaultNoPeer {@code unicast_fault_no_peer}
 * @param checkUnicastSrc    {@code check_unicast_src} (or global vrrp_check_unicast_src, or a peer TTL range)
 * @param authentication     v2/IPv4 only; empty when none
 * @param trackInterfaces    {@code track_interface}
 * @param trackScripts       {@code track_script} (weights resolved against the vrrp_script)
 * @param trackFiles         {@code track_file} entries as written
 * @param dontTrackPrimary   {@code dont_track_primary}
 * @param notifyScripts      notify_* scripts
 * @param notifyPriorityChanges {@code notify_priority_changes}
 * @param smtpAlert          {@code smtp_alert} (default: global smtp_alert_vrrp / smtp_alert, else false)
 * @param garp               GARP settings, resolved against global_defs
 * @param nopreempt          {@code nopreempt} (cleared, with an error, with initial state MASTER or priority 255)
 * @param preemptDelay       {@code preempt_delay}, 0..1000 s, default 0
 * @param accept             {@code accept}/{@code no_accept}; default true unless strict mode
 * @param strictMode         {@code strict_mode} or global vrrp_strict
 * @param skipCheckAdvAddr   {@code skip_check_adv_addr} or global
 * @param downTimerAdverts   {@code down_timer_adverts} 1..100, default global (3)
 * @param lowerPrioNoAdvert  default global (false)
 * @param higherPrioSendAdvert default global (false)
 * @param ownerIgnoreAdverts {@code owner_ignore_adverts}
 * @param v3ChecksumAsV2     {@code v3_checksum_as_v2} or global
 * @param useVmac            {@code use_vmac [NAME]}; the name is in vmacName
 * @param vmacName           the VMAC interface name when given
 * @param promoteSecondaries {@code promote_secondaries}
 * @param virtualRoutes      {@code virtual_routes { ... }}: installed on entering MASTER, removed on leaving it
 * @param virtualRules       {@code virtual_rules { ... }}: likewise
 * @param other              every other recognised keyword, as written
 * @param keywordLocations   where each keyword of the block was written
 */
public record VrrpInstance(
        String name,
        InitialState state,
        Optional<String> interfaceName,
        int virtualRouterId,
        int priority,
        Duration advertInterval,
        int version,
        InetFamily family,
        List<VirtualIpAddress> virtualIpAddresses,
        List<VirtualIpAddress> excludedVirtualIpAddresses,
        Optional<InetAddress> unicastSrcIp,
        Optional<InetAddress> mcastSrcIp,
        Optional<InetAddress> mcastDstIp,
        List<UnicastPeer> unicastPeers,
        int unicastTtl,
        boolean unicastFaultNoPeer,
        boolean checkUnicastSrc,
        Optional<Authentication> authentication,
        List<TrackedInterface> trackInterfaces,
        List<TrackedScript> trackScripts,
        List<RawValue> trackFiles,
        boolean dontTrackPrimary,
        NotifyScripts notifyScripts,
        boolean notifyPriorityChanges,
        boolean smtpAlert,
        GarpSettings garp,
        boolean nopreempt,
        Duration preemptDelay,
        boolean accept,
        boolean strictMode,
        boolean skipCheckAdvAddr,
        int downTimerAdverts,
        boolean lowerPrioNoAdvert,
        boolean higherPrioSendAdvert,
        boolean ownerIgnoreAdverts,
        boolean v3ChecksumAsV2,
        boolean useVmac,
        Optional<String> vmacName,
        boolean promoteSecondaries,
        List<IpRoute> virtualRoutes,
        List<IpRule> virtualRules,
        List<RawValue> other,
        SourceLocation location,
        KeywordLocations keywordLocations) {

    public VrrpInstance {
        virtualIpAddresses = List.copyOf(virtualIpAddresses);
        excludedVirtualIpAddresses = List.copyOf(excludedVirtualIpAddresses);
        unicastPeers = List.copyOf(unicastPeers);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        trackFiles = List.copyOf(trackFiles);
        virtualRoutes = List.copyOf(virtualRoutes);
        virtualRules = List.copyOf(virtualRules);
        other = List.copyOf(other);
    }

    /** True when {@code unicast_peer} lists at least one peer. */
    public boolean isUnicast() {
        return !unicastPeers.isEmpty();
    }
}
