package io.javalived.daemon.ops;

import io.javalived.daemon.reload.ConfigSnapshot;
import io.javalived.daemon.reload.ConfigSnapshots;
import io.javalived.daemon.reload.ReloadPlan;
import io.javalived.daemon.reload.ReloadPlanner;
import io.javalived.daemon.status.RunningState;
import io.javalived.parser.ParseOptions;
import io.javalived.parser.ParseResult;
import io.javalived.parser.diag.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import io.javalived.daemon.config.ConfigLoader;

/**
 * {@code javalived reload --plan -f FILE [--from OLD_FILE]}: what a reload with FILE would change, touching
 * nothing. The running configuration comes from the running daemon's state file (the snapshot it took when
 * it loaded, so a file edited in place is compared with what really runs), or from {@code --from}.
 * Exit code: 0 nothing would change, 1 changes would be applied, 2 the reload would be refused, 3 no plan
 * (no running daemon and no --from, unreadable file).
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"Show what a reload (SIGHUP) with a configuration file would change, without touching anything.",
                "Exit code: 0 nothing would change, 1 changes, 2 the reload would be refused, 3 no plan could be made."})
public final class ReloadCommand implements Callable<Integer> {

    @Option(names = "--plan", description = "Print the plan (required: this command never applies anything itself; "
            + "apply with 'systemctl reload javalived' or kill -HUP).")
    boolean plan;

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE", description = "The new configuration (default ${DEFAULT-VALUE}).")
    Path file = Path.of("/etc/keepalived/keepalived.conf");

    @Option(names = "--from", paramLabel = "OLD_FILE",
            description = "Compare with this configuration instead of the running daemon's.")
    Path from;

    @Option(names = {"-i", "--config-id"}, paramLabel = "ID",
            description = "Config id for @ID lines (default: the running daemon's, else the host name up to the first dot).")
    String configId;

    @Option(names = "--state-file", paramLabel = "FILE",
            description = "The running daemon's state file (default: beside -p PIDFILE, else /run/javalived/state.json).")
    Path stateFileOption;

    @Option(names = {"-p", "--pid"}, paramLabel = "PIDFILE", description = "The running daemon's -p pid file, to find its state file.")
    Path pidFile;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        if (!plan) {
            err.println("javalived reload: add --plan to see what a reload would change; to apply it, send SIGHUP "
                    + "to the daemon (systemctl reload javalived, or kill -HUP with the pid from /run/javalived.pid)");
            return 3;
        }
        ConfigSnapshot running;
        String against;
        Optional<String> id = Optional.ofNullable(configId);
        if (from != null) {
            Optional<ParseResult> old = parse(from, id);
            if (old.isEmpty()) {
                return 3;
            }
            if (old.get().hasAtLeast(Severity.FATAL)) {
                err.println("javalived reload: " + from + " cannot run, so it cannot be the running configuration:");
                old.get().diagnostics().stream().filter(d -> d.severity() == Severity.FATAL)
                        .forEach(d -> err.println("  " + ReloadPlanner.describe(d)));
                return 3;
            }
            running = ConfigSnapshots.of(old.get());
            against = from.toString();
        } else {
            Optional<RunningState> state;
            try {
                state = RunningState.read(stateFile());
            } catch (IOException e) {
                err.println("javalived reload: " + e.getMessage());
                return 3;
            }
            if (state.isEmpty()) {
                err.println("javalived reload: no running javalived found (no live state file " + stateFile()
                        + "); name the running configuration with --from OLD_FILE");
                return 3;
            }
            running = state.get().config();
            against = "the running daemon (pid " + state.get().pid() + ", " + state.get().configFile() + " loaded at "
                    + state.get().loadedAt() + ")";
            if (id.isEmpty()) {
                id = state.get().configId();
            }
        }
        Optional<ParseResult> next = parse(file, id);
        if (next.isEmpty()) {
            return 3;
        }
        ReloadPlan p = ReloadPlanner.plan(running, next.get());
        out.println("Reload plan for " + file + " against " + against + ":");
        out.print(ReloadPlanText.render(p, running));
        return p.isRefused() ? 2 : p.isEmpty() ? 0 : 1;
    }

    private Optional<ParseResult> parse(Path f, Optional<String> id) {
        if (!Files.isReadable(f)) {
            err.println("javalived reload: cannot read " + f);
            return Optional.empty();
        }
        ParseOptions options = ParseOptions.forThisHost();
        if (id.isPresent()) {
            options = options.withConfigId(id.get());
        }
        return Optional.of(ConfigLoader.load(f, options));
    }

    Path stateFile() {
        return RunningState.fileFor(stateFileOption, pidFile);
    }
}
