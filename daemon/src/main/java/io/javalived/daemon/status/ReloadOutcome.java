package io.javalived.daemon.status;

import java.time.Instant;
import java.util.List;

/**
 * How one reload ended.
 *
 * @param applied whether the new configuration was applied (false: refused, the running one kept)
 * @param changes how many changes were applied
 * @param reasons when refused, the configuration's errors ({@code file:line: error: ...})
 */
public record ReloadOutcome(Instant at, boolean applied, int changes, List<String> reasons) {
    public ReloadOutcome {
        reasons = List.copyOf(reasons);
    }
}
