package io.javalived.vrrp.runtime;

import java.util.List;
import java.util.Optional;

/**
 * Notify commands as argv lists (already split; a shell only if the config itself names one).
 *
 * @param masterRxLowerPri {@code notify_master_rx_lower_pri}: run (with only its own arguments) when a MASTER hears
 *                         a lower-priority advert
 */
public record Notifies(Optional<List<String>> master, Optional<List<String>> backup, Optional<List<String>> fault,
                       Optional<List<String>> stop, Optional<List<String>> generic,
                       Optional<List<String>> masterRxLowerPri) {
    public static final Notifies NONE = new Notifies(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public Notifies(Optional<List<String>> master, Optional<List<String>> backup, Optional<List<String>> fault,
                    Optional<List<String>> stop, Optional<List<String>> generic) {
        this(master, backup, fault, stop, generic, Optional.empty());
    }
}
