package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.Vip;

import io.javalived.vrrp.packet.AuthData;
import io.javalived.vrrp.packet.AuthType;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.receive.Expectations;
import io.javalived.vrrp.state.InstanceSettings;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Everything the runtime needs to run one vrrp_instance, resolved: the state machine's settings, the receive
 * expectations, where adverts go and what they carry, the VIPs, notifies and trackers.
 *
 * @param settings     the state machine's settings; their {@code vips} are replaced by {@code vips} then
 *                     {@code excludedVips}
 * @param destinations the multicast group, or every unicast peer
 * @param ttl          255 for multicast, {@code unicast_ttl} for unicast
 * @param configFault  why the configuration itself keeps the instance in FAULT (unicast_fault_no_peer without
 *                     peers); such an instance opens no socket
 * @param notifyPriorityChanges {@code notify_priority_changes}: a FIFO line on each effective priority change
 * @param routing      {@code virtual_routes} and {@code virtual_rules}
 * @param vmacs        its VMAC interfaces ({@code use_vmac}), made before its socket opens and removed at stop
 * @param trackFiles   track_file entries (the instance's and its sync group's)
 * @param trackProcesses track_process entries (the instance's and its sync group's)
 * @param dropsVipTraffic without accept mode ({@code no_accept}, or {@code vrrp_strict} unless the address owner):
 *                     while MASTER, traffic to and from the VIPs is dropped by the {@link VipFirewall}
 */
public record InstanceConfig(InstanceSettings settings, Expectations expectations, String interfaceName,
                             InetAddress sourceAddress, List<InetAddress> destinations, int ttl,
                             List<Vip> vips, List<Vip> excludedVips, AuthType authType, AuthData authData,
                             boolean checksumAsV2, Notifies notifies, List<InterfaceTrack> trackInterfaces,
                             List<ScriptTrack> trackScripts, Optional<String> syncGroup, Optional<String> configFault,
                             boolean notifyPriorityChanges, InstanceRouting routing, Vmacs vmacs,
                             List<FileTrack> trackFiles, List<ProcessTrack> trackProcesses, boolean dropsVipTraffic) {
    public InstanceConfig {
        routing = routing == null ? InstanceRouting.NONE : routing;
        vmacs = vmacs == null ? Vmacs.NONE : vmacs;
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        destinations = List.copyOf(destinations);
        vips = List.copyOf(vips);
        excludedVips = List.copyOf(excludedVips);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        // The state machine names the VIPs in its actions: it gets them from here, the one list.
        settings = settings.withVips(java.util.stream.Stream.concat(vips.stream(), excludedVips.stream()).toList());
    }

    /** An instance without virtual routes or rules, VMAC, track files or tracked processes. */
    public InstanceConfig(InstanceSettings settings, Expectations expectations, String interfaceName,
                          InetAddress sourceAddress, List<InetAddress> destinations, int ttl,
                          List<Vip> vips, List<Vip> excludedVips, AuthType authType, AuthData authData,
                          boolean checksumAsV2, Notifies notifies, List<InterfaceTrack> trackInterfaces,
                          List<ScriptTrack> trackScripts, Optional<String> syncGroup, Optional<String> configFault,
                          boolean notifyPriorityChanges) {
        this(settings, expectations, interfaceName, sourceAddress, destinations, ttl, vips, excludedVips, authType,
                authData, checksumAsV2, notifies, trackInterfaces, trackScripts, syncGroup, configFault,
                notifyPriorityChanges, InstanceRouting.NONE, Vmacs.NONE, List.of(), List.of(), false);
    }

    /** An instance the configuration does not hold in FAULT, without priority-change notifies. */
    public InstanceConfig(InstanceSettings settings, Expectations expectations, String interfaceName,
                          InetAddress sourceAddress, List<InetAddress> destinations, int ttl,
                          List<Vip> vips, List<Vip> excludedVips, AuthType authType, AuthData authData,
                          boolean checksumAsV2, Notifies notifies, List<InterfaceTrack> trackInterfaces,
                          List<ScriptTrack> trackScripts, Optional<String> syncGroup) {
        this(settings, expectations, interfaceName, sourceAddress, destinations, ttl, vips, excludedVips, authType,
                authData, checksumAsV2, notifies, trackInterfaces, trackScripts, syncGroup, Optional.empty(), false);
    }

    /** This instance with {@code virtual_routes} / {@code virtual_rules}. */
    public InstanceConfig withRouting(InstanceRouting r) {
        return new InstanceConfig(settings, expectations, interfaceName, sourceAddress, destinations, ttl, vips,
                excludedVips, authType, authData, checksumAsV2, notifies, trackInterfaces, trackScripts, syncGroup,
                configFault, notifyPriorityChanges, r, vmacs, trackFiles, trackProcesses, dropsVipTraffic);
    }

    /** This instance with VMACs ({@code use_vmac}). */
    public InstanceConfig withVmacs(Vmacs v) {
        return new InstanceConfig(settings, expectations, interfaceName, sourceAddress, destinations, ttl, vips,
                excludedVips, authType, authData, checksumAsV2, notifies, trackInterfaces, trackScripts, syncGroup,
                configFault, notifyPriorityChanges, routing, v, trackFiles, trackProcesses, dropsVipTraffic);
    }

    /** This instance with track files and tracked processes. */
    public InstanceConfig withTracks(List<FileTrack> files, List<ProcessTrack> processes) {
        return new InstanceConfig(settings, expectations, interfaceName, sourceAddress, destinations, ttl, vips,
                excludedVips, authType, authData, checksumAsV2, notifies, trackInterfaces, trackScripts, syncGroup,
                configFault, notifyPriorityChanges, routing, vmacs, files, processes, dropsVipTraffic);
    }

    /** This instance with (or without) the firewall drop rule while MASTER ({@code no_accept}, {@code vrrp_strict}). */
    public InstanceConfig withDropsVipTraffic(boolean drops) {
        return new InstanceConfig(settings, expectations, interfaceName, sourceAddress, destinations, ttl, vips,
                excludedVips, authType, authData, checksumAsV2, notifies, trackInterfaces, trackScripts, syncGroup,
                configFault, notifyPriorityChanges, routing, vmacs, trackFiles, trackProcesses, drops);
    }

    public String name() {
        return settings.name();
    }

    /** The interface its socket is bound to: its VMAC ({@code use_vmac} without {@code vmac_xmit_base}) or its interface. */
    public String advertInterface() {
        return vmacs.advertInterface(interfaceName);
    }

    public IpFamily family() {
        return expectations.family();
    }

    public boolean unicast() {
        return expectations.unicast();
    }

    /** Advertised VIPs then excluded ones: all that MASTER configures (the state machine's {@code settings.vips()}). */
    public List<Vip> allVips() {
        return settings.vips();
    }
}
