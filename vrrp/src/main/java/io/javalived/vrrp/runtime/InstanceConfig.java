package io.javalived.vrrp.runtime;

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
 * @param destinations the multicast group, or every unicast peer
 * @param ttl          255 for multicast, {@code unicast_ttl} for unicast
 */
public record InstanceConfig(InstanceSettings settings, Expectations expectations, String interfaceName,
                             InetAddress sourceAddress, List<InetAddress> destinations, int ttl,
                             List<Vip> vips, List<Vip> excludedVips, AuthType authType, AuthData authData,
                             boolean checksumAsV2, Notifies notifies, List<InterfaceTrack> trackInterfaces,
                             List<ScriptTrack> trackScripts, Optional<String> syncGroup) {
    public InstanceConfig {
        destinations = List.copyOf(destinations);
        vips = List.copyOf(vips);
        excludedVips = List.copyOf(excludedVips);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
    }

    public String name() {
        return settings.name();
    }

    public IpFamily family() {
        return expectations.family();
    }

    public boolean unicast() {
        return expectations.unicast();
    }

    /** Advertised VIPs then excluded ones: all that MASTER configures. */
    public List<Vip> allVips() {
        return java.util.stream.Stream.concat(vips.stream(), excludedVips.stream()).toList();
    }
}
