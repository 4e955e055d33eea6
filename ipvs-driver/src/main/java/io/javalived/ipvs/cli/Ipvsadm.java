package io.javalived.ipvs.cli;

import io.javalived.ipvs.AddressFamily;
import io.javalived.ipvs.Addresses;
import io.javalived.ipvs.Destination;
import io.javalived.ipvs.DestinationEntry;
import io.javalived.ipvs.ForwardingMethod;
import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.IpvsException;
import io.javalived.ipvs.IpvsInfo;
import io.javalived.ipvs.IpvsUnavailableException;
import io.javalived.ipvs.Protocol;
import io.javalived.ipvs.ServiceEntry;
import io.javalived.ipvs.ServiceFlag;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.SyncDaemon;
import io.javalived.ipvs.SyncState;
import io.javalived.ipvs.Timeouts;
import io.javalived.ipvs.Tunnel;
import io.javalived.ipvs.TunnelType;
import io.javalived.ipvs.VirtualService;
import io.javalived.ipvs.cli.PoptParser.Arg;
import io.javalived.ipvs.cli.PoptParser.Found;
import io.javalived.ipvs.cli.PoptParser.Spec;
import io.javalived.ipvs.netlink.NetlinkIpvsDriver;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import io.javalived.ipvs.IpvsOperation;
import io.javalived.net.ffm.Errno;

/**
 * An ipvsadm 1.31-compatible command over an {@link IpvsDriver}: the same options, checks, messages,
 * exit codes (0; 2 for a bad command line; 255 when the kernel refuses; 1 when a listing fails) and
 * byte-identical listings (-L/-l with -n, -c, --stats, --rate, --exact, --thresholds, --persistent-conn,
 * --tun-info, --timeout, --nosort) and -S/-R rules. The driver, names, connection table and streams are
 * injected, so it runs as well on the in-memory kernel in unit tests. A kernel without IPVS is one
 * clear line and exit status 2.
 */
public final class Ipvsadm {
    private static final String PROGRAM = "ipvsadm";
    static final int MAX_TIMEOUT = 86400 * 31;
    static final int DEFAULT_PERSISTENT_TIMEOUT = 360;
    static final String DEF_SCHED = "wlc";
    static final String DEF_MCAST_IFN = "eth0";

    // commands (ipvsadm's CMD_*)
    static final int CMD_NONE = 0, CMD_ADD = 1, CMD_EDIT = 2, CMD_DEL = 3, CMD_FLUSH = 4, CMD_LIST = 5,
            CMD_ADDDEST = 6, CMD_DELDEST = 7, CMD_EDITDEST = 8, CMD_TIMEOUT = 9, CMD_STARTDAEMON = 10,
            CMD_STOPDAEMON = 11, CMD_RESTORE = 12, CMD_SAVE = 13, CMD_ZERO = 14;
    static final String[] CMD_NAMES = {"add-service", "edit-service", "delete-service", "flush", "list",
            "add-server", "delete-server", "edit-server", "set", "start-daemon", "stop-daemon", "restore", "save",
            "zero"};

    // option numbers (OPTC_*)
    static final int O_NUMERIC = 0, O_CONNECTION = 1, O_SERVICE = 2, O_SCHEDULER = 3, O_PERSISTENT = 4,
            O_NETMASK = 5, O_SERVER = 6, O_FORWARD = 7, O_WEIGHT = 8, O_UTHRESHOLD = 9, O_LTHRESHOLD = 10,
            O_MCAST = 11, O_TIMEOUT = 12, O_DAEMON = 13, O_STATS = 14, O_RATE = 15, O_THRESHOLDS = 16,
            O_PERSISTENTCONN = 17, O_NOSORT = 18, O_SYNCID = 19, O_EXACT = 20, O_ONEPACKET = 21, O_PE = 22,
            O_SCHED_FLAGS = 23, O_MCAST_GROUP = 24, O_MCAST_PORT = 25, O_MCAST_TTL = 26, O_SYNC_MAXLEN = 27,
            O_TUN_INFO = 28, O_TUN_TYPE = 29, O_TUN_PORT = 30, O_TUN_NOCSUM = 31, O_TUN_CSUM = 32,
            O_TUN_REMCSUM = 33;
    static final String[] OPT_NAMES = {"numeric", "connection", "service-address", "scheduler", "persistent",
            "netmask", "real-server", "forwarding-method", "weight", "u-threshold", "l-threshold",
            "mcast-interface", "timeout", "daemon", "stats", "rate", "thresholds", "persistent-conn", "nosort",
            "syncid", "exact", "ops", "pe", "sched-flags", "mcast-group", "mcast-port", "mcast-ttl", "sync-maxlen",
            "tun-info", "tun-type", "tun-port", "tun-nocsum", "tun-csum", "tun-remcsum"};

    /** Which options each command takes: '+' needed, 'x' illegal, '1' at most one of them, ' ' optional. */
    static final String[] COMMANDS_V_OPTIONS = {
            // n  c  svc s  p  M  r  fwd w  x  y  mc to dm st rt th pc so si ex op pe b  gp pt tl sz ti ty tp nc cs rc
            "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx", // ADD
            "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx", // EDIT
            "xx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", // DEL
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", // FLUSH
            " 11xxxxxxxxx11       xxxxxxx xxxxx", // LIST
            "xx+xxx+    xxxxxxxxxxxxxxxxxx     ", // ADDSRV
            "xx+xxx+xxxxxxxxxxxxxxxxxxxxxxxxxxx", // DELSRV
            "xx+xxx+    xxxxxxxxxxxxxxxxxx     ", // EDITSRV
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", // TIMEOUT
            "xxxxxxxxxxx xxxxxxx xxxx    xxxxxx", // STARTD
            "xxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxx", // STOPD
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", // RESTORE
            " xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", // SAVE
            "xx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", // ZERO
    };

    static final String[] TUN_NAMES = {"ipip", "gue", "gre"};
    static final String[] TUN_FLAGS = {"-c", "+c", "r+c"};
    static final String[] TUN_FLAG_OPTS = {"--tun-nocsum", "--tun-csum", "--tun-remcsum"};
    static final int[] TUN_OPTS = {O_TUN_PORT, O_TUN_NOCSUM, O_TUN_CSUM, O_TUN_REMCSUM};
    /** Tunnel types versus tunnel options (tun-port, nocsum, csum, remcsum). */
    static final String[] TUNNEL_TYPES_V_OPTIONS = {"xxxx", "+111", "x11x"};

    // listing formats (FMT_*)
    static final int FMT_NONE = 0, FMT_NUMERIC = 0x1, FMT_RULE = 0x2, FMT_STATS = 0x4, FMT_RATE = 0x8,
            FMT_THRESHOLDS = 0x10, FMT_PERSISTENTCONN = 0x20, FMT_NOSORT = 0x40, FMT_EXACT = 0x80, FMT_TUN_INFO = 0x100;

    static final int SERVICE_NONE = 0, SERVICE_ADDR = 1, SERVICE_PORT = 2;

    // tags of options without a short name
    static final int TAG_SET = 128, TAG_START_DAEMON = 129, TAG_STOP_DAEMON = 130, TAG_MCAST_INTERFACE = 131,
            TAG_TIMEOUT = 132, TAG_DAEMON = 133, TAG_STATS = 134, TAG_RATE = 135, TAG_THRESHOLDS = 136,
            TAG_PERSISTENTCONN = 137, TAG_SORT = 138, TAG_NO_SORT = 139, TAG_PE = 140, TAG_SCTP_SERVICE = 141,
            TAG_MCAST_GROUP = 142, TAG_MCAST_PORT = 143, TAG_MCAST_TTL = 144, TAG_SYNC_MAXLEN = 145,
            TAG_TUN_INFO = 146, TAG_TUN_TYPE = 147, TAG_TUN_PORT = 148, TAG_TUN_NOCSUM = 149, TAG_TUN_CSUM = 150,
            TAG_TUN_REMCSUM = 151;

    static final List<Spec> SPECS = List.of(
            new Spec("add-service", 'A', Arg.NONE, 'A'), new Spec("edit-service", 'E', Arg.NONE, 'E'),
            new Spec("delete-service", 'D', Arg.NONE, 'D'), new Spec("clear", 'C', Arg.NONE, 'C'),
            new Spec("list", 'L', Arg.NONE, 'L'), new Spec("list", 'l', Arg.NONE, 'l'),
            new Spec("zero", 'Z', Arg.NONE, 'Z'), new Spec("add-server", 'a', Arg.NONE, 'a'),
            new Spec("edit-server", 'e', Arg.NONE, 'e'), new Spec("delete-server", 'd', Arg.NONE, 'd'),
            new Spec("set", '\0', Arg.NONE, TAG_SET), new Spec("help", 'h', Arg.NONE, 'h'),
            new Spec("version", 'v', Arg.NONE, 'v'), new Spec("restore", 'R', Arg.NONE, 'R'),
            new Spec("save", 'S', Arg.NONE, 'S'),
            new Spec("start-daemon", '\0', Arg.REQUIRED, TAG_START_DAEMON),
            new Spec("stop-daemon", '\0', Arg.REQUIRED, TAG_STOP_DAEMON),
            new Spec("tcp-service", 't', Arg.REQUIRED, 't'), new Spec("udp-service", 'u', Arg.REQUIRED, 'u'),
            new Spec("sctp-service", '\0', Arg.REQUIRED, TAG_SCTP_SERVICE),
            new Spec("fwmark-service", 'f', Arg.REQUIRED, 'f'), new Spec("scheduler", 's', Arg.REQUIRED, 's'),
            new Spec("persistent", 'p', Arg.OPTIONAL, 'p'), new Spec("netmask", 'M', Arg.REQUIRED, 'M'),
            new Spec("real-server", 'r', Arg.REQUIRED, 'r'), new Spec("masquerading", 'm', Arg.NONE, 'm'),
            new Spec("ipip", 'i', Arg.NONE, 'i'), new Spec("gatewaying", 'g', Arg.NONE, 'g'),
            new Spec("weight", 'w', Arg.REQUIRED, 'w'), new Spec("u-threshold", 'x', Arg.REQUIRED, 'x'),
            new Spec("l-threshold", 'y', Arg.REQUIRED, 'y'), new Spec("numeric", 'n', Arg.NONE, 'n'),
            new Spec("connection", 'c', Arg.NONE, 'c'),
            new Spec("mcast-interface", '\0', Arg.REQUIRED, TAG_MCAST_INTERFACE),
            new Spec("syncid", '\0', Arg.REQUIRED, 'I'), new Spec("timeout", '\0', Arg.NONE, TAG_TIMEOUT),
            new Spec("daemon", '\0', Arg.NONE, TAG_DAEMON), new Spec("stats", '\0', Arg.NONE, TAG_STATS),
            new Spec("rate", '\0', Arg.NONE, TAG_RATE), new Spec("thresholds", '\0', Arg.NONE, TAG_THRESHOLDS),
            new Spec("persistent-conn", '\0', Arg.NONE, TAG_PERSISTENTCONN),
            new Spec("nosort", '\0', Arg.NONE, TAG_NO_SORT), new Spec("sort", '\0', Arg.NONE, TAG_SORT),
            new Spec("exact", 'X', Arg.NONE, 'X'), new Spec("ipv6", '6', Arg.NONE, '6'),
            new Spec("ops", 'o', Arg.NONE, 'o'), new Spec("pe", '\0', Arg.REQUIRED, TAG_PE),
            new Spec("sched-flags", 'b', Arg.REQUIRED, 'b'),
            new Spec("mcast-group", '\0', Arg.REQUIRED, TAG_MCAST_GROUP),
            new Spec("mcast-port", '\0', Arg.REQUIRED, TAG_MCAST_PORT),
            new Spec("mcast-ttl", '\0', Arg.REQUIRED, TAG_MCAST_TTL),
            new Spec("sync-maxlen", '\0', Arg.REQUIRED, TAG_SYNC_MAXLEN),
            new Spec("tun-info", '\0', Arg.NONE, TAG_TUN_INFO), new Spec("tun-type", '\0', Arg.REQUIRED, TAG_TUN_TYPE),
            new Spec("tun-port", '\0', Arg.REQUIRED, TAG_TUN_PORT),
            new Spec("tun-nocsum", '\0', Arg.NONE, TAG_TUN_NOCSUM), new Spec("tun-csum", '\0', Arg.NONE, TAG_TUN_CSUM),
            new Spec("tun-remcsum", '\0', Arg.NONE, TAG_TUN_REMCSUM));

    private final Supplier<IpvsDriver> driverFactory;
    private final Names names;
    private final Path connectionTable;
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;
    private final StringBuilder o = new StringBuilder();
    private IpvsDriver driver;

    public Ipvsadm(Supplier<IpvsDriver> driverFactory, Names names, Path connectionTable, InputStream stdin,
                   PrintStream out, PrintStream err) {
        this.driverFactory = driverFactory;
        this.names = names;
        this.connectionTable = connectionTable;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    /** On the real kernel (netlink), with the system's names, as the real ipvsadm runs. */
    public static Ipvsadm onThisKernel() {
        return new Ipvsadm(NetlinkIpvsDriver::open, Names.system(Path.of("/etc/services")),
                Path.of("/proc/net/ip_vs_conn"), System.in, System.out, System.err);
    }

    public static void main(String[] args) {
        System.exit(onThisKernel().run(args));
    }

    /** Runs one ipvsadm command line (without the program name) and returns its exit status. */
    public int run(String... args) {
        try {
            if (args.length == 0) {
                listAll(FMT_NONE);
                return 0;
            }
            String[] argv = new String[args.length + 1];
            argv[0] = PROGRAM;
            System.arraycopy(args, 0, argv, 1, args.length);
            return status(processOptions(argv, false));
        } catch (IpvsadmExit e) {
            return e.status;
        } catch (IpvsUnavailableException e) {
            flushOut();
            err.println(e.getMessage());
            return 2;
        } finally {
            flushOut();
            if (driver != null) {
                driver.close();
            }
        }
    }

    private static int status(int result) {
        return result & 0xff;
    }

    private void flushOut() {
        if (!o.isEmpty()) {
            out.print(o);
            o.setLength(0);
        }
        out.flush();
    }

    private IpvsDriver driver() {
        if (driver == null) {
            driver = driverFactory.get();
        }
        return driver;
    }

    private void printf(String format, Object... args) {
        o.append(String.format(format, args));
    }

    private IpvsadmExit fail(int status, String message) {
        flushOut();
        err.print(message + "\n");
        err.flush();
        return new IpvsadmExit(status);
    }

    private IpvsadmExit tryhelpExit(int status) {
        flushOut();
        err.print("Try `" + PROGRAM + " -h' or '" + PROGRAM + " --help' for more information.\n");
        return new IpvsadmExit(status & 0xff);
    }

    /** ipvsadm's command entry: the service, destination and timeouts a command line describes. */
    static final class Entry {
        int cmd = CMD_NONE;
        // service
        int af;
        int protocol;
        byte[] addr = new byte[16];
        int port;
        long fwmark;
        String sched = "";
        int flags;
        int timeout;
        int netmask = 0xffffffff;
        String pe = "";
        // destination
        int destAf;
        byte[] destAddr = new byte[16];
        int destPort;
        int connFlags = ForwardingMethod.ROUTE.value();
        long weight = 1;
        long uThreshold;
        long lThreshold;
        int tunType;
        int tunPort;
        int tunFlags;
        // --set
        int tcp;
        int tcpFin;
        int udp;
        // daemon
        SyncState daemonState;
        String mcastInterface = "";
        int syncId;
        int syncMaxLength;
        InetAddress mcastGroup;
        int mcastPort;
        int mcastTtl;

        Entry copyService() {
            Entry e = new Entry();
            e.af = af;
            e.protocol = protocol;
            e.addr = addr.clone();
            e.port = port;
            e.fwmark = fwmark;
            e.netmask = netmask;
            return e;
        }
    }

    // ---------------------------------------------------------------- parsing

    private int parseOptions(String[] argv, Entry ce, long[] options, int[] format) {
        PoptParser popt = new PoptParser(SPECS, argv);
        String schedFlagsArg = null;
        Found f = popt.nextOption();
        if (f == null || f.tag() < 0) {
            throw tryhelpExit(-1);
        }
        switch (f.tag()) {
            case 'A' -> setCommand(ce, CMD_ADD);
            case 'E' -> setCommand(ce, CMD_EDIT);
            case 'D' -> setCommand(ce, CMD_DEL);
            case 'a' -> setCommand(ce, CMD_ADDDEST);
            case 'e' -> setCommand(ce, CMD_EDITDEST);
            case 'd' -> setCommand(ce, CMD_DELDEST);
            case 'C' -> setCommand(ce, CMD_FLUSH);
            case 'L', 'l' -> setCommand(ce, CMD_LIST);
            case 'Z' -> setCommand(ce, CMD_ZERO);
            case TAG_SET -> setCommand(ce, CMD_TIMEOUT);
            case 'R' -> setCommand(ce, CMD_RESTORE);
            case 'S' -> setCommand(ce, CMD_SAVE);
            case TAG_START_DAEMON -> {
                setCommand(ce, CMD_STARTDAEMON);
                ce.daemonState = daemonState(f.value(), "illegal start-daemon parameter specified");
            }
            case TAG_STOP_DAEMON -> {
                setCommand(ce, CMD_STOPDAEMON);
                ce.daemonState = daemonState(f.value(), "illegal start_daemon specified");
            }
            case 'h' -> {
                flushOut();
                out.print(usage());
                throw new IpvsadmExit(0);
            }
            case 'v' -> {
                flushOut();
                out.print(version());
                throw new IpvsadmExit(0);
            }
            default -> throw tryhelpExit(-1);
        }

        while ((f = popt.nextOption()) != null && f.tag() >= 0) {
            String optarg = f.value();
            switch (f.tag()) {
                case 't', 'u', TAG_SCTP_SERVICE -> {
                    setOption(options, O_SERVICE);
                    ce.protocol = f.tag() == 't' ? 6 : f.tag() == 'u' ? 17 : 132;
                    int parse = parseService(optarg, ce, false);
                    if ((parse & SERVICE_ADDR) == 0) {
                        throw fail(2, "illegal virtual server address[:port] specified");
                    }
                }
                case 'f' -> {
                    setOption(options, O_SERVICE);
                    ce.af = AddressFamily.INET.value();
                    ce.protocol = 6;
                    ce.fwmark = parseFwmark(optarg);
                }
                case 's' -> {
                    setOption(options, O_SCHEDULER);
                    ce.sched = optarg.length() > 15 ? optarg.substring(0, 15) : optarg;
                }
                case 'p' -> {
                    setOption(options, O_PERSISTENT);
                    ce.flags |= ServiceFlag.PERSISTENT.bit();
                    ce.timeout = parseTimeout(optarg, 1, MAX_TIMEOUT);
                }
                case 'M' -> {
                    setOption(options, O_NETMASK);
                    if (ce.af != AddressFamily.INET6.value()) {
                        Inet4Address mask = optarg == null ? null : Addresses.parseInetAton(optarg);
                        if (mask == null && optarg != null) {
                            mask = names.hostAddress(optarg);
                        }
                        if (mask == null) {
                            throw fail(2, "illegal virtual server persistent mask specified");
                        }
                        ce.netmask = bigEndian(mask.getAddress());
                    } else {
                        ce.netmask = atoi(optarg);
                        if (ce.netmask < 1 || ce.netmask > 128) {
                            throw fail(2, "illegal ipv6 netmask specified");
                        }
                    }
                }
                case 'r' -> {
                    setOption(options, O_SERVER);
                    Entry t = ce.copyService();
                    int parse = parseService(optarg, t, true);
                    ce.destAf = t.af;
                    ce.destAddr = t.addr;
                    ce.destPort = t.port;
                    if ((parse & SERVICE_ADDR) == 0) {
                        throw fail(2, "illegal real server address[:port] specified");
                    }
                    if (parse == SERVICE_ADDR) {
                        ce.destPort = ce.port;
                    }
                }
                case 'i' -> {
                    setOption(options, O_FORWARD);
                    ce.connFlags = ForwardingMethod.TUNNEL.value();
                }
                case 'g' -> {
                    setOption(options, O_FORWARD);
                    ce.connFlags = ForwardingMethod.ROUTE.value();
                }
                case 'm' -> {
                    setOption(options, O_FORWARD);
                    ce.connFlags = ForwardingMethod.MASQ.value();
                }
                case 'w' -> {
                    setOption(options, O_WEIGHT);
                    if ((ce.weight = stringToNumber(optarg, 0, Integer.MAX_VALUE)) == -1) {
                        throw fail(2, "illegal weight specified");
                    }
                }
                case 'x' -> {
                    setOption(options, O_UTHRESHOLD);
                    if ((ce.uThreshold = stringToNumber(optarg, 0, Integer.MAX_VALUE)) == -1) {
                        throw fail(2, "illegal u_threshold specified");
                    }
                }
                case 'y' -> {
                    setOption(options, O_LTHRESHOLD);
                    if ((ce.lThreshold = stringToNumber(optarg, 0, Integer.MAX_VALUE)) == -1) {
                        throw fail(2, "illegal l_threshold specified");
                    }
                }
                case 'c' -> setOption(options, O_CONNECTION);
                case 'n' -> {
                    setOption(options, O_NUMERIC);
                    format[0] |= FMT_NUMERIC;
                }
                case TAG_MCAST_INTERFACE -> {
                    setOption(options, O_MCAST);
                    ce.mcastInterface = truncateBytes(optarg, SyncDaemon.MAX_INTERFACE_NAME);
                }
                case 'I' -> {
                    setOption(options, O_SYNCID);
                    if ((ce.syncId = (int) stringToNumber(optarg, 0, 255)) == -1) {
                        throw fail(2, "illegal syncid specified");
                    }
                }
                case TAG_TIMEOUT -> setOption(options, O_TIMEOUT);
                case TAG_DAEMON -> setOption(options, O_DAEMON);
                case TAG_STATS -> {
                    setOption(options, O_STATS);
                    format[0] |= FMT_STATS;
                }
                case TAG_RATE -> {
                    setOption(options, O_RATE);
                    format[0] |= FMT_RATE;
                }
                case TAG_THRESHOLDS -> {
                    setOption(options, O_THRESHOLDS);
                    format[0] |= FMT_THRESHOLDS;
                }
                case TAG_PERSISTENTCONN -> {
                    setOption(options, O_PERSISTENTCONN);
                    format[0] |= FMT_PERSISTENTCONN;
                }
                case TAG_NO_SORT -> {
                    setOption(options, O_NOSORT);
                    format[0] |= FMT_NOSORT;
                }
                case TAG_SORT -> {
                    // the default; accepted for compatibility
                }
                case 'X' -> {
                    setOption(options, O_EXACT);
                    format[0] |= FMT_EXACT;
                }
                case '6' -> {
                    if (ce.fwmark != 0) {
                        ce.af = AddressFamily.INET6.value();
                        ce.netmask = 128;
                    } else {
                        throw fail(2, "-6 used before -f\n");
                    }
                }
                case 'o' -> {
                    setOption(options, O_ONEPACKET);
                    ce.flags |= ServiceFlag.ONE_PACKET.bit();
                }
                case TAG_PE -> {
                    setOption(options, O_PE);
                    ce.pe = optarg.length() > 16 ? optarg.substring(0, 16) : optarg;
                }
                case 'b' -> {
                    setOption(options, O_SCHED_FLAGS);
                    schedFlagsArg = optarg.length() > 127 ? optarg.substring(0, 127) : optarg;
                }
                case TAG_MCAST_GROUP -> {
                    setOption(options, O_MCAST_GROUP);
                    InetAddress g = optarg.indexOf(':') >= 0 ? Addresses.parseInet6(optarg) : Addresses.parseInet4Strict(optarg);
                    if (g == null || !g.isMulticastAddress()) {
                        throw fail(2, "invalid " + (optarg.indexOf(':') >= 0 ? "IPv6" : "IPv4") + " mcast-group `" + optarg + "'");
                    }
                    ce.mcastGroup = g;
                }
                case TAG_MCAST_PORT -> {
                    setOption(options, O_MCAST_PORT);
                    if ((ce.mcastPort = (int) stringToNumber(optarg, 1, 65535)) == -1) {
                        throw fail(2, "illegal mcast-port specified");
                    }
                }
                case TAG_MCAST_TTL -> {
                    setOption(options, O_MCAST_TTL);
                    if ((ce.mcastTtl = (int) stringToNumber(optarg, 1, 255)) == -1) {
                        throw fail(2, "illegal mcast-ttl specified");
                    }
                }
                case TAG_SYNC_MAXLEN -> {
                    setOption(options, O_SYNC_MAXLEN);
                    if ((ce.syncMaxLength = (int) stringToNumber(optarg, 1, 65535 - 20 - 8)) == -1) {
                        throw fail(2, "illegal sync-maxlen specified");
                    }
                }
                case TAG_TUN_INFO -> {
                    setOption(options, O_TUN_INFO);
                    format[0] |= FMT_TUN_INFO;
                }
                case TAG_TUN_TYPE -> {
                    setOption(options, O_TUN_TYPE);
                    int type = Arrays.asList(TUN_NAMES).indexOf(optarg);
                    if (type < 0) {
                        throw fail(2, "illegal tunnel type specified");
                    }
                    ce.tunType = type;
                }
                case TAG_TUN_PORT -> {
                    setOption(options, O_TUN_PORT);
                    long p = stringToNumber(optarg, 1, 65535);
                    if (p == -1) {
                        throw fail(2, "illegal tunnel port specified");
                    }
                    ce.tunPort = (int) p;
                }
                case TAG_TUN_NOCSUM -> setOption(options, O_TUN_NOCSUM);
                case TAG_TUN_CSUM -> {
                    setOption(options, O_TUN_CSUM);
                    ce.tunFlags |= Tunnel.CSUM;
                }
                case TAG_TUN_REMCSUM -> {
                    setOption(options, O_TUN_REMCSUM);
                    ce.tunFlags |= Tunnel.REMCSUM;
                }
                default -> throw fail(2, "invalid option `" + popt.lastWord() + "'");
            }
        }
        if (f != null && f.tag() < 0) {
            flushOut();
            err.print(popt.badOption() + ": " + PoptParser.strerror(f.tag()) + "\n");
            return -1;
        }

        List<String> rest = new ArrayList<>(popt.leftovers());
        if (ce.cmd == CMD_TIMEOUT) {
            if (rest.size() >= 3) {
                ce.tcp = parseTimeout(rest.remove(0), 0, MAX_TIMEOUT);
                ce.tcpFin = parseTimeout(rest.remove(0), 0, MAX_TIMEOUT);
                ce.udp = parseTimeout(rest.remove(0), 0, MAX_TIMEOUT);
            } else {
                throw fail(2, "--set option requires 3 timeout values");
            }
        }
        if (!rest.isEmpty()) {
            throw fail(2, "unexpected argument " + rest.getFirst());
        }
        if (schedFlagsArg != null) {
            ce.flags &= ~(ServiceFlag.SCHED1.bit() | ServiceFlag.SCHED2.bit() | ServiceFlag.SCHED3.bit());
            ce.flags |= parseSchedFlags(ce.sched, schedFlagsArg);
        }
        return 0;
    }

    private SyncState daemonState(String value, String error) {
        if ("master".equals(value)) {
            return SyncState.MASTER;
        }
        if ("backup".equals(value)) {
            return SyncState.BACKUP;
        }
        throw fail(2, error);
    }

    /** strncpy into the kernel's 16-byte name: at most {@code max} bytes of the name are kept. */
    static String truncateBytes(String s, int max) {
        String t = s;
        while (t.getBytes(StandardCharsets.UTF_8).length > max) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private void setCommand(Entry ce, int cmd) {
        if (ce.cmd != CMD_NONE) {
            throw fail(2, "multiple commands specified");
        }
        ce.cmd = cmd;
    }

    private void setOption(long[] options, int optc) {
        long bit = 1L << optc;
        if ((options[0] & bit) != 0) {
            throw fail(2, "multiple '" + OPT_NAMES[optc] + "' options specified");
        }
        options[0] |= bit;
    }

    private static int bigEndian(byte[] b) {
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    /** C's strtol over the whole string (base 10): null when it is not entirely a number or overflows. */
    static Long strtol(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == digits || i != s.length()) {
            return null;
        }
        try {
            return Long.parseLong(s.substring(start).startsWith("+") ? s.substring(start + 1) : s.substring(start));
        } catch (NumberFormatException e) {
            return null; // ERANGE
        }
    }

    static long stringToNumber(String s, long min, long max) {
        Long n = strtol(s);
        return n != null && min <= n && n <= max ? n : -1;
    }

    /** atoi: leading number, 0 when none. */
    static int atoi(String s) {
        if (s == null) {
            return 0;
        }
        String t = s.strip();
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        try {
            return (int) Long.parseLong(t.substring(0, i));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private int parseTimeout(String buf, int min, int max) {
        if (buf == null) {
            return DEFAULT_PERSISTENT_TIMEOUT;
        }
        long i = stringToNumber(buf, min, max);
        if (i == -1) {
            throw fail(2, "invalid timeout value `" + buf + "' specified");
        }
        return (int) i;
    }

    private long parseFwmark(String buf) {
        Long l = strtol(buf);
        if (l == null || l <= 0 || l > 0xffffffffL) {
            throw fail(2, "invalid fwmark value `" + buf + "' specified");
        }
        return l;
    }

    private int parseSchedFlags(String sched, String arg) {
        String s = sched.isEmpty() ? DEF_SCHED : sched;
        int flags = 0;
        String[] tokens = Arrays.stream(arg.split(",")).filter(t -> !t.isEmpty()).toArray(String[]::new);
        if (tokens.length == 0) {
            throw fail(2, "invalid scheduler flag `" + arg + "'");
        }
        for (String flag : tokens) {
            switch (flag) {
                case "flag-1" -> flags |= ServiceFlag.SCHED1.bit();
                case "flag-2" -> flags |= ServiceFlag.SCHED2.bit();
                case "flag-3" -> flags |= ServiceFlag.SCHED3.bit();
                case "sh-fallback", "sh-port", "mh-fallback", "mh-port" -> {
                    flags |= flag.endsWith("fallback") ? ServiceFlag.SCHED1.bit() : ServiceFlag.SCHED2.bit();
                    if (!s.equals(flag.substring(0, 2))) {
                        throw fail(2, "incompatible scheduler flag `" + flag + "'");
                    }
                }
                default -> throw fail(2, "invalid scheduler flag `" + flag + "'");
            }
        }
        return flags;
    }

    /** ipvsadm's parse_service: host[:port] or [v6]:port into the entry; returns SERVICE_* bits. */
    private int parseService(String buf, Entry svc, boolean realServer) {
        if (buf == null || buf.chars().allMatch(Character::isDigit)) {
            return SERVICE_NONE;
        }
        String host = buf;
        String port = null;
        if (buf.startsWith("[")) {
            int close = buf.indexOf(']');
            if (close < 0) {
                return SERVICE_NONE;
            }
            host = buf.substring(1, close);
            String after = buf.substring(close + 1);
            if (!after.startsWith(":")) {
                return SERVICE_NONE;
            }
            port = after.substring(1);
        }
        Inet6Address v6 = Addresses.parseInet6(host);
        if (v6 != null) {
            svc.addr = Arrays.copyOf(v6.getAddress(), 16);
            svc.af = AddressFamily.INET6.value();
            svc.netmask = 128;
        } else {
            if (port == null) {
                int colon = host.lastIndexOf(':');
                if (colon >= 0) {
                    port = host.substring(colon + 1);
                    host = host.substring(0, colon);
                }
            } else {
                // "[a.b.c.d]:port": the bracketed text must still be an address
                int colon = host.lastIndexOf(':');
                if (colon >= 0) {
                    host = host.substring(0, colon);
                }
            }
            Inet4Address v4 = Addresses.parseInetAton(host);
            if (v4 == null) {
                v4 = names.hostAddress(host);
            }
            if (v4 == null) {
                return SERVICE_NONE;
            }
            svc.addr = Arrays.copyOf(v4.getAddress(), 16);
            svc.af = AddressFamily.INET.value();
        }
        int result = SERVICE_ADDR;
        if (port != null) {
            result |= SERVICE_PORT;
            long n = stringToNumber(port, 0, 65535);
            if (n == -1) {
                n = svc.protocol == 0 ? -1 : names.servicePort(port, Protocol.fromNumber(svc.protocol));
            }
            if (n == -1) {
                return SERVICE_NONE;
            }
            svc.port = (int) n;
        }
        return result;
    }

    private void genericOptCheck(int command, long options) {
        String row = COMMANDS_V_OPTIONS[command - 1];
        int last = 0;
        int count = 0;
        for (int j = 0; j < OPT_NAMES.length; j++) {
            char rule = row.charAt(j);
            if ((options & (1L << j)) == 0) {
                if (rule == '+') {
                    throw fail(2, "You need to supply the '" + OPT_NAMES[j] + "' option for the '"
                            + CMD_NAMES[command - 1] + "' command");
                }
            } else {
                if (rule == 'x') {
                    throw fail(2, "Illegal '" + OPT_NAMES[j] + "' option with the '" + CMD_NAMES[command - 1] + "' command");
                }
                if (rule == '1') {
                    count++;
                    if (count == 1) {
                        last = j;
                        continue;
                    }
                    throw fail(2, "The option '" + OPT_NAMES[j] + "' conflicts with the '" + OPT_NAMES[last]
                            + "' option in the '" + CMD_NAMES[command - 1] + "' command");
                }
            }
        }
    }

    private void tunnelOptCheck(int tunType, long options) {
        String row = TUNNEL_TYPES_V_OPTIONS[tunType];
        int last = 0;
        int count = 0;
        for (int j = 0; j < TUN_OPTS.length; j++) {
            int k = TUN_OPTS[j];
            char rule = row.charAt(j);
            if ((options & (1L << k)) == 0) {
                if (rule == '+') {
                    throw fail(2, "You need to supply the '" + OPT_NAMES[k] + "' option for the '" + TUN_NAMES[tunType]
                            + "' tunnel type");
                }
            } else {
                if (rule == 'x') {
                    throw fail(2, "Illegal '" + OPT_NAMES[k] + "' option with the '" + TUN_NAMES[tunType] + "' tunnel type");
                }
                if (rule == '1') {
                    count++;
                    if (count == 1) {
                        last = k;
                        continue;
                    }
                    throw fail(2, "The option '" + OPT_NAMES[k] + "' conflicts with the '" + OPT_NAMES[last]
                            + "' option in the '" + TUN_NAMES[tunType] + "' tunnel type");
                }
            }
        }
    }

    // ---------------------------------------------------------------- commands

    private int processOptions(String[] argv, boolean readingStdin) {
        Entry ce = new Entry();
        long[] options = {0};
        int[] format = {FMT_NONE};
        if (parseOptions(argv, ce, options, format) != 0) {
            return -1;
        }
        genericOptCheck(ce.cmd, options[0]);

        if (ce.cmd == CMD_ADD || ce.cmd == CMD_EDIT) {
            if (ce.fwmark == 0 && ce.port == 0 && (ce.flags & ServiceFlag.PERSISTENT.bit()) == 0) {
                throw fail(2, "Zero port specified for non-persistent service");
            }
            if ((ce.flags & ServiceFlag.ONE_PACKET.bit()) != 0 && ce.fwmark == 0 && ce.protocol != 17) {
                throw fail(2, "One-Packet Scheduling is only for UDP virtual services");
            }
            if (ce.sched.isEmpty()) {
                ce.sched = DEF_SCHED;
            }
        }
        if (ce.cmd == CMD_STARTDAEMON && ce.mcastInterface.isEmpty()) {
            ce.mcastInterface = DEF_MCAST_IFN;
        }
        int fwd = ce.connFlags & 0x7;
        if (ce.cmd == CMD_ADDDEST || ce.cmd == CMD_EDITDEST) {
            if (ce.fwmark == 0 && (fwd == ForwardingMethod.TUNNEL.value() || fwd == ForwardingMethod.ROUTE.value())) {
                ce.destPort = ce.port;
            }
            if (ce.destAf != ce.af && fwd != ForwardingMethod.TUNNEL.value()) {
                throw fail(2, "Different address family is allowed only for tunneling servers");
            }
            long tunnelOptions = (1L << O_TUN_TYPE) | (1L << O_TUN_PORT) | (1L << O_TUN_NOCSUM) | (1L << O_TUN_CSUM)
                    | (1L << O_TUN_REMCSUM);
            if ((options[0] & tunnelOptions) != 0 && fwd != ForwardingMethod.TUNNEL.value()) {
                throw fail(2, "Tunnel options conflict with forward method");
            }
            tunnelOptCheck(ce.tunType, options[0]);
        }

        long opts = options[0];
        try {
            switch (ce.cmd) {
                case CMD_LIST -> {
                    long connTimeoutDaemon = (1L << O_CONNECTION) | (1L << O_TIMEOUT) | (1L << O_DAEMON);
                    long statsRateThr = (1L << O_STATS) | (1L << O_RATE) | (1L << O_THRESHOLDS);
                    long timeoutDaemon = (1L << O_TIMEOUT) | (1L << O_DAEMON);
                    if (((opts & connTimeoutDaemon) != 0 && (opts & statsRateThr) != 0)
                            || ((opts & timeoutDaemon) != 0 && (opts & (1L << O_PERSISTENTCONN)) != 0)) {
                        throw fail(2, "options conflicts in the list command");
                    }
                    if ((opts & (1L << O_CONNECTION)) != 0) {
                        listConnections(format[0]);
                    } else if ((opts & (1L << O_SERVICE)) != 0) {
                        listService(ce, format[0]);
                    } else if ((opts & (1L << O_TIMEOUT)) != 0) {
                        Timeouts t = driver().timeouts();
                        printf("Timeout (tcp tcpfin udp): %d %d %d\n", t.tcp(), t.tcpFin(), t.udp());
                    } else if ((opts & (1L << O_DAEMON)) != 0) {
                        listDaemons();
                    } else {
                        listAll(format[0]);
                    }
                    return 0;
                }
                case CMD_RESTORE -> {
                    return restoreTable(readingStdin);
                }
                case CMD_SAVE -> {
                    listAll(format[0] | FMT_RULE);
                    return 0;
                }
                case CMD_FLUSH -> driver().flush();
                case CMD_ADD -> driver().addService(service(ce));
                case CMD_EDIT -> driver().editService(service(ce));
                case CMD_DEL -> driver().deleteService(serviceKey(ce));
                case CMD_ZERO -> {
                    if ((opts & (1L << O_SERVICE)) != 0) {
                        driver().zero(serviceKey(ce));
                    } else {
                        driver().zero();
                    }
                }
                case CMD_ADDDEST -> driver().addDestination(serviceKey(ce), destination(ce));
                case CMD_EDITDEST -> driver().editDestination(serviceKey(ce), destination(ce));
                case CMD_DELDEST -> driver().deleteDestination(serviceKey(ce), destinationAddress(ce), ce.destPort);
                case CMD_TIMEOUT -> driver().setTimeouts(new Timeouts(ce.tcp, ce.tcpFin, ce.udp));
                case CMD_STARTDAEMON -> driver().startDaemon(new SyncDaemon(ce.daemonState, ce.mcastInterface, ce.syncId,
                        ce.syncMaxLength, ce.mcastGroup, ce.mcastPort, ce.mcastTtl));
                case CMD_STOPDAEMON -> driver().stopDaemon(ce.daemonState);
                default -> {
                    return 0;
                }
            }
        } catch (IpvsException e) {
            flushOut();
            err.print(e.reason() + "\n");
            return -1;
        }
        return 0;
    }

    private int restoreTable(boolean readingStdin) {
        if (readingStdin) {
            throw tryhelpExit(-1);
        }
        String input;
        try {
            input = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw fail(1, "cannot read the rules from standard input: " + e.getMessage());
        }
        int result = 0;
        for (String line : input.split("\n", -1)) {
            List<String> words = new ArrayList<>();
            words.add(PROGRAM);
            for (String w : line.split("[ \t\r]+")) {
                if (!w.isEmpty() && !w.equals(PROGRAM)) {
                    words.add(w);
                }
            }
            if (words.size() > 1) {
                result = processOptions(words.toArray(String[]::new), true);
            }
        }
        return result;
    }

    private static InetAddress toAddress(int af, byte[] addr) {
        try {
            return af == AddressFamily.INET6.value()
                    ? Inet6Address.getByAddress(null, Arrays.copyOf(addr, 16), -1)
                    : InetAddress.getByAddress(Arrays.copyOf(addr, 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServiceKey serviceKey(Entry ce) {
        if (ce.fwmark != 0) {
            return new ServiceKey.Fwmark((int) ce.fwmark,
                    ce.af == AddressFamily.INET6.value() ? AddressFamily.INET6 : AddressFamily.INET);
        }
        return new ServiceKey.Address(Protocol.fromNumber(ce.protocol), toAddress(ce.af, ce.addr), ce.port);
    }

    private static VirtualService service(Entry ce) {
        int timeout = (ce.flags & ServiceFlag.PERSISTENT.bit()) != 0 ? ce.timeout : 0;
        return new VirtualService(serviceKey(ce), ce.sched, ServiceFlag.fromBits(ce.flags), timeout, ce.netmask,
                ce.pe.isEmpty() ? null : ce.pe);
    }

    private static InetAddress destinationAddress(Entry ce) {
        return toAddress(ce.destAf, ce.destAddr);
    }

    private static Destination destination(Entry ce) {
        ForwardingMethod fwd = ForwardingMethod.fromValue(ce.connFlags);
        Tunnel tunnel = fwd == ForwardingMethod.TUNNEL
                ? new Tunnel(TunnelType.fromValue(ce.tunType), ce.tunPort, ce.tunFlags) : Tunnel.IPIP;
        return new Destination(destinationAddress(ce), ce.destPort, fwd, (int) ce.weight, (int) ce.uThreshold,
                (int) ce.lThreshold, tunnel);
    }

    // ---------------------------------------------------------------- listings

    private void listAll(int format) {
        IpvsDriver d = driver();
        if ((format & FMT_RULE) == 0) {
            IpvsInfo info = d.info();
            printf("IP Virtual Server version %d.%d.%d (size=%d)\n", (info.version() >> 16) & 0xff,
                    (info.version() >> 8) & 0xff, info.version() & 0xff, info.connectionTableSize());
        }
        List<ServiceEntry> services;
        try {
            services = d.services();
        } catch (IpvsException e) {
            throw fail(1, e.reason());
        }
        if ((format & FMT_NOSORT) == 0) {
            services = GlibcSort.sort(services, Ipvsadm::compareServices);
        }
        printTitle(format);
        for (ServiceEntry se : services) {
            printServiceEntry(se, format);
        }
    }

    /** One line per running sync daemon, master first; a failed query exits 1 without a word, as ipvsadm does. */
    private void listDaemons() {
        List<SyncDaemon> daemons;
        try {
            daemons = driver().daemons();
        } catch (IpvsException e) {
            throw new IpvsadmExit(1);
        }
        for (SyncDaemon d : daemons) {
            printf("%s sync daemon (mcast=%s, syncid=%d", d.state().label(), d.multicastInterface(), d.syncId());
            if (d.maxLength() != 0) {
                printf(", maxlen=%d", d.maxLength());
            }
            if (d.group() != null) {
                printf(", group=%s", Addresses.toText(d.group()));
            }
            if (d.port() != 0) {
                printf(", port=%d", d.port());
            }
            if (d.ttl() != 0) {
                printf(", ttl=%d", d.ttl());
            }
            printf(")\n");
        }
    }

    private void listService(Entry ce, int format) {
        Optional<ServiceEntry> entry;
        try {
            entry = driver().service(serviceKey(ce));
        } catch (IpvsException e) {
            throw fail(1, e.reason());
        }
        if (entry.isEmpty()) {
            throw fail(1, IpvsException.reason(IpvsOperation.GET_SERVICE,
                    Errno.ESRCH.number()));
        }
        printTitle(format);
        printServiceEntry(entry.get(), format);
    }

    private void printTitle(int format) {
        if ((format & FMT_STATS) != 0) {
            printf("%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n", "Prot LocalAddress:Port",
                    "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes");
        } else if ((format & FMT_RATE) != 0) {
            printf("%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n", "Prot LocalAddress:Port",
                    "CPS", "InPPS", "OutPPS", "InBPS", "OutBPS");
        } else if ((format & FMT_THRESHOLDS) != 0) {
            printf("%-33s %-10s %-10s %-10s %-10s\n  -> RemoteAddress:Port\n", "Prot LocalAddress:Port",
                    "Uthreshold", "Lthreshold", "ActiveConn", "InActConn");
        } else if ((format & FMT_PERSISTENTCONN) != 0) {
            printf("%-33s %-9s %-11s %-10s %-10s\n  -> RemoteAddress:Port\n", "Prot LocalAddress:Port",
                    "Weight", "PersistConn", "ActiveConn", "InActConn");
        } else if ((format & FMT_TUN_INFO) != 0) {
            o.append("Prot LocalAddress:Port Scheduler Flags\n"
                    + "  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n");
        } else if ((format & FMT_RULE) == 0) {
            o.append("Prot LocalAddress:Port Scheduler Flags\n"
                    + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        }
    }

    private static String protocolName(int protocol) {
        return switch (protocol) {
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 132 -> "SCTP";
            default -> "?";
        };
    }

    private static String protocolOption(int protocol) {
        return switch (protocol) {
            case 6 -> "-t";
            case 17 -> "-u";
            case 132 -> "--sctp-service";
            default -> "--xxx-service";
        };
    }

    /** addrport_to_anyname: "addr:port", "[v6]:port", with names unless numeric. */
    private String addrPort(InetAddress address, int port, int protocol, int format) {
        boolean v6 = address instanceof Inet6Address;
        String host;
        String service;
        if ((format & FMT_NUMERIC) != 0) {
            host = Addresses.toText(address);
            service = Integer.toString(port);
        } else {
            String name = names.hostName(address);
            host = name != null ? name : Addresses.toText(address);
            String s = protocol == 6 || protocol == 17 || protocol == 132
                    ? names.serviceName(port, Protocol.fromNumber(protocol)) : null;
            service = s != null ? s : Integer.toString(port);
        }
        return (v6 ? "[" : "") + host + (v6 ? "]" : "") + ":" + service;
    }

    private static int protocolOf(ServiceKey key) {
        return key instanceof ServiceKey.Address a ? a.protocol().number() : 6;
    }

    private void printServiceEntry(ServiceEntry se, int format) {
        VirtualService s = se.service();
        ServiceKey key = s.key();
        List<DestinationEntry> dests;
        try {
            dests = driver().destinations(key);
        } catch (IpvsException e) {
            throw fail(1, e.reason());
        }
        int protocol = protocolOf(key);
        boolean v6 = key.family() == AddressFamily.INET6;
        String svcName;
        if (key instanceof ServiceKey.Fwmark f) {
            if ((format & FMT_RULE) != 0) {
                svcName = "-f " + f.mark() + (v6 ? " -6" : "");
            } else {
                svcName = "FWM  " + f.mark() + (v6 ? " IPv6" : "");
            }
        } else {
            ServiceKey.Address a = (ServiceKey.Address) key;
            String vname = addrPort(a.address(), a.port(), protocol, format);
            if ((format & FMT_RULE) != 0) {
                svcName = protocolOption(protocol) + " " + vname;
            } else {
                svcName = String.format("%-4s %s", protocolName(protocol), vname);
                if (!v6 && svcName.length() > 33) {
                    svcName = svcName.substring(0, 33);
                }
            }
        }
        int flags = s.flagBits();
        int schedFlags = flags & (ServiceFlag.SCHED1.bit() | ServiceFlag.SCHED2.bit() | ServiceFlag.SCHED3.bit());
        if ((format & FMT_RULE) != 0) {
            printf("-A %s -s %s", svcName, s.scheduler());
            if (s.persistent()) {
                printf(" -p %s", Integer.toUnsignedString(s.timeout()));
                if (!v6 && s.netmask() != 0xffffffff) {
                    printf(" -M %s", maskText(s.netmask()));
                }
                if (v6 && s.netmask() != 128) {
                    printf(" -M %d", s.netmask());
                }
            }
            if (s.persistenceEngine() != null) {
                printf(" --pe %s", s.persistenceEngine());
            }
            if ((flags & ServiceFlag.ONE_PACKET.bit()) != 0) {
                o.append(" -o");
            }
            if (schedFlags != 0) {
                o.append(" -b ").append(schedFlagsText(s.scheduler(), flags));
            }
        } else if ((format & FMT_STATS) != 0) {
            printf("%-33s", svcName);
            largeNum(se.stats().connections(), format);
            largeNum(se.stats().inPackets(), format);
            largeNum(se.stats().outPackets(), format);
            largeNum(se.stats().inBytes(), format);
            largeNum(se.stats().outBytes(), format);
        } else if ((format & FMT_RATE) != 0) {
            printf("%-33s", svcName);
            largeNum(se.stats().connectionRate(), format);
            largeNum(se.stats().inPacketRate(), format);
            largeNum(se.stats().outPacketRate(), format);
            largeNum(se.stats().inByteRate(), format);
            largeNum(se.stats().outByteRate(), format);
        } else {
            printf("%s %s", svcName, s.scheduler());
            if (schedFlags != 0) {
                o.append(" (").append(schedFlagsText(s.scheduler(), flags)).append(")");
            }
            if (s.persistent()) {
                printf(" persistent %s", Integer.toUnsignedString(s.timeout()));
                if (!v6 && s.netmask() != 0xffffffff) {
                    printf(" mask %s", maskText(s.netmask()));
                }
                if (v6 && s.netmask() != 128) {
                    printf(" mask %d", s.netmask());
                }
                if (s.persistenceEngine() != null) {
                    printf(" pe %s", s.persistenceEngine());
                }
            }
            if ((flags & ServiceFlag.ONE_PACKET.bit()) != 0) {
                o.append(" ops");
            }
        }
        o.append('\n');

        if ((format & FMT_NOSORT) == 0) {
            dests = GlibcSort.sort(dests, Ipvsadm::compareDestinations);
        }
        for (DestinationEntry e : dests) {
            Destination d = e.destination();
            String dname = addrPort(d.address(), d.port(), protocol, format);
            if ((format & FMT_RULE) == 0 && !(d.address() instanceof Inet6Address) && dname.length() > 28) {
                dname = dname.substring(0, 28);
            }
            if ((format & FMT_RULE) != 0) {
                if (d.forwarding() == ForwardingMethod.TUNNEL) {
                    printTunnelRule(svcName, dname, d);
                } else {
                    printf("-a %s -r %s %s -w %d\n", svcName, dname, forwardingSwitch(d.forwarding()), d.weight());
                }
            } else if ((format & FMT_STATS) != 0) {
                printf("  -> %-28s", dname);
                largeNum(e.stats().connections(), format);
                largeNum(e.stats().inPackets(), format);
                largeNum(e.stats().outPackets(), format);
                largeNum(e.stats().inBytes(), format);
                largeNum(e.stats().outBytes(), format);
                o.append('\n');
            } else if ((format & FMT_RATE) != 0) {
                printf("  -> %-28s %8s %8s %8s", dname, Long.toUnsignedString(e.stats().connectionRate()),
                        Long.toUnsignedString(e.stats().inPacketRate()), Long.toUnsignedString(e.stats().outPacketRate()));
                largeNum(e.stats().inByteRate(), format);
                largeNum(e.stats().outByteRate(), format);
                o.append('\n');
            } else if ((format & FMT_THRESHOLDS) != 0) {
                printf("  -> %-28s %-10s %-10s %-10s %-10s\n", dname, u32(d.upperThreshold()), u32(d.lowerThreshold()),
                        u32(e.activeConnections()), u32(e.inactiveConnections()));
            } else if ((format & FMT_PERSISTENTCONN) != 0) {
                printf("  -> %-28s %-9s %-11s %-10s %-10s\n", dname, u32(d.weight()), u32(e.persistentConnections()),
                        u32(e.activeConnections()), u32(e.inactiveConnections()));
            } else if ((format & FMT_TUN_INFO) != 0) {
                printf("  -> %-28s %-7s %-13s %-6d %-10s %-10s\n", dname, forwardingName(d.forwarding()),
                        tunnelInfo(d), d.weight(), u32(e.activeConnections()), u32(e.inactiveConnections()));
            } else {
                printf("  -> %-28s %-7s %-6d %-10s %-10s\n", dname, forwardingName(d.forwarding()), d.weight(),
                        u32(e.activeConnections()), u32(e.inactiveConnections()));
            }
        }
    }

    private static String u32(int v) {
        return Integer.toUnsignedString(v);
    }

    private static String maskText(int mask) {
        return ((mask >>> 24) & 0xff) + "." + ((mask >>> 16) & 0xff) + "." + ((mask >>> 8) & 0xff) + "." + (mask & 0xff);
    }

    private static String schedFlagsText(String scheduler, int flags) {
        List<String> f = new ArrayList<>();
        if (scheduler.equals("sh") || scheduler.equals("mh")) {
            if ((flags & ServiceFlag.SCHED1.bit()) != 0) {
                f.add(scheduler + "-fallback");
            }
            if ((flags & ServiceFlag.SCHED2.bit()) != 0) {
                f.add(scheduler + "-port");
            }
        } else {
            if ((flags & ServiceFlag.SCHED1.bit()) != 0) {
                f.add("flag-1");
            }
            if ((flags & ServiceFlag.SCHED2.bit()) != 0) {
                f.add("flag-2");
            }
            if ((flags & ServiceFlag.SCHED3.bit()) != 0) {
                f.add("flag-3");
            }
        }
        return String.join(",", f);
    }

    private static String forwardingName(ForwardingMethod m) {
        return switch (m) {
            case MASQ -> "Masq";
            case LOCAL -> "Local";
            case TUNNEL -> "Tunnel";
            case ROUTE -> "Route";
        };
    }

    private static String forwardingSwitch(ForwardingMethod m) {
        return switch (m) {
            case MASQ -> "-m";
            case TUNNEL -> "-i";
            case LOCAL, ROUTE -> "-g";
        };
    }

    private static String tunnelInfo(Destination d) {
        if (d.forwarding() != ForwardingMethod.TUNNEL) {
            return "n/a";
        }
        Tunnel t = d.tunnel();
        String flags = t.flags() >= 0 && t.flags() < TUN_FLAGS.length ? TUN_FLAGS[t.flags()] : "?";
        return switch (t.type()) {
            case IPIP -> "ipip";
            case GUE -> "gue:" + t.port() + ":" + flags;
            case GRE -> "gre:" + flags;
        };
    }

    private void printTunnelRule(String svcName, String dname, Destination d) {
        Tunnel t = d.tunnel();
        String flagOpt = t.flags() >= 0 && t.flags() < TUN_FLAG_OPTS.length ? TUN_FLAG_OPTS[t.flags()] : "";
        switch (t.type()) {
            case GRE -> printf("-a %s -r %s %s -w %d --tun-type %s %s\n", svcName, dname, "-i", d.weight(),
                    TUN_NAMES[t.type().value()], flagOpt);
            case GUE -> printf("-a %s -r %s %s -w %d --tun-type %s --tun-port %d %s\n", svcName, dname, "-i",
                    d.weight(), TUN_NAMES[t.type().value()], t.port(), flagOpt);
            case IPIP -> printf("-a %s -r %s %s -w %d --tun-type %s\n", svcName, dname, "-i", d.weight(),
                    TUN_NAMES[t.type().value()]);
        }
    }

    /** print_largenum: right-aligned in 9 columns, scaled with K/M/G/T unless --exact. */
    private void largeNum(long value, int format) {
        String v = Long.toUnsignedString(value);
        if ((format & FMT_EXACT) != 0) {
            int width = v.length() <= 8 ? 9 : v.length() + 1;
            printf("%" + width + "s", v);
            return;
        }
        if (Long.compareUnsigned(value, 100_000_000L) < 0) {
            printf("%9s", v);
        } else if (Long.compareUnsigned(value, 1_000_000_000L) < 0) {
            printf("%8sK", Long.toUnsignedString(Long.divideUnsigned(value, 1000)));
        } else if (Long.compareUnsigned(value, 100_000_000_000L) < 0) {
            printf("%8sM", Long.toUnsignedString(Long.divideUnsigned(value, 1_000_000)));
        } else if (Long.compareUnsigned(value, 100_000_000_000_000L) < 0) {
            printf("%8sG", Long.toUnsignedString(Long.divideUnsigned(value, 1_000_000_000L)));
        } else {
            printf("%8sT", Long.toUnsignedString(Long.divideUnsigned(value, 1_000_000_000_000L)));
        }
    }

    /** The 16-byte address words as ipvsadm compares them (IPv4 in the first word). */
    private static int[] words(InetAddress a) {
        byte[] b = Arrays.copyOf(a.getAddress(), 16);
        int[] w = new int[4];
        for (int i = 0; i < 4; i++) {
            w[i] = ((b[4 * i] & 0xff) << 24) | ((b[4 * i + 1] & 0xff) << 16) | ((b[4 * i + 2] & 0xff) << 8) | (b[4 * i + 3] & 0xff);
        }
        return w;
    }

    private static final int[] ZERO_WORDS = new int[4];

    /** ipvs_cmp_services, with its unsigned-subtraction arithmetic. */
    static int compareServices(ServiceEntry s1, ServiceEntry s2) {
        ServiceKey k1 = s1.key();
        ServiceKey k2 = s2.key();
        int fw1 = k1 instanceof ServiceKey.Fwmark f ? f.mark() : 0;
        int fw2 = k2 instanceof ServiceKey.Fwmark f ? f.mark() : 0;
        int r = fw1 - fw2;
        if (r != 0) {
            return r;
        }
        r = k1.family().value() - k2.family().value();
        if (r != 0) {
            return r;
        }
        r = protocolOf(k1) - protocolOf(k2);
        if (r != 0) {
            return r;
        }
        int[] w1 = k1 instanceof ServiceKey.Address a ? words(a.address()) : ZERO_WORDS;
        int[] w2 = k2 instanceof ServiceKey.Address a ? words(a.address()) : ZERO_WORDS;
        if (k1.family() == AddressFamily.INET6) {
            for (int i = 0; r == 0 && i < 4; i++) {
                r = w1[i] - w2[i];
            }
        } else {
            r = w1[0] - w2[0];
        }
        if (r != 0) {
            return r;
        }
        int p1 = k1 instanceof ServiceKey.Address a ? a.port() : 0;
        int p2 = k2 instanceof ServiceKey.Address a ? a.port() : 0;
        return p1 - p2;
    }

    /** ipvs_cmp_dests. */
    static int compareDestinations(DestinationEntry d1, DestinationEntry d2) {
        int[] w1 = words(d1.destination().address());
        int[] w2 = words(d2.destination().address());
        int r = 0;
        if (d1.destination().address() instanceof Inet6Address) {
            for (int i = 0; r == 0 && i < 4; i++) {
                r = w1[i] - w2[i];
            }
        } else {
            r = w1[0] - w2[0];
        }
        if (r != 0) {
            return r;
        }
        return d1.destination().port() - d2.destination().port();
    }

    // ---------------------------------------------------------------- connections

    private void listConnections(int format) {
        List<String> lines;
        try {
            lines = Files.readAllLines(connectionTable, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw fail(1, "cannot open file " + connectionTable);
        } catch (IOException e) {
            throw fail(1, "cannot open file " + connectionTable);
        }
        if (lines.isEmpty()) {
            throw fail(1, "unexpected input from " + connectionTable);
        }
        o.append("IPVS connection entries\n");
        if ((format & FMT_PERSISTENTCONN) != 0) {
            printf("pro expire %-11s %-18s %-18s %-18s %-16s %s\n", "state", "source", "virtual", "destination",
                    "pe name", "pe_data");
        } else {
            printf("pro expire %-11s %-18s %-18s %s\n", "state", "source", "virtual", "destination");
        }
        for (String line : lines.subList(1, lines.size())) {
            printConnection(line, format);
        }
    }

    private void printConnection(String line, int format) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 9) {
            return;
        }
        String protocol = f[0];
        int proto = switch (protocol) {
            case "TCP" -> 6;
            case "UDP" -> 17;
            case "SCTP" -> 132;
            default -> 0;
        };
        InetAddress caddr;
        InetAddress vaddr;
        Inet6Address c6 = Addresses.parseInet6(f[1]);
        if (c6 != null) {
            caddr = c6;
            vaddr = orZero6(Addresses.parseInet6(f[3]));
        } else if (Addresses.parseInet4Strict(f[1]) != null) {
            caddr = Addresses.parseInet4Strict(f[1]);
            vaddr = orZero4(Addresses.parseInet4Strict(f[3]));
        } else {
            caddr = hexAddress(f[1]);
            vaddr = hexAddress(f[3]);
        }
        InetAddress daddr = Addresses.parseInet6(f[5]);
        if (daddr == null) {
            daddr = Addresses.parseInet4Strict(f[5]);
        }
        if (daddr == null) {
            daddr = hexAddress(f[5]);
        }
        int cport = (int) Long.parseLong(f[2], 16) & 0xffff;
        int vport = (int) Long.parseLong(f[4], 16) & 0xffff;
        int dport = (int) Long.parseLong(f[6], 16) & 0xffff;
        String state = f[7];
        long expires = Long.parseLong(f[8]);
        String expire = String.format("%02d:%02d", expires / 60, expires % 60);
        String cname = addrPort(caddr, cport, proto, format);
        String vname = addrPort(vaddr, vport, proto, format);
        String dname = addrPort(daddr, dport, proto, format);
        if ((format & FMT_PERSISTENTCONN) != 0 && f.length >= 11) {
            printf("%-3s %-6s %-11s %-18s %-18s %-16s %-18s %s\n", protocol, expire, state, cname, vname, dname, f[9], f[10]);
        } else {
            printf("%-3s %-6s %-11s %-18s %-18s %s\n", protocol, expire, state, cname, vname, dname);
        }
    }

    private static InetAddress orZero6(InetAddress a) {
        return a != null ? a : toAddress(AddressFamily.INET6.value(), new byte[16]);
    }

    private static InetAddress orZero4(InetAddress a) {
        return a != null ? a : toAddress(AddressFamily.INET.value(), new byte[16]);
    }

    private static InetAddress hexAddress(String hex) {
        long v;
        try {
            v = Long.parseUnsignedLong(hex, 16) & 0xffffffffL;
        } catch (NumberFormatException e) {
            v = 0;
        }
        byte[] b = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        return toAddress(AddressFamily.INET.value(), b);
    }

    // ---------------------------------------------------------------- help

    static String version() {
        return "ipvsadm (javalived) compatible with ipvsadm v1.31 2019/12/24 and IPVS v1.2.1\n";
    }

    static String usage() {
        return version() + """
                Usage:
                  ipvsadm -A|E virtual-service [-s scheduler] [-p [timeout]] [-M netmask] [--pe persistence_engine] [-b sched-flags]
                  ipvsadm -D virtual-service
                  ipvsadm -C
                  ipvsadm -R
                  ipvsadm -S [-n]
                  ipvsadm -a|e virtual-service -r server-address [options]
                  ipvsadm -d virtual-service -r server-address
                  ipvsadm -L|l [virtual-service] [options]
                  ipvsadm -Z [virtual-service]
                  ipvsadm --set tcp tcpfin udp
                  ipvsadm --start-daemon {master|backup} [daemon-options]
                  ipvsadm --stop-daemon {master|backup}
                  ipvsadm -h

                virtual-service: -t|-u|--sctp-service host[:port], or -f fwmark [-6]
                options: -s scheduler (default wlc), -p [timeout], -M netmask, --pe engine, -b flags, -o,
                         -r server[:port], -g (direct routing, default) | -i (tunnel) | -m (masquerading),
                         --tun-type ipip|gue|gre, --tun-port port, --tun-nocsum|--tun-csum|--tun-remcsum,
                         -w weight, -x upper-threshold, -y lower-threshold,
                daemon-options: --mcast-interface name (default eth0), --syncid 0..255, --sync-maxlen length,
                         --mcast-group address, --mcast-port port, --mcast-ttl ttl,
                listing: -n, -c, --timeout, --daemon, --stats, --rate, --exact, --thresholds,
                         --persistent-conn, --tun-info, --nosort, --sort
                """;
    }

}
