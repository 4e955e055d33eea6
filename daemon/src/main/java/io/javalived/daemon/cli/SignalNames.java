package io.javalived.daemon.cli;

import java.util.Map;
import java.util.OptionalInt;

/**
 * keepalived's {@code --signum=SIGFUNC} table: the signal a running javalived takes for each function, so
 * exporters that ask {@code --signum} (as mehdy/keepalived-exporter does) signal the right number. It is
 * keepalived 2.2.7's table except JSON: keepalived uses SIGRTMIN+2 (36), which a JVM cannot handle, so
 * javalived takes the JSON dump on SIGURG (23) and prints that. STATS_CLEAR stays keepalived's SIGRTMAX-1 (63):
 * the launcher ignores it (no clearing yet), so sending it is harmless.
 */
public final class SignalNames {
    private static final Map<String, Integer> NUMBERS = Map.of(
            "RELOAD", 1,        // SIGHUP
            "STOP", 15,         // SIGTERM
            "DATA", 10,         // SIGUSR1
            "STATS", 12,        // SIGUSR2
            "STATS_CLEAR", 63,  // SIGRTMAX - 1
            "JSON", 23);        // SIGURG: javalived's JSON dump (keepalived: SIGRTMIN+2 = 36)

    private SignalNames() {}

    public static OptionalInt number(String function) {
        Integer n = NUMBERS.get(function);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }
}
