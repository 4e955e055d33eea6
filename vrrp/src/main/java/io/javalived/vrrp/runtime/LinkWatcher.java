package io.javalived.vrrp.runtime;

import java.util.function.BiConsumer;

/** Link state of interfaces (rtnetlink RTM_NEWLINK): up means IFF_UP and IFF_RUNNING. */
public interface LinkWatcher extends AutoCloseable {
    /** Whether the interface exists and is up right now. */
    boolean isUp(String interfaceName);

    /** Calls the listener (from the watcher's thread) whenever an interface goes up or down. */
    void onChange(BiConsumer<String, Boolean> listener);

    @Override
    void close();
}
