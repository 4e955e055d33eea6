package io.javalived.daemon.status;

import java.time.Instant;

/** The process: version, pid, start time, the configuration it runs, its router_id. */
public record DaemonInfo(String version, long pid, Instant startedAt, String configFile, String routerId) {}
