package io.javalived.daemon.ops;

import io.javalived.daemon.dump.DumpPaths;
import io.javalived.daemon.dump.DumpSignals;
import io.javalived.daemon.dump.DumpWriter;
import io.javalived.daemon.metrics.DaemonMetrics;
import io.javalived.daemon.reload.ConfigSnapshot;
import io.javalived.daemon.status.DaemonInfo;
import io.javalived.daemon.status.ReloadHistory;
import io.javalived.daemon.status.ReloadOutcome;
import io.javalived.daemon.status.RunningState;
import io.javalived.daemon.status.StatusHttpServer;
import io.javalived.daemon.status.StatusListen;
import io.javalived.daemon.status.StatusService;
import io.javalived.daemon.status.StatusSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import io.javalived.daemon.reload.ReloadCoordinator;

/**
 * The daemon's operator side in one object, for the run path: the status endpoint, the dumps and their
 * signals, the state file, the reload history. Start it once the configuration is loaded and the
 * subsystems exist; tell it about each reload; close it at stop (the state file is removed). Nothing here
 * stops the daemon: a port in use or an unwritable state file is logged and the rest runs.
 */
public final class Operations implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Operations.class);

    /** What the run path knows at start. {@code listen} empty: no status endpoint ({@code --status-listen off}). */
    public record Settings(Optional<StatusListen> listen, Path stateFile, DumpPaths dumps, boolean installSignals) {}

    private final Settings settings;
    private final ReloadHistory reloads = new ReloadHistory();
    private final StatusService status;
    private final DaemonMetrics metrics;
    private final DumpWriter dumps;
    private final DaemonInfo info;
    private StatusHttpServer server;
    private volatile Optional<String> configId = Optional.empty();

    private Operations(Settings settings, DaemonInfo info, List<StatusSource> sources, Clock clock) {
        this.settings = settings;
        this.info = info;
        this.status = new StatusService(clock, () -> info, sources, reloads);
        this.metrics = new DaemonMetrics(status);
        this.dumps = new DumpWriter(status, settings.dumps());
    }

    public static Operations start(Settings settings, DaemonInfo info, List<StatusSource> sources, ConfigSnapshot config,
                                   Optional<String> configId) {
        Operations ops = new Operations(settings, info, sources, Clock.systemUTC());
        ops.configId = configId;
        settings.listen().ifPresent(l -> {
            try {
                ops.server = StatusHttpServer.start(l.address(), ops.status, ops.metrics);
            } catch (RuntimeException e) {
                log.error("{}; running without a status endpoint", e.getMessage());
            }
        });
        if (settings.installSignals()) {
            log.info("dump signals: {}", DumpSignals.install(ops.dumps));
        }
        // Sources that learn transitions by looking (VrrpStatusAdapter) see each one within this period.
        ops.watcher.scheduleAtFixedRate(() -> {
            try {
                sources.forEach(StatusSource::vrrpInstances);
            } catch (RuntimeException e) {
                log.debug("status watch: {}", e.toString());
            }
        }, 0, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
        ops.writeState(config);
        return ops;
    }

    /** The reloads {@link #requestReload()} runs (the run path's SIGHUP). */
    public void reloadWith(ReloadCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    /**
     * Asks for a reload (SIGHUP): each runs on one "reload" thread, in order; requests that arrive while a reload
     * waits to start are merged into it (the file is read when it starts).
     */
    public void requestReload() {
        ReloadCoordinator c = coordinator;
        if (c == null) {
            log.warn("reload requested before the reload side is ready; configuration unchanged");
            return;
        }
        if (reloadPending.compareAndSet(false, true)) {
            reloadThread.execute(() -> {
                reloadPending.set(false);
                c.reload();
            });
        }
    }

    private volatile ReloadCoordinator coordinator;
    private final java.util.concurrent.atomic.AtomicBoolean reloadPending = new java.util.concurrent.atomic.AtomicBoolean();

    private final java.util.concurrent.ScheduledExecutorService watcher = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "status-watch");
                t.setDaemon(true);
                return t;
            });

    private final java.util.concurrent.ExecutorService reloadThread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "reload");
        t.setDaemon(true);
        return t;
    });

    /** After a reload: count it; when applied, the new snapshot and dump paths take effect. */
    public void reloaded(ReloadOutcome outcome, ConfigSnapshot config, DumpPaths dumpPaths) {
        if (outcome.applied()) {
            dumps.setPaths(dumpPaths);
            writeState(config);
        }
        reloads.record(outcome); // last: whoever sees the outcome also finds the new state file
    }

    public StatusService status() {
        return status;
    }

    public DaemonMetrics metrics() {
        return metrics;
    }

    public DumpWriter dumps() {
        return dumps;
    }

    /** Where the endpoint really listens (an ephemeral port resolved), if it does. */
    public Optional<StatusListen> listening() {
        return Optional.ofNullable(server).map(s -> new StatusListen(s.localAddress()));
    }

    private void writeState(ConfigSnapshot config) {
        RunningState state = new RunningState(info.pid(), info.configFile(), configId, java.time.Instant.now(),
                listening().map(l -> l.baseUrl().substring("http://".length())), config);
        try {
            state.write(settings.stateFile());
        } catch (IOException | RuntimeException e) {
            log.warn("cannot write the state file {} ({}); 'javalived reload --plan' will need --from", settings.stateFile(),
                    e.toString());
        }
    }

    @Override
    public void close() {
        reloadThread.shutdownNow();
        watcher.shutdownNow();
        if (server != null) {
            server.close();
        }
        try {
            Files.deleteIfExists(settings.stateFile());
        } catch (IOException e) {
            log.warn("cannot remove the state file {}: {}", settings.stateFile(), e.getMessage());
        }
    }
}
