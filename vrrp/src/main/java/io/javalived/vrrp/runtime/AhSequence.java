package io.javalived.vrrp.runtime;

/**
 * The IPsec AH sequence number of one instance with {@code auth_type AH}, one counter for sending and the
 * anti-replay check, as keepalived 2.2.7 keeps it: each advert sent carries the counter plus one (from 1; it stops
 * growing at 0xFFFFFFFE, past any real uptime at one advert a second); an advert is accepted only when its number is
 * above the counter, which then takes it (so a new master goes on above the old one's numbers); a MASTER that hears
 * a lower-priority advert moves the counter past that advert's number. Thread-safe: the receive thread checks, the
 * loop sends.
 */
public final class AhSequence {
    static final long LAST = 0xFFFFFFFDL;
    private long counter;

    /** The number for the next advert. */
    public synchronized long next() {
        if (counter <= LAST) counter++;
        return counter;
    }

    /** Whether a received number is new (above the counter); a new one becomes the counter. */
    public synchronized boolean accept(long sequence) {
        if (sequence <= counter) return false;
        counter = sequence;
        return true;
    }

    /** A MASTER heard a lower-priority advert with this number: its own go on above it. */
    public synchronized void passLowerPriority(long sequence) {
        counter = sequence + 1;
    }

    public synchronized long current() {
        return counter;
    }
}
