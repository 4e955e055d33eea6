package io.javalived.healthcheck.schedule;

import java.util.Arrays;

/**
 * The timers of one loop, earliest deadline first: a binary heap whose entries know their place, so a cancelled
 * timer leaves at once (O(log n)) instead of lingering until its deadline. A connect timeout is set and cancelled
 * for every probe; at 10,000 probes a second a lazily cancelled heap would hold one connect_timeout's worth of dead
 * entries. Used on the loop's thread only.
 */
final class TimerHeap {

    /** One timer: its deadline on {@link System#nanoTime()}'s clock and, while queued, its index in the heap. */
    static class Entry {
        final long deadline;
        long sequence;
        int index = -1;

        Entry(long deadline) {
            this.deadline = deadline;
        }

        boolean queued() {
            return index >= 0;
        }
    }

    private Entry[] heap = new Entry[256];
    private int size;
    /** Timers with the same deadline fire in the order they were added. */
    private long added;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest timer, or null. */
    Entry peek() {
        return size == 0 ? null : heap[0];
    }

    void add(Entry e) {
        if (e.queued()) {
            throw new IllegalStateException("timer already queued");
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        e.sequence = ++added;
        e.index = size;
        heap[size++] = e;
        up(e.index);
    }

    /** Removes {@code e} if it is queued; true when it was. */
    boolean remove(Entry e) {
        int i = e.index;
        if (i < 0 || i >= size || heap[i] != e) {
            return false;
        }
        Entry last = heap[--size];
        heap[size] = null;
        e.index = -1;
        if (last != e) {
            heap[i] = last;
            last.index = i;
            down(i);
            up(last.index);
        }
        return true;
    }

    /** Removes and returns the earliest timer, or null. */
    Entry poll() {
        Entry first = peek();
        if (first != null) {
            remove(first);
        }
        return first;
    }

    private static boolean before(Entry a, Entry b) {
        long d = a.deadline - b.deadline;
        return d < 0 || (d == 0 && a.sequence < b.sequence);
    }

    private void up(int i) {
        Entry e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Entry p = heap[parent];
            if (!before(e, p)) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = e;
        e.index = i;
    }

    private void down(int i) {
        Entry e = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], e)) {
                break;
            }
            heap[i] = heap[child];
            heap[i].index = i;
            i = child;
        }
        heap[i] = e;
        e.index = i;
    }
}
