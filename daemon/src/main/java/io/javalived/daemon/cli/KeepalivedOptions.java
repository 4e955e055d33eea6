package io.javalived.daemon.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import io.javalived.daemon.status.StatusListen;

/**
 * keepalived's command-line options (reference section 4), same names and meanings. The run path acts on those
 * the daemon README lists (logging: {@code -l -D -S -G}, see {@code daemon.log.LogTarget}); the others are accepted
 * for compatibility.
 */
public final class KeepalivedOptions {
    public static final Path DEFAULT_CONFIG = Path.of("/etc/keepalived/keepalived.conf");

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE", description = "Use the specified configuration file (default ${DEFAULT-VALUE}).")
    public Path configFile = DEFAULT_CONFIG;

    @Option(names = {"-t", "--config-test"}, arity = "0..1", fallbackValue = "", paramLabel = "LOGFILE",
            description = "Check the configuration and exit: 0 clean, 5 errors but it would run, 4 it cannot run. Messages go to stderr, or to LOGFILE.")
    public String configTest;

    @Option(names = "--no-host-checks", description = "With -t: do not check this host's interfaces (a file tested on another machine).")
    public boolean noHostChecks;

    @Option(names = {"-i", "--config-id"}, paramLabel = "ID", description = "Use ID for @ID conditional lines (default: host name up to the first dot).")
    public String configId;

    @Option(names = "--signum", paramLabel = "SIGFUNC", description = "Print the signal number for SIGFUNC (RELOAD, STOP, DATA, STATS, STATS_CLEAR, JSON) and exit.")
    public String signum;

    @Option(names = {"-v", "--version"}, description = "Display the version and exit.")
    public boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help and exit.")
    public boolean help;

    // javalived's own (daemon.ops): the status endpoint and the state file 'reload --plan' and 'status' read.
    @Option(names = "--status-listen", paramLabel = "HOST:PORT|off", description = "Serve /status and /metrics here (default ${DEFAULT-VALUE}; off: none).")
    public String statusListen = StatusListen.DEFAULT;
    @Option(names = "--state-file", paramLabel = "FILE", description = "Where the running daemon describes itself for 'reload --plan' and 'status' (default: beside a -p pid file as NAME.state.json, else /run/javalived/state.json).")
    public Path stateFile;
    @Option(names = "--ipvs", paramLabel = "kernel|memory", description = "Where the checkers' IPVS table lives: the kernel's (default) or "
            + "this process's memory (memory: nothing reaches the kernel; to run a configuration's checks, /status and /metrics on a host without IPVS).")
    public String ipvs = "kernel";

    // Accepted for keepalived compatibility; acted on by the daemon's run path.
    @Option(names = {"-P", "--vrrp"}, description = "Only run with VRRP subsystem.")
    public boolean vrrpOnly;
    @Option(names = {"-C", "--check"}, description = "Only run with Health-checker subsystem.")
    public boolean checkOnly;
    @Option(names = {"-B", "--no_bfd"}, description = "Don't run BFD subsystem.")
    public boolean noBfd;
    @Option(names = "--all", description = "Force all child processes to run, even if they have no configuration.")
    public boolean all;
    @Option(names = {"-l", "--log-console"}, description = "Log messages to local console.")
    public boolean logConsole;
    @Option(names = {"-D", "--log-detail"}, description = "Detailed log messages.")
    public boolean logDetail;
    @Option(names = {"-S", "--log-facility"}, paramLabel = "FACILITY", description = "Set syslog facility to LOG_LOCAL[0-7] (or user, daemon).")
    public String logFacility;
    @Option(names = {"-g", "--log-file"}, arity = "0..1", fallbackValue = "/tmp/keepalived.log", paramLabel = "FILE", description = "Also log to FILE.")
    public String logFile;
    @Option(names = "--flush-log-file", description = "Flush log file on write.")
    public boolean flushLogFile;
    @Option(names = {"-G", "--no-syslog"}, description = "Don't log via syslog.")
    public boolean noSyslog;
    @Option(names = {"-X", "--release-vips"}, description = "Drop VIP on transition from signal.")
    public boolean releaseVips;
    @Option(names = {"-V", "--dont-release-vrrp"}, description = "Don't remove VRRP VIPs and VROUTEs on daemon stop.")
    public boolean dontReleaseVrrp;
    @Option(names = {"-I", "--dont-release-ipvs"}, description = "Don't remove IPVS topology on daemon stop.")
    public boolean dontReleaseIpvs;
    @Option(names = {"-R", "--dont-respawn"}, description = "Don't respawn child processes.")
    public boolean dontRespawn;
    @Option(names = {"-n", "--dont-fork"}, description = "Don't fork the daemon process.")
    public boolean dontFork;
    @Option(names = {"-d", "--dump-conf"}, description = "Dump the configuration data.")
    public boolean dumpConf;
    @Option(names = {"-p", "--pid"}, paramLabel = "FILE", description = "Use specified pidfile for parent process.")
    public Path pidFile;
    @Option(names = {"-r", "--vrrp_pid"}, paramLabel = "FILE", description = "Use specified pidfile for VRRP child process.")
    public Path vrrpPidFile;
    @Option(names = {"-c", "--checkers_pid"}, paramLabel = "FILE", description = "Use specified pidfile for checkers child process.")
    public Path checkersPidFile;
    @Option(names = {"-b", "--bfd_pid"}, paramLabel = "FILE", description = "Use specified pidfile for BFD child process.")
    public Path bfdPidFile;
    @Option(names = {"-a", "--address-monitoring"}, description = "Report all address additions/deletions notified via netlink.")
    public boolean addressMonitoring;
    @Option(names = {"-s", "--namespace"}, paramLabel = "NAME", description = "Run in network namespace NAME (overrides config).")
    public String namespace;
    @Option(names = {"-e", "--all-config"}, description = "Don't load if any configuration file is missing.")
    public boolean allConfig;
    @Option(names = {"-x", "--snmp"}, description = "Enable SNMP subsystem.")
    public boolean snmp;
    @Option(names = {"-A", "--snmp-agent-socket"}, paramLabel = "FILE", description = "Use the specified socket for master agent.")
    public String snmpAgentSocket;
    @Option(names = {"-u", "--umask"}, paramLabel = "NUMBER", description = "umask for file creation (in numeric form).")
    public String umask;
    @Option(names = {"-m", "--core-dump"}, description = "Produce core dump if terminate abnormally.")
    public boolean coreDump;
    @Option(names = {"-M", "--core-dump-pattern"}, arity = "0..1", fallbackValue = "core", paramLabel = "PATTERN", description = "Also set /proc/sys/kernel/core_pattern.")
    public String coreDumpPattern;
    @Option(names = "--config-fd", paramLabel = "FD", hidden = true)
    public Integer configFd;
    @Option(names = "--perf", arity = "0..1", paramLabel = "TYPE", hidden = true)
    public String perf;
    @Option(names = "--debug", arity = "0..1", paramLabel = "OPTIONS", hidden = true)
    public String debug;
    @Option(names = "--no-mem-check", hidden = true)
    public boolean noMemCheck;
    @Option(names = "--ignore-sigint", description = "Ignore SIGINT (for use with gdb).")
    public boolean ignoreSigint;
}
