package io.javalived.daemon;

import io.javalived.net.netns.InNamespace;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.RawValue;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;

/**
 * keepalived's {@code net_namespace NAME} (root level or in global_defs) and {@code -s NAME}, which overrides it:
 * the daemon enters the namespace {@code /run/netns/NAME} on its main thread before any subsystem starts, so every
 * socket (VRRP, rtnetlink, IPVS, checkers, the status endpoint) and every thread started later is in it.
 */
final class NetNamespace {
    static final Path NETNS_DIR = Path.of("/run/netns");

    private NetNamespace() {}

    /** The namespace this run should enter: -s, else the configuration's last net_namespace. */
    static Optional<String> wanted(Optional<String> commandLine, KeepalivedConfig config, Logger log) {
        Optional<String> configured = Stream.concat(config.otherKeywords().stream(), config.globalDefs().other().stream())
                .filter(v -> v.keyword().equals("net_namespace") && !v.args().isEmpty())
                .map(RawValue::args).map(a -> a.getFirst()).reduce((a, b) -> b);
        if (commandLine.isPresent() && configured.isPresent() && !configured.equals(commandLine)) {
            log.info("Overriding config net_namespace '{}' with command line namespace '{}'", configured.get(),
                    commandLine.get());
        }
        return commandLine.or(() -> configured);
    }

    /**
     * Enters the namespace; false (with keepalived's line and the reason) when it cannot: the caller exits.
     * keepalived 2.2.7 logs "Unable to set network namespace NAME - exiting" and exits with status 0; javalived exits
     * non-zero so a service manager sees the failure.
     */
    static boolean enter(String name, Logger log) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            log.error("Unable to set network namespace '{}' - exiting: not a namespace name", name);
            return false;
        }
        Path file = NETNS_DIR.resolve(name);
        try {
            InNamespace.enterOnThisThread(file);
        } catch (RuntimeException e) {
            String why = e.getMessage() != null && e.getMessage().contains("ENOENT")
                    ? file + " does not exist (create it with 'ip netns add " + name + "')" : e.getMessage();
            log.error("Unable to set network namespace {} - exiting: {}", name, why);
            return false;
        }
        log.info("Running in network namespace {} ({})", name, file);
        return true;
    }
}
