package io.javalived.vrrp.track;

import java.util.List;

/**
 * The effective priority, or a fault naming the trackers that cause it.
 *
 * @param initPending weight-0 trackers that have not reported yet (a starting instance waits in INIT for them)
 */
public record Health(boolean fault, int effectivePriority, String reason, List<String> initPending) {
    public Health {
        initPending = List.copyOf(initPending);
    }

    public Health(boolean fault, int effectivePriority, String reason) {
        this(fault, effectivePriority, reason, List.of());
    }
}
