package io.javalived.drill;

import io.javalived.lab.Netns;
import io.javalived.lab.Topology;
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

    /** What a drill does in its lab. */
    @FunctionalInterface
    interface InLab<T, X extends Exception> {
        T run(Netns lab) throws InterruptedException, X;
    }

    /**
     * Builds {@code topology} in network namespaces, runs {@code drill} in it, then closes what the drill registered
     * ({@link #closeLater}) and the lab. Ctrl-C / SIGTERM on the way: a shutdown hook stops our traffic and sockets
     * first; the lab's own hook stops the daemons by PID and deletes the namespaces.
     */
    <T, X extends Exception> T inLab(Topology topology, InLab<T, X> drill) throws InterruptedException, X {
        Thread hook = new Thread(() -> {
            out.println("[drill] interrupted: tearing down (client, servers, daemons by PID, namespaces)");
            out.flush();
            closeAll();
        }, "drill-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Netns lab = Netns.create(topology)) {
            try {
                return drill.run(lab);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook is running
                }
                closeAll();
                step("tearing down: daemons by PID, then the namespaces");
            }
        }
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
