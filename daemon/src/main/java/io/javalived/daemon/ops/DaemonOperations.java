package io.javalived.daemon.ops;

import io.javalived.daemon.Subsystem;
import io.javalived.daemon.VrrpSubsystem;
import io.javalived.daemon.dump.DumpPaths;
import io.javalived.daemon.reload.ConfigSnapshots;
import io.javalived.daemon.reload.ReloadCoordinator;
import io.javalived.daemon.status.DaemonInfo;
import io.javalived.daemon.status.StatusListen;
import io.javalived.daemon.status.StatusSource;
import io.javalived.parser.ParseResult;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import io.javalived.daemon.status.RunningState;

/**
 * Connects {@link Operations} to the daemon's run path: the running subsystems become status sources (the
 * VRRP subsystem through {@link VrrpStatusAdapter}; any subsystem that is itself a {@link StatusSource}
 * directly) and reload targets (any subsystem that is a {@link ReloadCoordinator.Target}); the daemon's SIGHUP asks
 * {@link Operations#requestReload()}.
 */
public final class DaemonOperations {
    private DaemonOperations() {}

    /** The operator-side settings from the command line. */
    public record Options(Optional<StatusListen> statusListen, Path stateFile) {
        public static Options defaults() {
            return new Options(Optional.of(StatusListen.parse(StatusListen.DEFAULT)), RunningState.DEFAULT_FILE);
        }
    }

    public static Operations start(Options options, String version, Path configFile, Optional<String> configId,
                                   ParseResult parsed, Supplier<ParseResult> reparse, List<Subsystem> subsystems) {
        List<StatusSource> sources = new ArrayList<>();
        List<ReloadCoordinator.Target> targets = new ArrayList<>();
        List<VrrpStatusAdapter> adapters = new ArrayList<>();
        for (Subsystem s : subsystems) {
            if (s instanceof StatusSource source) {
                sources.add(source);
            }
            if (s instanceof VrrpSubsystem vrrp) {
                VrrpStatusAdapter adapter = VrrpStatusAdapter.of(vrrp.engine(), parsed.config());
                adapters.add(adapter);
                sources.add(adapter);
            }
            if (s instanceof ReloadCoordinator.Target target) {
                targets.add(target);
            }
        }
        Instant started = ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
        DaemonInfo info = new DaemonInfo(version, ProcessHandle.current().pid(), started, configFile.toString(),
                parsed.config().globalDefs().routerId());
        var snapshot = ConfigSnapshots.of(parsed);
        Operations ops = Operations.start(new Operations.Settings(options.statusListen(), options.stateFile(),
                DumpPaths.of(parsed.config().globalDefs()), true), info, sources, snapshot, configId);
        ops.reloadWith(new ReloadCoordinator(reparse, snapshot, targets,
                (outcome, next) -> {
                    if (outcome.applied() || outcome.changes() > 0) {
                        adapters.forEach(a -> a.reloaded(next.config()));
                    }
                    ops.reloaded(outcome, ConfigSnapshots.of(next), DumpPaths.of(next.config().globalDefs()));
                },
                Clock.systemUTC()));
        return ops;
    }
}
