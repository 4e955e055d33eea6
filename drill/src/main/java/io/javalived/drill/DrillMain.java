package io.javalived.drill;

import picocli.CommandLine;

/**
 * Entry point of {@code javalived drill}: the launcher runs this class (with the drill module's classpath) for the
 * {@code drill} subcommand, with the arguments after {@code drill}. Usage, messages and exit codes are those of
 * the subcommand: {@code javalived drill ...}.
 */
public final class DrillMain {
    private DrillMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the drill's command line and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new DrillCommand()).setCommandName("javalived drill");
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("javalived: " + e.getMessage());
            return 1;
        });
        return cl.execute(args);
    }
}
