package io.javalived.daemon;

import io.javalived.parser.model.KeepalivedConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up and starts each subsystem in order. One that fails is left out and logged as one line naming it and
 * why ({@code VRRP cannot be set up: socket(AF_INET, ...): EPERM (Operation not permitted)}); its stack trace is
 * logged only at DEBUG (-D). The others still start.
 */
public final class SubsystemStarter {
    private static final Logger log = LoggerFactory.getLogger(SubsystemStarter.class);

    /** A subsystem's factory and the name its failures are logged with before it exists. */
    public record Named(String name, Subsystem.Factory factory) {}

    private SubsystemStarter() {}

    /** The subsystems that were set up and started, in order; {@code started} is called for each. */
    public static List<Subsystem> startAll(List<Named> factories, KeepalivedConfig config, DaemonOptions options,
                                           Daemon daemon, java.util.function.Consumer<Subsystem> started) {
        List<Subsystem> out = new ArrayList<>();
        for (Named f : factories) {
            Optional<Subsystem> s;
            try {
                s = f.factory().create(config, options, daemon);
            } catch (RuntimeException e) {
                log.error("{} cannot be set up: {}", f.name(), why(e));
                log.debug("{} set-up failure", f.name(), e);
                continue;
            }
            if (s.isEmpty()) {
                continue;
            }
            try {
                s.get().start();
                started.accept(s.get());
                out.add(s.get());
                log.info("{} started", s.get().name());
            } catch (RuntimeException e) {
                log.error("{} did not start: {}", s.get().name(), why(e));
                log.debug("{} start failure", s.get().name(), e);
            }
        }
        return out;
    }

    /** The exception's message and those of its causes that add something, on one line. */
    static String why(Throwable e) {
        StringBuilder sb = new StringBuilder(text(e));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            String t = text(c);
            if (!sb.toString().contains(t)) {
                sb.append("; cause: ").append(t);
            }
        }
        return sb.toString().replace('\n', ' ');
    }

    private static String text(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
