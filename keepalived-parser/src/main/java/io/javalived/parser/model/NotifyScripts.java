package io.javalived.parser.model;

import java.util.Optional;

/**
 * The notify scripts of a vrrp_instance or vrrp_sync_group. The state-specific ones run with only their
 * configured arguments; the generic {@code notify} ({@code generic}) gets {@code INSTANCE|GROUP name STATE priority} appended.
 * {@code masterRxLowerPri} is {@code notify_master_rx_lower_pri}; {@code deleted} is {@code notify_deleted}
 * (instances only).
 */
public record NotifyScripts(Optional<ScriptCommand> master, Optional<ScriptCommand> backup,
                            Optional<ScriptCommand> fault, Optional<ScriptCommand> stop,
                            Optional<ScriptCommand> deleted, Optional<ScriptCommand> generic,
                            Optional<ScriptCommand> masterRxLowerPri) {

    public static final NotifyScripts NONE = new NotifyScripts(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public boolean isEmpty() {
        return this.equals(NONE);
    }
}
