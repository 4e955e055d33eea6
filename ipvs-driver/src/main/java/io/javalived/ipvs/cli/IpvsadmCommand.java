package io.javalived.ipvs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code javalived ipvsadm ...}: hands every argument, untouched, to {@link Ipvsadm} on this kernel and
 * returns its exit status. Register it in the daemon's picocli command:
 * {@code commandLine.addSubcommand("ipvsadm", new IpvsadmCommand())}.
 */
@Command(name = "ipvsadm", description = "ipvsadm-compatible IPVS table administration (ipvsadm 1.31 options and output)",
        helpCommand = false, mixinStandardHelpOptions = false)
public final class IpvsadmCommand implements Callable<Integer> {
    @Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        return Ipvsadm.onThisKernel().run(arguments.toArray(String[]::new));
    }
}
