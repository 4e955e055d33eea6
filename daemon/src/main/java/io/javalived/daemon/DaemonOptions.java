package io.javalived.daemon;

import java.nio.file.Path;
import java.util.Optional;

/**
 * keepalived's run flags: {@code -f FILE}, {@code -n} (stay in the foreground), {@code -l} (log to the console),
 * {@code -D} (detailed log), {@code -P} (VRRP only), {@code -C} (checkers only), {@code -p/-r/-c} pid files,
 * {@code -i} config id, {@code -V} (leave the VIPs at stop), {@code -I} (leave the IPVS table at stop), {@code -X}
 * (remove the VIPs on every transition out of MASTER, even those this run did not add), {@code -d} (dump the
 * configuration at start); and javalived's {@code --ipvs memory} (an in-process IPVS table instead of the kernel's).
 */
public record DaemonOptions(Path configFile, boolean dontFork, boolean logConsole, boolean logDetail,
                            boolean vrrpOnly, boolean checkersOnly, Path pidFile, Path vrrpPidFile,
                            Path checkersPidFile, Optional<String> configId, boolean dontReleaseVrrp,
                            boolean dontReleaseIpvs, boolean releaseVips, boolean dumpConf, boolean ipvsInMemory) {
    public static final Path DEFAULT_CONFIG = Path.of("/etc/keepalived/keepalived.conf");
    public static final Path DEFAULT_PID = Path.of("/run/javalived.pid");
    public static final Path DEFAULT_VRRP_PID = Path.of("/run/javalived_vrrp.pid");
    public static final Path DEFAULT_CHECKERS_PID = Path.of("/run/javalived_checkers.pid");

    /** keepalived's defaults for the stop and dump flags (everything released, no dump), the kernel's IPVS. */
    public DaemonOptions(Path configFile, boolean dontFork, boolean logConsole, boolean logDetail,
                         boolean vrrpOnly, boolean checkersOnly, Path pidFile, Path vrrpPidFile,
                         Path checkersPidFile, Optional<String> configId) {
        this(configFile, dontFork, logConsole, logDetail, vrrpOnly, checkersOnly, pidFile, vrrpPidFile, checkersPidFile,
                configId, false, false, false, false, false);
    }

    public boolean runsVrrp() {
        return !checkersOnly || vrrpOnly;
    }

    public boolean runsCheckers() {
        return !vrrpOnly || checkersOnly;
    }

    public DaemonOptions withDontReleaseIpvs(boolean v) {
        return new DaemonOptions(configFile, dontFork, logConsole, logDetail, vrrpOnly, checkersOnly, pidFile, vrrpPidFile,
                checkersPidFile, configId, dontReleaseVrrp, v, releaseVips, dumpConf, ipvsInMemory);
    }
}
