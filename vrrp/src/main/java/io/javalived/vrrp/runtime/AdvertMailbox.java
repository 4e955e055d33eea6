package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.VrrpEvent.AdvertReceived;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accepted adverts of one instance that the loop has not taken yet, between its receive thread and the loop.
 * VRRP acts on the latest advert of each router, so a newer advert from a source replaces the one waiting
 * ({@link #superseded()}); at most {@link #MAX_SOURCES} sources wait at once, and when a flood with forged sources
 * fills it, a new source gets a place only by outbidding the lowest priority waiting ({@link #overflowed()}; priority 0,
 * a master leaving, outbids all): an advert that can demand a transition is never lost to lower ones. So however fast
 * adverts arrive, the loop's work per instance is bounded and a real peer's advert waits for no backlog.
 */
final class AdvertMailbox {
    static final int MAX_SOURCES = 16;

    /** An advert and when its receive thread read it (the engine's clock): VRRP's timers start from its arrival. */
    record Waiting(AdvertReceived advert, long receivedAt) {}

    private final LinkedHashMap<InetAddress, Waiting> waiting = new LinkedHashMap<>();
    private long superseded;
    private long overflowed;

    /**
     * Leaves {@code a}, read at {@code receivedAt}, for the loop; true when the mailbox was empty, so the caller
     * schedules one {@link #takeAll}.
     */
    synchronized boolean offer(AdvertReceived a, long receivedAt) {
        boolean wasEmpty = waiting.isEmpty();
        if (waiting.put(a.source(), new Waiting(a, receivedAt)) != null) {
            superseded++;
        } else if (waiting.size() > MAX_SOURCES) {
            waiting.remove(a.source());
            overflowed++;
            Map.Entry<InetAddress, Waiting> lowest = lowest();
            if (weight(lowest.getValue().advert()) < weight(a)) {
                waiting.remove(lowest.getKey());
                waiting.put(a.source(), new Waiting(a, receivedAt));
            }
        }
        return wasEmpty;
    }

    /** Everything waiting, oldest source first; the mailbox is empty after. */
    synchronized List<Waiting> takeAll() {
        List<Waiting> out = new ArrayList<>(waiting.values());
        waiting.clear();
        return out;
    }

    /** Adverts replaced by a newer one from the same source before the loop took them. */
    synchronized long superseded() {
        return superseded;
    }

    /** Adverts that found the mailbox full of other sources (dropped, or displacing a lower-priority one). */
    synchronized long overflowed() {
        return overflowed;
    }

    /** Priority 0 (a master leaving: a backup takes over within its skew time) weighs most, then higher priorities. */
    private static int weight(AdvertReceived a) {
        return a.priority() == 0 ? 256 : a.priority();
    }

    private Map.Entry<InetAddress, Waiting> lowest() {
        Iterator<Map.Entry<InetAddress, Waiting>> it = waiting.entrySet().iterator();
        Map.Entry<InetAddress, Waiting> low = it.next();
        while (it.hasNext()) {
            Map.Entry<InetAddress, Waiting> e = it.next();
            if (weight(e.getValue().advert()) < weight(low.getValue().advert())) low = e;
        }
        return low;
    }
}
