package io.javalived.vrrp.runtime;

import java.net.InetAddress;
import java.util.List;

class InMemoryFirewallTest extends VipFirewallContract {
    @Override
    protected VipFirewall create() {
        return new InMemoryFirewall();
    }

    @Override
    protected List<InetAddress> droppedNow() {
        return List.copyOf(firewall.blocked());
    }
}
