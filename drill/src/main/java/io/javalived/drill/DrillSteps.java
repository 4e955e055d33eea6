package io.javalived.drill;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every drill keeps while it runs: its clock, the steps it prints ({@code [drill 12.34 s] ...}), the events its
 * report and timeline show, and what it must close at the end (newest first). The failover drill and the anycast
 * drill each hold one.
 */
final class DrillSteps {
    private final PrintStream out;
    private final double settleSeconds;
    private final DrillClock clock = new DrillClock();
    private final List<DrillEvent> events = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    DrillSteps(PrintStream out, double settleSeconds) {
        this.out = out;
        this.settleSeconds = settleSeconds;
    }

    DrillClock clock() {
        return clock;
    }

    /** Prints one step on the console, stamped with the drill's clock. */
    void step(String what) {
        out.printf(Locale.ROOT, "[drill %7.2f s] %s%n", clock.now(), what);
        out.flush();
    }

    /** An event of the report, now. */
    void event(DrillEvent.Kind kind, String detail) {
        event(clock.now(), kind, detail);
    }

    void event(double at, DrillEvent.Kind kind, String detail) {
        events.add(new DrillEvent(at, kind, detail));
    }

    /** The events so far, in the order they happened. */
    List<DrillEvent> events() {
        return events.stream().sorted(Comparator.comparingDouble(DrillEvent::at)).toList();
    }

    /** Waits the drill's settle time (between its steps). */
    void settle() throws InterruptedException {
        Thread.sleep((long) (settleSeconds * 1000));
    }

    /** Closed by {@link #closeAll()}. */
    void closeLater(AutoCloseable c) {
        closeables.add(c);
    }

    /** Closes the client, the servers and the watchers, newest first; a failure to close does not stop the rest. */
    synchronized void closeAll() {
        List<AutoCloseable> all = new ArrayList<>(closeables);
        closeables.clear();
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).close();
            } catch (Exception e) {
                // tearing down: keep going
            }
        }
    }
}
