package io.javalived.daemon.status;

import io.javalived.ipvs.Addresses;
import io.javalived.ipvs.SyncDaemon;
import java.util.Optional;

/**
 * An IPVS connection sync daemon the kernel runs, as {@code ipvsadm -L --daemon} shows it, and the vrrp_instance
 * whose state it follows ({@code lvs_sync_daemon}; empty when it follows none).
 *
 * @param state "master" or "backup"
 */
public record SyncDaemonStatus(String state, String interfaceName, int syncId, int maxLength, String group, int port,
                               int ttl, Optional<String> instance) {

    public static SyncDaemonStatus of(SyncDaemon d, Optional<String> instance) {
        return new SyncDaemonStatus(d.state().label(), d.multicastInterface(), d.syncId(), d.maxLength(),
                d.group() == null ? Addresses.toText(SyncDaemon.DEFAULT_GROUP) : Addresses.toText(d.group()), d.port(),
                d.ttl(), instance);
    }
}
