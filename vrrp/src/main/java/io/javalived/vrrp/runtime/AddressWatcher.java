package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.Vip;
import java.net.InetAddress;
import java.util.function.Consumer;

/**
 * The addresses on this host's interfaces as the kernel reports them (rtnetlink RTM_NEWADDR / RTM_DELADDR), so the
 * engine notices a VIP deleted from outside and status shows the VIPs really present. One per platform (one
 * rtnetlink subscription per namespace for every instance).
 */
public interface AddressWatcher {
    /** Whether {@code vip}'s address is on its interface right now (the interface followed by index across a rename). */
    boolean present(Vip vip);

    /** Calls {@code listener} (from the watcher's thread) with each address removed from an interface. */
    void onRemoved(Consumer<InetAddress> listener);
}
