package io.javalived.daemon;

import java.nio.file.Path;
import java.util.Optional;

/**
 * keepalived's run flags: {@code -f FILE}, {@code -n} (stay in the foreground), {@code -l} (log to the console),
 * {@code -D} (detailed log), {@code -P} (VRRP only), {@code -C} (checkers only), {@code -p/-r/-c} pid files,
 * {@code -i} config id.
 */
public record DaemonOptions(Path configFile, boolean dontFork, boolean logConsole, boolean logDetail,
                            boolean vrrpOnly, boolean checkersOnly, Path pidFile, Path vrrpPidFile,
                            Path checkersPidFile, Optional<String> configId) {
    public static final Path DEFAULT_CONFIG = Path.of("/etc/keepalived/keepalived.conf");
    public static final Path DEFAULT_PID = Path.of("/run/javalived.pid");
    public static final Path DEFAULT_VRRP_PID = Path.of("/run/javalived_vrrp.pid");
    public static final Path DEFAULT_CHECKERS_PID = Path.of("/run/javalived_checkers.pid");

    public boolean runsVrrp() {
        return !checkersOnly || vrrpOnly;
    }

    public boolean runsCheckers() {
        return !vrrpOnly || checkersOnly;
    }
}
