package io.javalived.daemon;

import io.javalived.healthcheck.lvs.LocalAddresses;
import io.javalived.net.rtnl.AddressMonitor;
import io.javalived.net.rtnl.InterfaceAddress;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ha_suspend's view of this host's addresses: linux-net's rtnetlink {@link AddressMonitor} (RTM_NEWADDR and
 * RTM_DELADDR, IPv4 and IPv6, in the daemon's network namespace), as keepalived's checker process follows them.
 * Opened only when a virtual server has ha_suspend (the reconciler asks for a watch then).
 */
final class NetlinkLocalAddresses implements LocalAddresses {

    @Override
    public Watch watch(Listener listener) {
        AddressMonitor monitor = AddressMonitor.start((a, present) -> listener.changed(entry(a), present));
        Set<Entry> initial = monitor.initial().stream().map(NetlinkLocalAddresses::entry).collect(Collectors.toUnmodifiableSet());
        return new Watch() {
            @Override
            public Set<Entry> initial() {
                return initial;
            }

            @Override
            public void close() {
                monitor.close();
            }
        };
    }

    private static Entry entry(InterfaceAddress a) {
        return new Entry(a.address(), a.index());
    }
}
