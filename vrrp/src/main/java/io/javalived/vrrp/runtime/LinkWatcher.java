package io.javalived.vrrp.runtime;

import java.util.function.BiConsumer;

/** Link state of interfaces (rtnetlink RTM_NEWLINK): up means IFF_UP and IFF_RUNNING. */
public interface LinkWatcher extends AutoCloseable {
    /** Whether the interface exists and is up right now. */
    boolean isUp(String interfaceName);

    /**
     * Whether the interface can carry multicast (IFF_MULTICAST); true when it is not known (yet): a missing
     * interface is the link tracker's business.
     */
    boolean multicastCapable(String interfaceName);

    /** Calls the listener (from the watcher's thread) whenever an interface's flags change (up or down, multicast). */
    void onChange(BiConsumer<String, Boolean> listener);

    /**
     * Calls the listener (from the watcher's thread) with the old and new name when an interface is renamed
     * ({@code ip link set eth0 name eth9}), before the change under its new name is reported.
     */
    void onRename(BiConsumer<String, String> listener);

    @Override
    void close();
}
