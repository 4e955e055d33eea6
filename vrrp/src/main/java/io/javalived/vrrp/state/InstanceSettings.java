package io.javalived.vrrp.state;

import io.javalived.vrrp.packet.VrrpVersion;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the state machine needs of one vrrp_instance.
 *
 * @param wantMaster         {@code state MASTER} (or priority 255 without a state)
 * @param intervalCentis     own advert interval in centiseconds (v2: a multiple of 100)
 * @param primaryAddress     the address this instance advertises from; compared on equal priority
 * @param downTimerAdverts   adverts missed before the master is declared down (keepalived default 3)
 * @param syncGroupMember    down-timer expiry asks the sync group before going MASTER
 * @param vips               every virtual address a MASTER configures (advertised, then excluded ones)
 */
public record InstanceSettings(String name, VrrpVersion version, int vrid, int basePriority, boolean wantMaster,
                               int intervalCentis, boolean nopreempt, Duration preemptDelay,
                               InetAddress primaryAddress, int downTimerAdverts, boolean lowerPrioNoAdvert,
                               boolean higherPrioSendAdvert, GarpSchedule garp, boolean syncGroupMember,
                               List<Vip> vips) {
    public static final int OWNER_PRIORITY = 255;

    public InstanceSettings {
        Objects.requireNonNull(name);
        Objects.requireNonNull(version);
        Objects.requireNonNull(preemptDelay);
        Objects.requireNonNull(primaryAddress);
        Objects.requireNonNull(garp);
        if (basePriority < 1 || basePriority > 255) throw new IllegalArgumentException("priority " + basePriority + " outside 1..255");
        if (intervalCentis < 1) throw new IllegalArgumentException("advert_int must be positive");
        if (downTimerAdverts < 1) throw new IllegalArgumentException("down_timer_adverts must be positive");
        vips = List.copyOf(vips);
    }

    /** An instance without virtual addresses (yet: {@link #withVips}). */
    public InstanceSettings(String name, VrrpVersion version, int vrid, int basePriority, boolean wantMaster,
                            int intervalCentis, boolean nopreempt, Duration preemptDelay, InetAddress primaryAddress,
                            int downTimerAdverts, boolean lowerPrioNoAdvert, boolean higherPrioSendAdvert,
                            GarpSchedule garp, boolean syncGroupMember) {
        this(name, version, vrid, basePriority, wantMaster, intervalCentis, nopreempt, preemptDelay, primaryAddress,
                downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert, garp, syncGroupMember, List.of());
    }

    /** A plain instance with keepalived's defaults for everything not given. */
    public static InstanceSettings of(String name, VrrpVersion version, int vrid, int priority, boolean wantMaster,
                                      int intervalCentis, InetAddress primary) {
        return new InstanceSettings(name, version, vrid, priority, wantMaster, intervalCentis, false, Duration.ZERO,
                primary, 3, false, false, GarpSchedule.KEEPALIVED_DEFAULTS, false);
    }

    public boolean owner() {
        return basePriority == OWNER_PRIORITY;
    }

    public InstanceSettings withNopreempt(boolean b) {
        return new InstanceSettings(name, version, vrid, basePriority, wantMaster, intervalCentis, b, preemptDelay,
                primaryAddress, downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert, garp, syncGroupMember, vips);
    }

    public InstanceSettings withPreemptDelay(Duration d) {
        return new InstanceSettings(name, version, vrid, basePriority, wantMaster, intervalCentis, nopreempt, d,
                primaryAddress, downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert, garp, syncGroupMember, vips);
    }

    public InstanceSettings withGarp(GarpSchedule g) {
        return new InstanceSettings(name, version, vrid, basePriority, wantMaster, intervalCentis, nopreempt,
                preemptDelay, primaryAddress, downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert, g, syncGroupMember, vips);
    }

    public InstanceSettings withVips(List<Vip> v) {
        return new InstanceSettings(name, version, vrid, basePriority, wantMaster, intervalCentis, nopreempt,
                preemptDelay, primaryAddress, downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert, garp,
                syncGroupMember, v);
    }

    public InstanceSettings inSyncGroup() {
        return new InstanceSettings(name, version, vrid, basePriority, wantMaster, intervalCentis, nopreempt,
                preemptDelay, primaryAddress, downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert, garp, true, vips);
    }
}
