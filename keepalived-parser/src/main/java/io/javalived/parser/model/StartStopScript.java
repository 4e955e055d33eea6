package io.javalived.parser.model;

import java.time.Duration;

/**
 * global_defs {@code startup_script} / {@code shutdown_script} with its {@code startup_script_timeout} /
 * {@code shutdown_script_timeout} (keepalived: 1..1000 s, default 10 s).
 */
public record StartStopScript(ScriptCommand command, Duration timeout, SourceLocation location) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
}
