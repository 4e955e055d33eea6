package io.javalived.vrrp.receive;

import java.net.InetAddress;

/** A unicast_peer entry; a TTL range (min_ttl/max_ttl) implies check_unicast_src. */
public record ExpectedPeer(InetAddress address, int minTtl, int maxTtl) {
    public ExpectedPeer {
        if (minTtl < 0 || maxTtl > 255 || minTtl > maxTtl) {
            throw new IllegalArgumentException("peer " + address.getHostAddress() + ": TTL range " + minTtl + ".." + maxTtl);
        }
    }

    public static ExpectedPeer of(InetAddress a) {
        return new ExpectedPeer(a, 0, 255);
    }

    public boolean hasTtlRange() {
        return minTtl != 0 || maxTtl != 255;
    }
}
