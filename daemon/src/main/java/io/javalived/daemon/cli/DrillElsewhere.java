package io.javalived.daemon.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code drill} in the daemon's command list: the drill is a module of its own (drill/, io.javalived.drill) that
 * the daemon does not depend on, so it is never on the daemon's classpath. The launcher runs the drill's own main
 * for {@code javalived drill ...}; this entry lists it in {@code javalived --help} and, when the daemon's main is
 * started with {@code drill} some other way, says where the drill is.
 */
@Command(name = "drill", description = "Failover drill (root) of the seed's lb01/lb02 pair in network namespaces, "
        + "with a timed report: 'javalived drill --help' lists its options.")
public final class DrillElsewhere implements Callable<Integer> {
    @Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        System.err.println("javalived drill: the drill is not on this classpath (it is the drill module: "
                + "drill/target/drill-*.jar with drill/target/lib); run it with the launcher, ./javalived drill");
        return 1;
    }
}
