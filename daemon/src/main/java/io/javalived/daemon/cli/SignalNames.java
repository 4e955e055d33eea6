package io.javalived.daemon.cli;

import java.util.Map;
import java.util.OptionalInt;

/**
 * keepalived's {@code --signum=SIGFUNC} table (as keepalived 2.2.7 on Linux/glibc prints it): the signal a
 * running daemon takes for each function. SIGRTMIN is 34 and SIGRTMAX 64 with glibc.
 */
public final class SignalNames {
    private static final Map<String, Integer> NUMBERS = Map.of(
            "RELOAD", 1,        // SIGHUP
            "STOP", 15,         // SIGTERM
            "DATA", 10,         // SIGUSR1
            "STATS", 12,        // SIGUSR2
            "STATS_CLEAR", 63,  // SIGRTMAX - 1
            "JSON", 36);        // SIGRTMIN + 2

    private SignalNames() {}

    public static OptionalInt number(String function) {
        Integer n = NUMBERS.get(function);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }
}
