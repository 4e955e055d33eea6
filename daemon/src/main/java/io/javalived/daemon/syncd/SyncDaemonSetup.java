package io.javalived.daemon.syncd;

import io.javalived.ipvs.IpvsDriver;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.VrrpInstance;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides from the configuration who runs the {@code lvs_sync_daemon} line, as keepalived 2.2.7 splits it: a line
 * naming a vrrp_instance belongs to VRRP (the daemons follow that instance), a line naming none to the checkers
 * (both daemons while they run). Every problem is one log line naming the config line; nothing here stops the
 * daemon: an undefined instance or a kernel without IPVS leaves VRRP and the checkers running without sync daemons.
 */
public final class SyncDaemonSetup {
    private static final Logger log = LoggerFactory.getLogger(SyncDaemonSetup.class);

    private SyncDaemonSetup() {
    }

    /** The line, if the configuration has one that could be read (its problems not logged). */
    public static Optional<LvsSyncDaemonLine> line(KeepalivedConfig config) {
        return config.globalDefs().lvsSyncDaemon().flatMap(r -> LvsSyncDaemonLine.read(r).line());
    }

    /**
     * For the VRRP subsystem: a follower of the named instance, or none (no line, no instance named, the instance
     * not defined, or no IPVS). {@code drivers} is called only when a follower is made.
     */
    public static Optional<SyncDaemonFollower> forVrrp(KeepalivedConfig config, Supplier<IpvsDriver> drivers) {
        Optional<LvsSyncDaemonLine> read = readLogged(config, true);
        if (read.isEmpty() || read.get().instance().isEmpty()) {
            return Optional.empty();
        }
        LvsSyncDaemonLine line = read.get();
        String name = line.instance().get();
        Optional<VrrpInstance> instance = config.vrrpInstances().stream().filter(i -> i.name().equals(name)).findFirst();
        if (instance.isEmpty()) {
            log.error("{}: lvs_sync_daemon: there is no vrrp_instance {}; no connection sync daemon runs", line.where(), name);
            return Optional.empty();
        }
        return open(line, drivers, "VRRP keeps running")
                .map(d -> SyncDaemonFollower.following(line, name, instance.get().virtualRouterId(), d));
    }

    /** For the checker subsystem: both daemons when the line names no instance, else none. */
    public static Optional<SyncDaemonFollower> forCheckers(KeepalivedConfig config, IpvsDriver driver) {
        Optional<LvsSyncDaemonLine> read = readLogged(config, false);
        if (read.isEmpty() || read.get().instance().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(SyncDaemonFollower.both(read.get(), driver));
    }

    /** Reads the line; its problems are logged by the side that runs it (VRRP when it names an instance). */
    private static Optional<LvsSyncDaemonLine> readLogged(KeepalivedConfig config, boolean vrrpSide) {
        return config.globalDefs().lvsSyncDaemon().flatMap(r -> {
            LvsSyncDaemonLine.Reading reading = LvsSyncDaemonLine.read(r);
            boolean mine = reading.line().map(l -> l.instance().isPresent() == vrrpSide).orElse(vrrpSide);
            if (mine) {
                reading.problems().forEach(p -> log.warn("{}", p));
            }
            return reading.line();
        });
    }

    private static Optional<IpvsDriver> open(LvsSyncDaemonLine line, Supplier<IpvsDriver> drivers, String carryOn) {
        try {
            return Optional.of(drivers.get());
        } catch (RuntimeException e) {
            log.error("{}: lvs_sync_daemon: {}; no connection sync daemon runs; {}", line.where(), e.getMessage(), carryOn);
            return Optional.empty();
        }
    }
}
