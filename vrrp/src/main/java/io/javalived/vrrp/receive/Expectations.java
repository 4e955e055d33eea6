package io.javalived.vrrp.receive;

import io.javalived.vrrp.packet.AuthData;
import io.javalived.vrrp.packet.AuthType;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.packet.VrrpVersion;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * What one instance's configuration says a valid advert looks like.
 *
 * @param multicastGroup    224.0.0.18, ff02::12 or mcast_dst_ip (used in multicast mode)
 * @param peers             unicast peers; empty means multicast mode
 * @param ownerIgnoresAdverts the instance is the address owner and has owner_ignore_adverts
 */
public record Expectations(VrrpVersion version, IpFamily family, int vrid, AuthType authType, AuthData authData,
                           int intervalCentis, boolean checksumAsV2, InetAddress multicastGroup,
                           List<ExpectedPeer> peers, boolean checkUnicastSource, boolean ownerIgnoresAdverts,
                           List<InetAddress> vips, boolean skipCheckAdvertAddresses) {
    public Expectations {
        Objects.requireNonNull(version);
        Objects.requireNonNull(family);
        Objects.requireNonNull(authType);
        Objects.requireNonNull(authData);
        Objects.requireNonNull(multicastGroup);
        peers = List.copyOf(peers);
        vips = List.copyOf(vips);
    }

    public boolean unicast() {
        return !peers.isEmpty();
    }

    /** A unicast source check applies when asked for or when any peer has a TTL range. */
    public boolean checksUnicastSource() {
        return checkUnicastSource || peers.stream().anyMatch(ExpectedPeer::hasTtlRange);
    }
}
