package io.javalived.daemon.reload;

import io.javalived.healthcheck.HealthChecks;
import io.javalived.healthcheck.lvs.IpvsChange;
import io.javalived.parser.model.KeepalivedConfig;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LVS side of a reload (keepalived's rules, reference 3.3), applied to the running health checks: the
 * reconciler takes the new virtual and real servers, keeps the health of those it already has and their
 * checks running (an up server stays up, no new warm-up), and makes only the kernel calls that close the
 * difference: none for unchanged servers, NEW/DEL for added and removed ones (alpha ones after their first
 * success), SET_SERVICE/SET_DEST for edited ones.
 */
public final class CheckerReload {
    private static final Logger log = LoggerFactory.getLogger(CheckerReload.class);

    private final Supplier<java.util.Optional<HealthChecks>> checks;

    public CheckerReload(Supplier<java.util.Optional<HealthChecks>> checks) {
        this.checks = checks;
    }

    /** Virtual servers, their group entries, real and sorry servers, and their settings. */
    public static boolean handles(ReloadChange change) {
        return switch (change) {
            case ReloadChange.ServiceAdded x -> true;
            case ReloadChange.ServiceRemoved x -> true;
            case ReloadChange.ServiceEdited x -> true;
            case ReloadChange.ServiceSettingsChanged x -> true;
            case ReloadChange.GroupEntryAdded x -> true;
            case ReloadChange.GroupEntryRemoved x -> true;
            case ReloadChange.DestinationAdded x -> true;
            case ReloadChange.DestinationRemoved x -> true;
            case ReloadChange.DestinationEdited x -> true;
            case ReloadChange.DestinationSettingsChanged x -> true;
            default -> false;
        };
    }

    /** Hands the new configuration to the reconciler; returns the kernel calls it made. */
    public List<IpvsChange> apply(KeepalivedConfig next) {
        HealthChecks running = checks.get().orElseThrow(() -> new IllegalStateException("the health checks are not running"));
        List<IpvsChange> calls = running.reload(next);
        log.info("LVS reload: {} kernel call(s){}", calls.size(), calls.isEmpty() ? "" : ": " + calls);
        return calls;
    }
}
