package io.javalived.drill;

/**
 * Something the drill did or saw, on the drill's clock.
 *
 * @param at     seconds since the drill's clock started
 * @param kind   what happened
 * @param detail a line for a person
 */
public record DrillEvent(double at, Kind kind, String detail) {
    public enum Kind {
        /** lb01 holds the VIP before the drill starts. */
        READY,
        /** The signal was sent to the master. */
        SIGNAL,
        /** The VIP was removed from an address list (RTM_DELADDR). */
        VIP_REMOVED,
        /** The VIP appeared on the backup (takeover). */
        TAKEOVER,
        /** The old master was started again. */
        RESTART,
        /** The VIP is back on lb01 (preemption). */
        PREEMPT,
        /** Any other observation (a stale VIP cleared, a log line...). */
        NOTE
    }
}
