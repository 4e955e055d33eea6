package io.javalived.drill;

/** The drill's monotonic clock: seconds since it was made. */
final class DrillClock {
    private final long origin = System.nanoTime();

    double now() {
        return at(System.nanoTime());
    }

    /** A System.nanoTime() reading on this clock. */
    double at(long nanoTime) {
        return (nanoTime - origin) / 1e9;
    }
}
