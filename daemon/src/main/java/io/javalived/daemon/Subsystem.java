package io.javalived.daemon;

import io.javalived.parser.model.KeepalivedConfig;

/**
 * A part of the running daemon (VRRP, checkers...): started once the configuration is loaded, stopped
 * gracefully on SIGTERM/SIGINT in the reverse order. {@link #stop()} must not throw.
 */
public interface Subsystem {
    String name();

    void start();

    void stop();

    /**
     * Called first on SIGTERM/SIGINT, on the signal's thread and before anything else: starts the part of the stop
     * that peers wait for (VRRP's priority-0 advert) without blocking. {@link #stop()} follows as before.
     */
    default void beginStop() {}

    /** Creates a subsystem for a loaded configuration, or none when the configuration or the flags leave it out. */
    @FunctionalInterface
    interface Factory {
        java.util.Optional<Subsystem> create(KeepalivedConfig config, DaemonOptions options, Daemon daemon);
    }
}
