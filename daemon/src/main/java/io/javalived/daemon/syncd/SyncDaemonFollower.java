package io.javalived.daemon.syncd;

import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.IpvsException;
import io.javalived.ipvs.SyncDaemon;
import io.javalived.ipvs.SyncState;
import io.javalived.net.ffm.Errno;
import io.javalived.vrrp.runtime.StateListener;
import io.javalived.vrrp.state.VrrpState;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the kernel's IPVS connection sync daemons as {@code lvs_sync_daemon} asks, as keepalived 2.2.7 does: with
 * an instance named, they follow its state (MASTER: the master daemon only; BACKUP, FAULT, INIT: the backup daemon
 * only; STOP: none); with none named, both run while the checkers run. The kernel calls run on a thread of its own
 * (never the VRRP loop), in the order the changes came. A call that fails (an interface that does not exist...) is
 * logged once as one line naming the config line, and retried at the next state change; the same failure again is
 * logged at DEBUG only, a success after it at INFO.
 */
public final class SyncDaemonFollower implements StateListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncDaemonFollower.class);

    private final LvsSyncDaemonLine line;
    private final Optional<String> instance;
    private final int syncId;
    private final IpvsDriver driver;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lvs-syncd");
        t.setDaemon(true);
        return t;
    });
    /** The roles this follower started and has not stopped (worker thread only). */
    private final Set<SyncState> running = EnumSet.noneOf(SyncState.class);
    /** The last failure logged at ERROR, so that the same one is not logged again (worker thread only). */
    private String lastFailure;

    private SyncDaemonFollower(LvsSyncDaemonLine line, Optional<String> instance, int syncId, IpvsDriver driver) {
        this.line = line;
        this.instance = instance;
        this.syncId = syncId;
        this.driver = driver;
    }

    /** Daemons that follow {@code instance}'s state; the sync id defaults to its {@code vrid}. */
    public static SyncDaemonFollower following(LvsSyncDaemonLine line, String instance, int vrid, IpvsDriver driver) {
        return new SyncDaemonFollower(line, Optional.of(instance), line.syncId().orElse(vrid), driver);
    }

    /** keepalived's mode without an instance: master and backup both run (sync id 0 unless given) until closed. */
    public static SyncDaemonFollower both(LvsSyncDaemonLine line, IpvsDriver driver) {
        SyncDaemonFollower f = new SyncDaemonFollower(line, Optional.empty(), line.syncId().orElse(0), driver);
        f.worker.execute(() -> f.apply(EnumSet.allOf(SyncState.class), "start"));
        return f;
    }

    /** The instance followed, if any. */
    public Optional<String> instance() {
        return instance;
    }

    public LvsSyncDaemonLine line() {
        return line;
    }

    @Override
    public void stateChanged(String name, VrrpState from, VrrpState to) {
        if (instance.isEmpty() || !instance.get().equals(name)) {
            return;
        }
        Set<SyncState> wanted = switch (to) {
            case MASTER -> EnumSet.of(SyncState.MASTER);
            case STOP -> EnumSet.noneOf(SyncState.class);
            case BACKUP, FAULT, INIT -> EnumSet.of(SyncState.BACKUP);
        };
        try {
            worker.execute(() -> apply(wanted, to.name()));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("{}: {} {} after the sync daemons were closed", line.where(), name, to);
        }
    }

    /** The sync daemons the kernel runs now (this follower's and any other's); empty when it cannot say. */
    public List<SyncDaemon> kernelDaemons() {
        try {
            return driver.daemons();
        } catch (RuntimeException e) {
            log.debug("cannot list the sync daemons: {}", e.getMessage());
            return List.of();
        }
    }

    /** Stops the daemons this follower started and waits for it (at most 5 s). */
    @Override
    public void close() {
        try {
            worker.submit(() -> apply(EnumSet.noneOf(SyncState.class), "stop")).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("{}: the sync daemons were not stopped within 5 s: {}", line.where(), e.toString());
        } finally {
            worker.shutdownNow();
        }
    }

    /** Stops the roles not wanted, then starts the wanted ones not running (keepalived's order). */
    private void apply(Set<SyncState> wanted, String why) {
        for (SyncState s : List.copyOf(running)) {
            if (!wanted.contains(s)) {
                stop(s);
            }
        }
        for (SyncState s : wanted) {
            if (!running.contains(s)) {
                start(wanted(s), why);
            }
        }
    }

    /** The daemon of role {@code s} this follower asks the kernel for. */
    public SyncDaemon wanted(SyncState s) {
        return line.daemon(s, syncId);
    }

    /** Drops a follower that never ran (a reload that changed nothing): its thread ends, no kernel call. */
    void discard() {
        worker.shutdownNow();
    }

    private void start(SyncDaemon d, String why) {
        try {
            try {
                driver.startDaemon(d);
            } catch (IpvsException e) {
                if (!e.is(Errno.EEXIST)) {
                    throw e;
                }
                // One of that role already runs (a previous run's, or ipvsadm's): ours replaces it.
                log.info("{}: a {} sync daemon already runs; replacing it", line.where(), d.state().label());
                driver.stopDaemon(d.state());
                driver.startDaemon(d);
            }
            running.add(d.state());
            log.info("{}: lvs_sync_daemon: {} sync daemon started{}{}", line.where(), d,
                    instance.map(i -> " (" + i + " " + why + ")").orElse(""), lastFailure != null ? ", after failing before" : "");
            lastFailure = null;
        } catch (RuntimeException e) {
            // Keyed without the role: a missing interface fails the master and the backup alike, one line in all.
            String failure = "cannot start a sync daemon on " + d.multicastInterface() + ": " + reason(e);
            if (failure.equals(lastFailure)) {
                log.debug("{}: lvs_sync_daemon: {} ({}, again)", line.where(), failure, d.state().label());
            } else {
                lastFailure = failure;
                log.error("{}: lvs_sync_daemon: {}; {}", line.where(), failure, instance
                        .map(i -> "retried at each state change of " + i).orElse("no connection sync daemon runs"));
            }
        }
    }

    private void stop(SyncState s) {
        try {
            driver.stopDaemon(s);
            log.info("{}: lvs_sync_daemon: {} sync daemon stopped", line.where(), s.label());
        } catch (IpvsException e) {
            if (!e.is(Errno.ESRCH)) {
                log.warn("{}: lvs_sync_daemon: cannot stop the {} sync daemon: {}", line.where(), s.label(), reason(e));
            }
        } catch (RuntimeException e) {
            log.warn("{}: lvs_sync_daemon: cannot stop the {} sync daemon: {}", line.where(), s.label(), reason(e));
        }
        running.remove(s);
    }

    private static String reason(RuntimeException e) {
        if (e instanceof IpvsException ie && ie.is(Errno.ENODEV)) {
            return "no such interface";
        }
        return e.getMessage();
    }
}
