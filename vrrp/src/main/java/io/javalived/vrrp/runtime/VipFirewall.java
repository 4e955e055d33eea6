package io.javalived.vrrp.runtime;

import java.net.InetAddress;
import java.util.Collection;

/**
 * Drops traffic to and from virtual addresses while an instance is MASTER without accept mode ({@code no_accept},
 * the default with {@code vrrp_strict}), as keepalived does with its nftables table. Both calls are idempotent.
 * Failures throw {@link NetworkActionException} naming the change. {@link #close()} removes everything it made.
 */
public interface VipFirewall extends AutoCloseable {
    /** Starts dropping packets to and from these addresses. */
    void block(Collection<InetAddress> addresses);

    /** Stops dropping them. */
    void unblock(Collection<InetAddress> addresses);

    /** The addresses blocked now. */
    java.util.Set<InetAddress> blocked();

    @Override
    void close();
}
