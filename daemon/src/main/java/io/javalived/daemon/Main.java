package io.javalived.daemon;

import io.javalived.daemon.cli.ConfigCommand;
import io.javalived.daemon.cli.ConfigTest;
import io.javalived.daemon.cli.KeepalivedOptions;
import io.javalived.daemon.cli.SignalNames;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/**
 * Entry point of the javalived process: keepalived's command line plus javalived's own subcommands.
 * Kept small: each action lives in its own class.
 */
@Command(name = "javalived", version = "javalived 0.1.0 (keepalived 2.2.7 compatible configuration)",
        description = "A keepalived-compatible high-availability manager for Linux Virtual Server.",
        subcommands = {ConfigCommand.class, io.javalived.daemon.ops.StatusCommand.class,
                io.javalived.daemon.ops.ReloadCommand.class, io.javalived.daemon.drill.DrillCommand.class})
public final class Main implements Callable<Integer> {

    @Mixin
    KeepalivedOptions options = new KeepalivedOptions();

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main())
                .addSubcommand("ipvsadm", new io.javalived.ipvs.cli.IpvsadmCommand());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("javalived: " + e.getMessage());
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        if (options.version) {
            System.out.println(new CommandLine(this).getCommandSpec().version()[0]);
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
                return ConfigTest.run(options.configFile, options.configId, System.err);
            }
            try (PrintStream log = new PrintStream(new FileOutputStream(options.configTest, true), true,
                    StandardCharsets.UTF_8)) {
                return ConfigTest.run(options.configFile, options.configId, log);
            }
        }
        return Daemon.forOptions(options).run();
    }
}
