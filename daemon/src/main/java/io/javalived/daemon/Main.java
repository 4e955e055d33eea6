package io.javalived.daemon;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the javalived process: keepalived's command line plus javalived's own subcommands. */
@Command(name = "javalived", mixinStandardHelpOptions = true, version = "javalived 0.1.0",
        description = "A keepalived-compatible high-availability manager for Linux Virtual Server.")
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main())
                .addSubcommand("ipvsadm", new io.javalived.ipvs.cli.IpvsadmCommand())
                .execute(args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
