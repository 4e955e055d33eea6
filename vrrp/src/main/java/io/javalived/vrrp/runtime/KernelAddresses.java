package io.javalived.vrrp.runtime;

import io.javalived.net.rtnl.AddressMonitor;
import io.javalived.net.rtnl.InterfaceAddress;
import io.javalived.vrrp.state.Vip;
import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link AddressWatcher} on the kernel: one linux-net {@link AddressMonitor} (RTM_NEWADDR / RTM_DELADDR, IPv4 and
 * IPv6) in the daemon's namespace, keeping the set of (interface index, address) present. A VIP is present when its
 * address is on the index its interface had when the engine resolved it, so a renamed interface is still followed.
 */
final class KernelAddresses implements AddressWatcher, AutoCloseable {
    private record OnLink(int index, InetAddress address) {}

    private record Heard(InterfaceAddress address, boolean added) {}

    private final Set<OnLink> present = ConcurrentHashMap.newKeySet();
    private final List<Consumer<InetAddress>> removed = new CopyOnWriteArrayList<>();
    private final Function<Vip, OptionalInt> indexOf;
    private final AddressMonitor monitor;
    /** Notifications read before the dump was taken in (the monitor's thread starts first): applied after it. */
    private List<Heard> early = new java.util.ArrayList<>();

    KernelAddresses(Function<Vip, OptionalInt> indexOf) {
        this.indexOf = indexOf;
        this.monitor = AddressMonitor.start(this::heard);
        synchronized (this) {
            for (InterfaceAddress a : monitor.initial()) present.add(new OnLink(a.index(), a.address()));
            for (Heard h : early) changed(h.address(), h.added());
            early = null;
        }
    }

    private synchronized void heard(InterfaceAddress a, boolean added) {
        if (early != null) early.add(new Heard(a, added));
        else changed(a, added);
    }

    private void changed(InterfaceAddress a, boolean added) {
        OnLink o = new OnLink(a.index(), a.address());
        if (added) {
            present.add(o);
        } else if (present.remove(o)) {
            for (Consumer<InetAddress> l : removed) l.accept(a.address());
        }
    }

    @Override
    public boolean present(Vip vip) {
        OptionalInt index = indexOf.apply(vip);
        return index.isPresent() && present.contains(new OnLink(index.getAsInt(), vip.address()));
    }

    @Override
    public void onRemoved(Consumer<InetAddress> listener) {
        removed.add(listener);
    }

    @Override
    public void close() {
        monitor.close();
    }
}
