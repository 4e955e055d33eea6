package io.javalived.vrrp.runtime;

import java.util.List;
import java.util.Optional;

/** Notify commands as argv lists (already split; a shell only if the config itself names one). */
public record Notifies(Optional<List<String>> master, Optional<List<String>> backup, Optional<List<String>> fault,
                       Optional<List<String>> stop, Optional<List<String>> generic) {
    public static final Notifies NONE = new Notifies(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());
}
