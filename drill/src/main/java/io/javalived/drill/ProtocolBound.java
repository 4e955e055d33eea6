package io.javalived.drill;

import io.javalived.parser.model.VrrpInstance;

/**
 * The VRRP bound on a takeover, computed from the backup's instance: after a crash the backup waits
 * Master_Down_Interval = 3 x advert_int + skew time; after a graceful stop (priority-0 advert) it waits the skew
 * time. Skew time is (256 - priority) / 256 seconds for VRRPv2 and (256 - priority) x advert_int / 256 for v3.
 *
 * @param instance        the instance name
 * @param version         VRRP version
 * @param advertSeconds   advert_int in seconds
 * @param backupPriority  the backup's priority
 */
public record ProtocolBound(String instance, int version, double advertSeconds, int backupPriority) {

    public static ProtocolBound of(VrrpInstance backup) {
        return new ProtocolBound(backup.name(), backup.version(), backup.advertInterval().toNanos() / 1e9,
                backup.priority());
    }

    public double skewSeconds() {
        return version == 2 ? (256 - backupPriority) / 256.0 : (256 - backupPriority) * advertSeconds / 256.0;
    }

    public double masterDownSeconds() {
        return 3 * advertSeconds + skewSeconds();
    }

    /** The bound for this kind of failure, in seconds. */
    public double takeoverSeconds(DrillMode mode) {
        return mode == DrillMode.KILL ? masterDownSeconds() : skewSeconds();
    }

    /** How the figure is made, for the report. */
    public String explain(DrillMode mode) {
        return mode == DrillMode.KILL
                ? String.format(java.util.Locale.ROOT, "3 x advert_int %.3g s + skew %.3f s = %.3f s (VRRPv%d, backup priority %d)",
                        advertSeconds, skewSeconds(), masterDownSeconds(), version, backupPriority)
                : String.format(java.util.Locale.ROOT, "skew %.3f s (priority-0 advert; VRRPv%d, backup priority %d)",
                        skewSeconds(), version, backupPriority);
    }
}
