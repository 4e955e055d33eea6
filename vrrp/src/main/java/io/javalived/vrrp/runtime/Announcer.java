package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.Vip;

/** Sends gratuitous ARPs (IPv4) or unsolicited neighbour advertisements (IPv6) for a virtual address. */
public interface Announcer {
    void announce(Vip vip, int count);
}
