package io.javalived.daemon;

/**
 * A part of the running daemon (VRRP, checkers...): started once the configuration is loaded, stopped
 * gracefully on SIGTERM/SIGINT in the reverse order. {@link #stop()} must not throw.
 */
public interface Subsystem {
    String name();

    void start();

    void stop();

    /** Creates a subsystem for a loaded configuration, or none when the configuration or the flags leave it out. */
    @FunctionalInterface
    interface Factory {
        java.util.Optional<Subsystem> create(io.javalived.parser.model.KeepalivedConfig config, DaemonOptions options, Daemon daemon);
    }
}
