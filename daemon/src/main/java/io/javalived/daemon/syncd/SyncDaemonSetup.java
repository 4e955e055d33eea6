package io.javalived.daemon.syncd;

import io.javalived.ipvs.IpvsDriver;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.VrrpInstance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides from the configuration who runs the {@code lvs_sync_daemon} line (or a vrrp_instance's deprecated
 * {@code lvs_sync_daemon_interface}), as keepalived 2.2.7 splits it: a line
 * naming a vrrp_instance belongs to VRRP (the daemons follow that instance), a line naming none to the checkers
 * (both daemons while they run). Every problem is one log line naming the config line; nothing here stops the
 * daemon: an undefined instance or a kernel without IPVS leaves VRRP and the checkers running without sync daemons.
 */
public final class SyncDaemonSetup {
    private static final Logger log = LoggerFactory.getLogger(SyncDaemonSetup.class);
    /** vrrp_instance's deprecated form of the line. */
    static final String DEPRECATED = "lvs_sync_daemon_interface";

    private SyncDaemonSetup() {
    }

    /** The line, if the configuration has one that could be read (its problems not logged). */
    public static Optional<LvsSyncDaemonLine> line(KeepalivedConfig config) {
        return reading(config).flatMap(LvsSyncDaemonLine.Reading::line);
    }

    /**
     * The line in effect, read as keepalived 2.2.7 reads the config: global_defs {@code lvs_sync_daemon} or a
     * vrrp_instance's deprecated {@code lvs_sync_daemon_interface IFNAME}, whichever comes first in the file (the
     * later ones are reported and ignored, as keepalived does).
     */
    static Optional<LvsSyncDaemonLine.Reading> reading(KeepalivedConfig config) {
        record Candidate(RawValue raw, String instance) {}
        List<Candidate> all = new ArrayList<>();
        config.globalDefs().lvsSyncDaemon().ifPresent(r -> all.add(new Candidate(r, null)));
        for (VrrpInstance i : config.vrrpInstances()) {
            i.other().stream().filter(r -> r.keyword().equals(DEPRECATED)).forEach(r -> all.add(new Candidate(r, i.name())));
        }
        if (all.isEmpty()) {
            return Optional.empty();
        }
        // the order keepalived parses them in: file order (the main file's and each included file's lines)
        List<String> files = config.files();
        all.sort(Comparator.comparingInt((Candidate c) -> files.contains(c.raw().location().file())
                ? files.indexOf(c.raw().location().file()) : files.size()).thenComparingInt(c -> c.raw().location().line()));
        Candidate first = all.getFirst();
        LvsSyncDaemonLine.Reading read = first.instance() == null ? LvsSyncDaemonLine.read(first.raw())
                : LvsSyncDaemonLine.deprecatedForm(first.raw(), first.instance());
        if (all.size() == 1 || read.line().isEmpty()) {
            return Optional.of(read);
        }
        List<String> problems = new ArrayList<>(read.problems());
        String ifname = read.line().get().interfaceName();
        for (Candidate later : all.subList(1, all.size())) {
            String where = later.raw().location().toString();
            problems.add(later.instance() == null
                    ? where + ": lvs_sync_daemon has already been specified as " + ifname + " by " + read.line().get().where()
                    + " - ignoring"
                    : where + ": (" + later.instance() + ") lvs_sync_daemon_interface has already been specified as "
                    + ifname + " by " + read.line().get().where() + " - ignoring");
        }
        return Optional.of(new LvsSyncDaemonLine.Reading(read.line(), problems));
    }

    /**
     * The line in effect for reload's comparison: the global line's words after the keyword, or for the deprecated
     * form {@code IFNAME INSTANCE id 0}; "" when there is none.
     */
    public static String describe(KeepalivedConfig config) {
        return line(config).map(l -> config.globalDefs().lvsSyncDaemon()
                .filter(g -> g.location().toString().equals(l.where())).map(g -> String.join(" ", g.args()))
                .orElse(l.interfaceName() + " " + l.instance().orElse("") + " id 0")).orElse("");
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
        return reading(config).flatMap(reading -> {
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
