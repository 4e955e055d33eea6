package io.javalived.daemon;

import io.javalived.net.ffm.Libc;
import io.javalived.net.ffm.NativeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The one place the daemon takes a signal: whatever disposition the process inherited. A parent that starts
 * javalived with a signal ignored ({@code nohup} ignores SIGHUP; a non-interactive shell's {@code cmd &} ignores
 * SIGINT; some service managers and deployment tools others) passes SIG_IGN through exec, and the JVM then
 * registers HUP, INT and TERM without installing anything: the signal was silently lost. keepalived sets its own
 * handlers regardless, and so do we: an ignored disposition is first reset to SIG_DFL (sigaction(2) through
 * linux-net), then the JVM installs its handler. Between the two, a few microseconds at start, the signal's
 * default action applies.
 */
public final class SignalHandlers {
    private static final Logger log = LoggerFactory.getLogger(SignalHandlers.class);

    private SignalHandlers() {}

    /**
     * Runs {@code action} on the JVM's signal thread at each {@code name} (HUP, TERM, USR1...).
     *
     * @throws IllegalArgumentException when the JVM keeps that signal for itself or does not know it
     */
    public static void handle(String name, Runnable action) {
        handle(name, () -> { }, action);
    }

    /**
     * As {@link #handle(String, Runnable)}, with {@code urgent} run first and at once on the thread the JVM started for
     * this signal, one thread hop (0.1-4 ms on a busy machine) earlier than {@code action}. Only for work that merely
     * hands something to another thread (a graceful stop's priority-0 advert posted to the VRRP loop): that thread
     * was born outside the daemon's network namespace, so it must open nothing.
     */
    public static void handle(String name, Runnable urgent, Runnable action) {
        Signal signal = new Signal(name);
        takeBackIfIgnored(name, signal.getNumber());
        Actions actions = actions();
        Signal.handle(signal, s -> {
            try {
                urgent.run();
            } catch (RuntimeException e) {
                log.error("signal action failed: {}", e.toString());
            }
            actions.run(action);
        });
    }

    private static Actions actions;

    private static synchronized Actions actions() {
        if (actions == null) actions = new Actions();
        return actions;
    }

    /**
     * The thread signal actions run on, started by the first {@link #handle} call (the daemon's main thread, after
     * it entered its network namespace). The JVM runs each handler on a thread its signal dispatcher starts, and
     * that one was born before the namespace was entered: a socket opened there (a reload's, the stop path's)
     * would be in the wrong namespace. Actions run one at a time, in arrival order, as the JVM's would.
     */
    private static final class Actions {
        private final java.util.concurrent.LinkedBlockingQueue<Runnable> queue = new java.util.concurrent.LinkedBlockingQueue<>();

        Actions() {
            Thread.ofPlatform().name("javalived-signals").daemon(true).start(() -> {
                while (true) {
                    Runnable next;
                    try {
                        next = queue.take();
                    } catch (InterruptedException e) {
                        return;
                    }
                    try {
                        next.run();
                    } catch (RuntimeException e) {
                        log.error("signal action failed: {}", e.toString());
                    }
                }
            });
        }

        void run(Runnable action) {
            queue.add(action);
        }
    }

    private static void takeBackIfIgnored(String name, int number) {
        try {
            if (Libc.signalIgnored(number)) {
                Libc.signalDefault(number);
                log.info("SIG{} was ignored by the process that started javalived (nohup, a service manager): javalived handles it",
                        name);
            }
        } catch (NativeException | UnsupportedOperationException | IllegalCallerException e) {
            log.warn("cannot read or reset the disposition of SIG{} ({}); if it was ignored at start, it stays ignored",
                    name, e.getMessage());
        }
    }
}
