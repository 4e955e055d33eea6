package io.javalived.vrrp.runtime;

import io.javalived.scripts.Script;
import java.util.Optional;

/**
 * Notify scripts (argv already split, a shell only if the config itself names one; each with the user it runs as).
 *
 * @param masterRxLowerPri {@code notify_master_rx_lower_pri}: run (with only its own arguments) when a MASTER hears
 *                         a lower-priority advert
 */
public record Notifies(Optional<Script> master, Optional<Script> backup, Optional<Script> fault,
                       Optional<Script> stop, Optional<Script> generic,
                       Optional<Script> masterRxLowerPri) {
    public static final Notifies NONE = new Notifies(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public Notifies(Optional<Script> master, Optional<Script> backup, Optional<Script> fault,
                    Optional<Script> stop, Optional<Script> generic) {
        this(master, backup, fault, stop, generic, Optional.empty());
    }
}
