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

    // equals and hashCode written out: the record's generated ones link through ObjectMethods' bootstrap at their
    // first call (each instance's start compares healths), method-handle classes no AOT cache holds.
    @Override
    public boolean equals(Object o) {
        return o instanceof Health h && h.fault == fault && h.effectivePriority == effectivePriority
                && java.util.Objects.equals(h.reason, reason) && h.initPending.equals(initPending);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(fault, effectivePriority, reason, initPending);
    }
}
