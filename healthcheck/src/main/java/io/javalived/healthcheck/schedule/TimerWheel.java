package io.javalived.healthcheck.schedule;

/**
 * The timers of one loop: a hashed timing wheel of {@value #SLOTS} slots of 2^{@value #TICK_SHIFT} ns (about 1 ms)
 * each, so adding, cancelling and firing a timer cost the same whatever how many are set: a TCP_CHECK sets two per
 * probe (its next run and its connect_timeout, which it nearly always cancels), and at 10,000 checks a binary heap of
 * 20,000 entries cost more than the rest of the probe's own work. Each slot is a doubly linked list sorted by deadline
 * (a timer of a later turn of the wheel sorts after the others), so the head of a slot is always its earliest timer;
 * equal deadlines keep the order they were added in. Timers come out in deadline order and never before their
 * deadline; one that was due before the wheel's cursor goes into the cursor's slot. Used on the loop's thread only.
 */
final class TimerWheel {

    static final int TICK_SHIFT = 20;
    static final int SLOTS = 4096;
    private static final int MASK = SLOTS - 1;

    /** One timer: its deadline on {@link System#nanoTime()}'s clock and, while queued, its place in its slot. */
    static class Entry {
        final long deadline;
        private Entry prev;
        private Entry next;
        private int slot = -1;

        Entry(long deadline) {
            this.deadline = deadline;
        }

        boolean queued() {
            return slot >= 0;
        }
    }

    private final Entry[] heads = new Entry[SLOTS];
    private final Entry[] tails = new Entry[SLOTS];
    /** The tick of the next slot to look at: every timer of an earlier tick has been given out. */
    private long cursor;
    private int size;

    /** An empty wheel whose cursor is at {@code now} ({@link System#nanoTime()}'s clock). */
    TimerWheel(long now) {
        this.cursor = now >> TICK_SHIFT;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(Entry e) {
        if (e.queued()) {
            throw new IllegalStateException("timer already queued");
        }
        long tick = e.deadline >> TICK_SHIFT;
        int s = (int) ((tick - cursor < 0 ? cursor : tick) & MASK);
        // Nearly always appended: timers of one delay are added in the order of their deadlines.
        Entry after = tails[s];
        while (after != null && after.deadline - e.deadline > 0) {
            after = after.prev;
        }
        e.slot = s;
        e.prev = after;
        e.next = after == null ? heads[s] : after.next;
        if (e.next == null) {
            tails[s] = e;
        } else {
            e.next.prev = e;
        }
        if (after == null) {
            heads[s] = e;
        } else {
            after.next = e;
        }
        size++;
    }

    /** Removes {@code e} if it is queued; true when it was. */
    boolean remove(Entry e) {
        int s = e.slot;
        if (s < 0) {
            return false;
        }
        if (e.prev == null) {
            heads[s] = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next == null) {
            tails[s] = e.prev;
        } else {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        e.slot = -1;
        size--;
        return true;
    }

    /** Removes and returns the earliest timer whose deadline is {@code now} or before, or null when none is due. */
    Entry pollDue(long now) {
        long nowTick = now >> TICK_SHIFT;
        while (size > 0) {
            Entry head = heads[(int) (cursor & MASK)];
            // Only the cursor's own tick (or one already past): a later turn's timer waits for the cursor to come round.
            if (head != null && head.deadline - now <= 0 && (head.deadline >> TICK_SHIFT) - cursor <= 0) {
                remove(head);
                return head;
            }
            if (cursor - nowTick >= 0) {
                return null; // the current tick: its next timer is due later in it
            }
            cursor++;
        }
        if (cursor - nowTick < 0) {
            cursor = nowTick; // nothing queued: nothing to walk over
        }
        return null;
    }

    /**
     * The deadline of the earliest timer, or {@code Long.MAX_VALUE} when none is set; when every timer is more than a
     * turn of the wheel away, a time one turn ahead (earlier than any of them).
     */
    long nextDeadline() {
        if (size == 0) {
            return Long.MAX_VALUE;
        }
        for (int k = 0; k < SLOTS; k++) {
            long tick = cursor + k;
            Entry head = heads[(int) (tick & MASK)];
            if (head != null && (head.deadline >> TICK_SHIFT) - tick <= 0) {
                return head.deadline;
            }
        }
        return (cursor + SLOTS) << TICK_SHIFT;
    }
}
