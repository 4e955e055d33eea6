package io.javalived.healthcheck.lvs;

import java.net.InetAddress;
import java.util.Set;

/**
 * The addresses configured on this host, for {@code ha_suspend}: the checks of such a virtual server run only
 * while its address is here (keepalived follows the kernel's RTM_NEWADDR/RTM_DELADDR events, its "netlink
 * reflector"). The daemon passes one over rtnetlink; tests pass {@link InMemoryLocalAddresses}.
 */
public interface LocalAddresses {

    /** One address on one interface: the same address on two interfaces is two entries (it stays until both go). */
    record Entry(InetAddress address, int interfaceIndex) {
    }

    /** Hears each change, on a thread of the source's own. An entry may be reported present twice. */
    @FunctionalInterface
    interface Listener {
        void changed(Entry entry, boolean present);
    }

    /** A running watch: what was there when it began; {@link #close()} stops the events. */
    interface Watch extends AutoCloseable {
        /** Every address configured when the watch began, read after the listener was subscribed (no change is lost). */
        Set<Entry> initial();

        @Override
        void close();
    }

    /** Starts following the addresses; the listener hears every change after {@link Watch#initial()}. */
    Watch watch(Listener listener);

    /** No address source: a configuration with ha_suspend then never runs those checks (say so where it is used). */
    LocalAddresses NONE = listener -> new Watch() {
        @Override
        public Set<Entry> initial() {
            return Set.of();
        }

        @Override
        public void close() {
        }
    };
}
