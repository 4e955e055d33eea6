package io.javalived.daemon;

import io.javalived.daemon.cli.ConfigCommand;
import io.javalived.daemon.cli.ConfigTest;
import io.javalived.daemon.cli.ConfigTestShortcut;
import io.javalived.daemon.cli.DaemonShortcut;
import io.javalived.daemon.cli.KeepalivedOptions;
import io.javalived.daemon.cli.SignalNames;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import io.javalived.daemon.cli.DrillElsewhere;
import io.javalived.daemon.log.LogTarget;
import io.javalived.daemon.ops.ReloadCommand;
import io.javalived.daemon.ops.StatusCommand;
import io.javalived.ipvs.cli.IpvsadmCommand;

/**
 * Entry point of the javalived process: keepalived's command line plus javalived's own subcommands.
 * Kept small: each action lives in its own class.
 */
@Command(name = "javalived", versionProvider = Version.class,
        description = "A keepalived-compatible high-availability manager for Linux Virtual Server.")
public final class Main implements Callable<Integer> {

    /**
     * javalived's own subcommands, by name. Only the one named on the command line (all of them for help)
     * is registered: building picocli's model of every command costs a tenth of a second at each start.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("config", ConfigCommand::new);
        SUBCOMMANDS.put("status", StatusCommand::new);
        SUBCOMMANDS.put("reload", ReloadCommand::new);
        SUBCOMMANDS.put("ipvsadm", IpvsadmCommand::new);
        SUBCOMMANDS.put("drill", DrillElsewhere::new); // the launcher runs the drill module
    }

    @Mixin
    KeepalivedOptions options = new KeepalivedOptions();

    public static void main(String[] args) {
        DaemonLogProvider.select();
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        OptionalInt quick = ConfigTestShortcut.run(args);
        if (quick.isPresent()) {
            return quick.getAsInt();
        }
        java.util.Optional<KeepalivedOptions> daemon = DaemonShortcut.parse(args);
        if (daemon.isPresent()) {
            Main m = new Main();
            m.options = daemon.get();
            try {
                return m.call();
            } catch (IOException | RuntimeException e) {
                System.err.println("javalived: " + e.getMessage()); // as the execution-exception handler below
                return 1;
            }
        }
        CommandLine cl = new CommandLine(new Main());
        boolean help = Arrays.stream(args).anyMatch(a -> a.equals("-h") || a.equals("--help"));
        Set<String> named = new java.util.HashSet<>(Arrays.asList(args));
        SUBCOMMANDS.forEach((name, factory) -> {
            if (help || named.contains(name)) {
                cl.addSubcommand(name, factory.get());
            }
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("javalived: " + e.getMessage());
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        if (options.version) {
            System.out.println(new Version().getVersion()[0]);
            return 0;
        }
        if (options.signum != null) {
            OptionalInt n = SignalNames.number(options.signum);
            if (n.isEmpty()) {
                System.err.println("Unknown sigfunc " + options.signum);
                return 1;
            }
            System.out.println(n.getAsInt());
            return 0;
        }
        if (options.configTest != null) {
            if (options.configTest.isEmpty()) {
                return ConfigTest.run(options.configFile, options.configId, !options.noHostChecks, System.err);
            }
            try (PrintStream log = new PrintStream(new FileOutputStream(options.configTest, true), true,
                    StandardCharsets.UTF_8)) {
                return ConfigTest.run(options.configFile, options.configId, !options.noHostChecks, log);
            }
        }
        if (!"kernel".equals(options.ipvs) && !"memory".equals(options.ipvs)) {
            System.err.println("--ipvs " + options.ipvs + ": expected kernel or memory");
            return 1;
        }
        LogSetup.forDaemon(LogTarget.of(options));
        try {
            return Daemon.forOptions(options).run();
        } finally {
            LogSetup.flush();
        }
    }
}
