package io.javalived.daemon.dump;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.javalived.daemon.SignalHandlers;

/**
 * Hooks the dump signals to a {@link DumpWriter}: SIGUSR1 the state dump, SIGUSR2 the statistics, and for
 * the JSON dump SIGURG (23).
 *
 * <p>Why not keepalived's SIGRTMIN+2: the JVM's signal API ({@code sun.misc.Signal}) only knows the named
 * standard signals; {@code new Signal("RTMIN+2")} fails with "Unknown signal", and a real-time signal the JVM
 * has no handler for takes its default action, which terminates the process. So javalived listens on SIGURG
 * (ignored by default, never sent to a daemon that does not ask for out-of-band socket data), reports it for
 * {@code --signum=JSON}, and its launcher starts the JVM with SIGRTMIN+2 and SIGRTMAX-1 ignored (an ignored
 * disposition survives exec), so an exporter that still sends keepalived's number does not kill the daemon.
 */
public final class DumpSignals {
    private static final Logger log = LoggerFactory.getLogger(DumpSignals.class);

    /** The signal per dump, by the names {@code --signum} accepts. */
    public static final Map<String, String> SIGNALS = Map.of("DATA", "USR1", "STATS", "USR2", "JSON", "URG");

    private DumpSignals() {}

    /** The number {@code --signum=NAME} prints for a dump signal (DATA, STATS, JSON), or -1. */
    public static int number(String name) {
        String sig = SIGNALS.get(name);
        return sig == null ? -1 : new Signal(sig).getNumber();
    }

    /** Installs the handlers; each dump runs on a fresh virtual thread so the signal dispatcher never waits. */
    public static List<String> install(DumpWriter writer) {
        List<String> installed = new ArrayList<>();
        hook("USR1", () -> writer.write(DumpWriter.Kind.DATA), installed);
        hook("USR2", () -> writer.write(DumpWriter.Kind.STATS), installed);
        hook("URG", () -> writer.write(DumpWriter.Kind.JSON), installed);
        return installed;
    }

    private static void hook(String name, Runnable action, List<String> installed) {
        try {
            SignalHandlers.handle(name, () -> Thread.ofVirtual().name("dump-" + name).start(action));
            installed.add("SIG" + name);
        } catch (IllegalArgumentException e) {
            log.warn("cannot handle SIG{}: {}; that dump is available only on the status endpoint", name, e.getMessage());
        }
    }
}
