package io.javalived.daemon.cli;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The daemon's usual command lines ({@code -n -l -D -P -f FILE -p FILE ...}) read without building picocli's model:
 * picocli's classes are compiled for Java 5, so the JDK's AOT cache cannot hold them and building its model of
 * keepalived's ~50 options cost about 0.1 s of every daemon start. The options it takes are a plain table
 * ({@link Opt}), not read from {@link KeepalivedOptions}' {@code @Option} annotations at start (reflection, annotation
 * proxies and lambdas at every start); {@code DaemonShortcutTest} fails when the table and picocli's model of those
 * annotations disagree. Only the plain forms are taken: each argument exactly one option's name, a flag at most once,
 * a one-value option followed by its value (not empty, not starting with '-' or '@'). Anything else
 * ({@code --opt=value}, clustered flags, an option whose value is optional, help, a subcommand, an {@code @file}, a
 * repeated option) is left to picocli, so every other form keeps picocli's exact behaviour and messages.
 */
public final class DaemonShortcut {
    private DaemonShortcut() {}

    /**
     * The options of {@link KeepalivedOptions} the shortcut takes, with their names: the flags, and the String or
     * Path options that take exactly one value (not help or version help, no optional value).
     */
    enum Opt {
        USE_FILE(false, "-f", "--use-file"),
        NO_HOST_CHECKS(true, "--no-host-checks"),
        CONFIG_ID(false, "-i", "--config-id"),
        SIGNUM(false, "--signum"),
        VERSION(true, "-v", "--version"),
        STATUS_LISTEN(false, "--status-listen"),
        STATE_FILE(false, "--state-file"),
        IPVS(false, "--ipvs"),
        VRRP(true, "-P", "--vrrp"),
        CHECK(true, "-C", "--check"),
        NO_BFD(true, "-B", "--no_bfd"),
        ALL(true, "--all"),
        LOG_CONSOLE(true, "-l", "--log-console"),
        LOG_DETAIL(true, "-D", "--log-detail"),
        LOG_FACILITY(false, "-S", "--log-facility"),
        FLUSH_LOG_FILE(true, "--flush-log-file"),
        NO_SYSLOG(true, "-G", "--no-syslog"),
        RELEASE_VIPS(true, "-X", "--release-vips"),
        DONT_RELEASE_VRRP(true, "-V", "--dont-release-vrrp"),
        DONT_RELEASE_IPVS(true, "-I", "--dont-release-ipvs"),
        DONT_RESPAWN(true, "-R", "--dont-respawn"),
        DONT_FORK(true, "-n", "--dont-fork"),
        DUMP_CONF(true, "-d", "--dump-conf"),
        PID(false, "-p", "--pid"),
        VRRP_PID(false, "-r", "--vrrp_pid"),
        CHECKERS_PID(false, "-c", "--checkers_pid"),
        BFD_PID(false, "-b", "--bfd_pid"),
        ADDRESS_MONITORING(true, "-a", "--address-monitoring"),
        NAMESPACE(false, "-s", "--namespace"),
        ALL_CONFIG(true, "-e", "--all-config"),
        SNMP(true, "-x", "--snmp"),
        SNMP_AGENT_SOCKET(false, "-A", "--snmp-agent-socket"),
        UMASK(false, "-u", "--umask"),
        CORE_DUMP(true, "-m", "--core-dump"),
        NO_MEM_CHECK(true, "--no-mem-check"),
        IGNORE_SIGINT(true, "--ignore-sigint");

        final boolean flag;
        final String[] names;

        Opt(boolean flag, String... names) {
            this.flag = flag;
            this.names = names;
        }

        /** Sets this option in {@code o}: a flag to true, else to {@code value}. */
        void set(KeepalivedOptions o, String value) {
            switch (this) {
                case USE_FILE -> o.configFile = Path.of(value);
                case NO_HOST_CHECKS -> o.noHostChecks = true;
                case CONFIG_ID -> o.configId = value;
                case SIGNUM -> o.signum = value;
                case VERSION -> o.version = true;
                case STATUS_LISTEN -> o.statusListen = value;
                case STATE_FILE -> o.stateFile = Path.of(value);
                case IPVS -> o.ipvs = value;
                case VRRP -> o.vrrpOnly = true;
                case CHECK -> o.checkOnly = true;
                case NO_BFD -> o.noBfd = true;
                case ALL -> o.all = true;
                case LOG_CONSOLE -> o.logConsole = true;
                case LOG_DETAIL -> o.logDetail = true;
                case LOG_FACILITY -> o.logFacility = value;
                case FLUSH_LOG_FILE -> o.flushLogFile = true;
                case NO_SYSLOG -> o.noSyslog = true;
                case RELEASE_VIPS -> o.releaseVips = true;
                case DONT_RELEASE_VRRP -> o.dontReleaseVrrp = true;
                case DONT_RELEASE_IPVS -> o.dontReleaseIpvs = true;
                case DONT_RESPAWN -> o.dontRespawn = true;
                case DONT_FORK -> o.dontFork = true;
                case DUMP_CONF -> o.dumpConf = true;
                case PID -> o.pidFile = Path.of(value);
                case VRRP_PID -> o.vrrpPidFile = Path.of(value);
                case CHECKERS_PID -> o.checkersPidFile = Path.of(value);
                case BFD_PID -> o.bfdPidFile = Path.of(value);
                case ADDRESS_MONITORING -> o.addressMonitoring = true;
                case NAMESPACE -> o.namespace = value;
                case ALL_CONFIG -> o.allConfig = true;
                case SNMP -> o.snmp = true;
                case SNMP_AGENT_SOCKET -> o.snmpAgentSocket = value;
                case UMASK -> o.umask = value;
                case CORE_DUMP -> o.coreDump = true;
                case NO_MEM_CHECK -> o.noMemCheck = true;
                case IGNORE_SIGINT -> o.ignoreSigint = true;
            }
        }

        private static final Map<String, Opt> BY_NAME = new HashMap<>();

        static {
            for (Opt opt : values()) {
                for (String n : opt.names) BY_NAME.put(n, opt);
            }
        }

        /** The option {@code name} names, or null. */
        static Opt named(String name) {
            return BY_NAME.get(name);
        }
    }

    /** The options {@code args} sets when it is such a command line, else empty (picocli reads it). */
    public static Optional<KeepalivedOptions> parse(String[] args) {
        KeepalivedOptions o = new KeepalivedOptions();
        Set<Opt> seen = EnumSet.noneOf(Opt.class);
        try {
            for (int i = 0; i < args.length; i++) {
                Opt opt = Opt.named(args[i]);
                if (opt == null || !seen.add(opt)) {
                    return Optional.empty();
                }
                if (opt.flag) {
                    opt.set(o, null);
                    continue;
                }
                if (i + 1 >= args.length) {
                    return Optional.empty();
                }
                String v = args[++i];
                if (v.isEmpty() || v.startsWith("-") || v.startsWith("@")) {
                    return Optional.empty();
                }
                opt.set(o, v);
            }
        } catch (RuntimeException e) {
            return Optional.empty(); // e.g. a path the file system refuses: picocli reports it
        }
        return Optional.of(o);
    }
}
