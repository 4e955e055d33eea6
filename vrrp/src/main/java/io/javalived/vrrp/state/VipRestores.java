package io.javalived.vrrp.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A MASTER's answer to its VIP deleted from outside ({@code ip addr del}): put it back, at once the first time, and
 * never in a hot loop when something keeps deleting it. Per VIP: the first deletion is restored at once; a deletion
 * that comes back within the current gap after the previous restore waits until that gap has passed, and the gap
 * doubles each time (1 s, 2 s, 4 s ... 32 s); a deletion after {@link #QUIET} without one starts again at once with
 * a 1 s gap. Pure, on the caller's clock (nanoseconds); {@link VrrpStateMachine} owns one and clears it on leaving
 * MASTER.
 */
final class VipRestores {
    static final Duration FIRST_GAP = Duration.ofSeconds(1);
    static final Duration MAX_GAP = Duration.ofSeconds(32);
    static final Duration QUIET = Duration.ofSeconds(60);

    /** One VIP's restores: when the latest happened, the gap before the next may, and a restore waiting for it. */
    private record Track(long lastRestore, long gapNanos, long pendingAt) {}

    private final Map<Vip, Track> tracks = new LinkedHashMap<>();

    /** A deletion of {@code vip} seen at {@code now}: its restore now, or the note that it waits. */
    List<VrrpAction> deleted(Vip vip, long now, int garpRepeat) {
        Track t = tracks.get(vip);
        if (t == null || now - t.lastRestore() >= QUIET.toNanos()) {
            tracks.put(vip, new Track(now, FIRST_GAP.toNanos(), VrrpStateMachine.NEVER));
            return List.of(new VrrpAction.RestoreVip(vip, garpRepeat, ""));
        }
        if (t.pendingAt() != VrrpStateMachine.NEVER) return List.of(); // already waiting: said once
        long at = t.lastRestore() + t.gapNanos();
        if (at <= now) {
            tracks.put(vip, new Track(now, nextGap(t.gapNanos()), VrrpStateMachine.NEVER));
            return List.of(new VrrpAction.RestoreVip(vip, garpRepeat, "deleted again " + seconds(now - t.lastRestore())
                    + " after its previous restore"));
        }
        tracks.put(vip, new Track(t.lastRestore(), t.gapNanos(), at));
        return List.of(new VrrpAction.RestoreDeferred(vip, at - now));
    }

    /** The delayed restores due at {@code now} of the VIPs still in {@code vips} (a reload may have dropped some). */
    List<VrrpAction> due(long now, List<Vip> vips, int garpRepeat) {
        List<VrrpAction> out = new ArrayList<>();
        for (var e : tracks.entrySet()) {
            Track t = e.getValue();
            if (t.pendingAt() > now) continue;
            e.setValue(new Track(now, nextGap(t.gapNanos()), VrrpStateMachine.NEVER));
            if (vips.contains(e.getKey())) {
                out.add(new VrrpAction.RestoreVip(e.getKey(), garpRepeat, "deleted again within " + seconds(t.gapNanos())
                        + " of its previous restore; restored after the rate limit's wait"));
            }
        }
        return out;
    }

    long nextDeadline() {
        long next = VrrpStateMachine.NEVER;
        for (Track t : tracks.values()) next = Math.min(next, t.pendingAt());
        return next;
    }

    /** Forgets everything (the instance left MASTER: its next term starts afresh). */
    void clear() {
        tracks.clear();
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static long nextGap(long gap) {
        return Math.min(gap * 2, MAX_GAP.toNanos());
    }
}
