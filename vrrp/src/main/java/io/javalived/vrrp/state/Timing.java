package io.javalived.vrrp.state;

import io.javalived.vrrp.packet.VrrpVersion;

/** The VRRP timer formulas (reference section 2.2), in microseconds as keepalived computes them. */
public final class Timing {
    private Timing() {}

    public static long centisToMicros(int cs) {
        return cs * 10_000L;
    }

    /**
     * Skew_Time. v2: (256 - P) / 256 s, whatever the interval. v3: (256 - P) x Master_Adver_Interval / 256,
     * which keepalived computes in integer microseconds as (256 - P) x cs x 625 / 16.
     */
    public static long skewMicros(VrrpVersion v, int priority, int masterIntervalCentis) {
        return v == VrrpVersion.V2
                ? (256L - priority) * 1_000_000L / 256
                : (256L - priority) * masterIntervalCentis * 625L / 16;
    }

    /** Master_Down_Interval = down_timer_adverts x Master_Adver_Interval + Skew_Time. */
    public static long masterDownMicros(VrrpVersion v, int priority, int masterIntervalCentis, int downTimerAdverts) {
        return downTimerAdverts * centisToMicros(masterIntervalCentis) + skewMicros(v, priority, masterIntervalCentis);
    }
}
