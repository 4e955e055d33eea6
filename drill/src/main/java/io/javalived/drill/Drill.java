package io.javalived.drill;

import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import io.javalived.lab.Topology;
import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.ParseResult;
import io.javalived.parser.model.VrrpInstance;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import io.javalived.lab.Vm;

/**
 * The failover drill: the seed topology in network namespaces, two javalived daemons (lb01 master, lb02 backup)
 * from the given configs, web servers answering their host names, steady client traffic to the VIP; then the
 * master is killed or stopped, the takeover timed, the master restarted and the preemption timed. Everything
 * it starts is torn down at the end, on error, and (by the lab's shutdown hook) when the JVM is interrupted.
 */
public final class Drill {
    static final int HTTP_PORT = 80;
    private static final String MASTER = "lb01";
    private static final String BACKUP = "lb02";

    private final DrillOptions options;
    private final DrillSteps steps;
    private final DrillClock clock;
    private final java.time.Instant wallOrigin = java.time.Instant.now();
    private final List<String> notes = new ArrayList<>();
    private final List<Long> started = new CopyOnWriteArrayList<>();
    private int daemonSerial;

    public Drill(DrillOptions options, PrintStream out) {
        this.options = options;
        this.steps = new DrillSteps(out, options.settleSeconds());
        this.clock = steps.clock();
    }

    /** PIDs of the daemons this drill started (all gone once {@link #run()} returned). */
    public List<Long> startedPids() {
        return List.copyOf(started);
    }

    /** Whether this kernel has IPVS (the host's does not; the lab VM's does). */
    static boolean kernelHasIpvs() {
        return Files.exists(Path.of("/proc/net/ip_vs"));
    }

    public DrillReport run() throws InterruptedException {
        VrrpInstance master = instance(options.masterConfig());
        VrrpInstance backup = instance(options.backupConfig());
        if (master.virtualIpAddresses().isEmpty()) {
            throw new DrillException(options.masterConfig() + ": vrrp_instance " + master.name() + " has no virtual_ipaddress");
        }
        InetAddress vip = master.virtualIpAddresses().getFirst().address();
        ProtocolBound bound = ProtocolBound.of(backup);
        boolean ipvs = kernelHasIpvs();
        if (options.daemon() == DrillDaemon.KEEPALIVED) {
            DrillDaemon.keepalived(); // a clear error before anything is built
        }

        var avail = Netns.availability();
        if (!avail.available()) {
            throw new DrillException("the drill builds network namespaces: " + avail.reason());
        }
        steps.step("building the seed topology in network namespaces (lb01 .5, lb02 .6, web01 .7, web02 .8, client .100)");
        return steps.inLab(Topology.seed(), lab -> drill(lab, master, backup, vip, bound, ipvs));
    }

    private DrillReport drill(Netns lab, VrrpInstance master, VrrpInstance backup, InetAddress vip,
                              ProtocolBound bound, boolean ipvs) throws InterruptedException {
        String vipText = vip.getHostAddress();
        for (String web : List.of("web01", "web02")) {
            steps.closeLater(DrillHttpServer.start(lab.host(web).namespacePath(), web, HTTP_PORT));
            if (ipvs) {
                // a direct-routing real server: the VIP on lo, never answering ARP for it
                lab.host(web).execOrThrow("ip", "addr", "add", vipText + "/32", "dev", "lo");
                lab.host(web).execOrThrow("sysctl", "-q", "-w", "net.ipv4.conf.all.arp_ignore=1",
                        "net.ipv4.conf.all.arp_announce=2");
            }
        }
        VipWatcher onMaster = watch(lab, MASTER, vip);
        VipWatcher onBackup = watch(lab, BACKUP, vip);

        steps.step("starting " + options.daemon().label() + " on lb01 (" + options.masterConfig() + ") and lb02 ("
                + options.backupConfig() + ")" + (ipvs ? "" : " with -P: this kernel has no IPVS"));
        LabProcess lb01 = daemon(lab, MASTER, options.masterConfig(), ipvs);
        LabProcess lb02 = daemon(lab, BACKUP, options.backupConfig(), ipvs);
        // JVMs start in seconds here, but in minutes under the VM's software emulation
        Duration startLimit = Duration.ofSeconds(Vm.inGuest() ? 400 : 90);
        if (options.daemon() == DrillDaemon.KEEPALIVED) {
            keepalivedReadTheVip(lb01, options.masterConfig(), vipText);
            keepalivedReadTheVip(lb02, options.backupConfig(), vipText);
        }
        if (onMaster.await(true, 0, startLimit).isEmpty()) {
            throw new DrillException("lb01 never took the VIP " + vipText + " within " + startLimit.toSeconds()
                    + " s; its log:\n" + lb01.output() + "\nlb02's log:\n" + lb02.output());
        }
        if (!steady(lab, lb02, vipText, startLimit)) {
            throw new DrillException("lb01 MASTER with lb02 BACKUP never settled within " + startLimit.toSeconds()
                    + " s; lb01's log:\n" + lb01.output() + "\nlb02's log:\n" + lb02.output());
        }
        steps.event(DrillEvent.Kind.READY, "lb01 holds " + vipText + ", lb02 is BACKUP");

        Boolean ipvsProgrammed = null;
        String dataPath;
        if (ipvs) {
            // the checker subsystem installs the virtual server when it starts: give it the start limit
            String table = "";
            long end = System.nanoTime() + startLimit.toNanos();
            while (System.nanoTime() < end) {
                table = lab.host(MASTER).exec("ipvsadm", "-Ln").stdout();
                if (table.contains(vipText + ":" + HTTP_PORT) && table.contains("-> 10.0.0.")) {
                    break;
                }
                if (lb01.output().contains("IPVS is not available") || !lb01.isAlive()
                        || lb01.output().contains("Invalid virtual server")) {
                    break;
                }
                Thread.sleep(500);
            }
            ipvsProgrammed = table.contains(vipText + ":" + HTTP_PORT);
            if (ipvsProgrammed) {
                dataPath = "through real IPVS (the VM's kernel): client -> VIP " + vipText + ":" + HTTP_PORT
                        + " on the master -> web01/web02 (the daemons' virtual_server, lb_kind DR)";
                notes.add("IPVS table on lb01 at start:\n" + table.strip().indent(6).stripTrailing());
            } else {
                dataPath = "NOT through IPVS: this kernel has IPVS, but lb01's daemon did not install the virtual server "
                        + "within " + startLimit.toSeconds() + " s (see its log); the client targets the VIP on the "
                        + "load balancers themselves, served by the drill's own server on lb01/lb02";
                notes.add("ipvsadm -Ln on lb01 showed no virtual server " + vipText + ":" + HTTP_PORT + ":\n"
                        + table.strip().indent(6).stripTrailing());
                lb01.output().lines().filter(l -> l.contains("Invalid virtual server") || l.contains("Invalid real server"))
                        .findFirst().ifPresent(l -> notes.add("lb01's daemon skipped the virtual server: " + l.strip()
                                + (options.daemon() == DrillDaemon.KEEPALIVED ? " (keepalived 2.2.7 reads "
                                + "'virtual_server IP PORT', with a space; the seed writes IP:PORT, which javalived "
                                + "reads and keepalived skips)" : "")));
                serveOnBalancers(lab);
            }
        } else {
            dataPath = "this kernel has no IPVS, so the client targets the VIP on the load balancers themselves: the drill's "
                    + "own HTTP server on lb01 and lb02 answers on " + vipText + ":" + HTTP_PORT
                    + " (run with --vm for real IPVS to web01/web02)";
            serveOnBalancers(lab);
        }

        DrillClient client = new DrillClient(lab.host("client").namespacePath(),
                new InetSocketAddress(vip, HTTP_PORT), clock, options.timeoutMs());
        steps.closeLater(client);
        steps.step(String.format(java.util.Locale.ROOT, "client traffic: %s requests/s to %s:%d", options.rate(), vipText, HTTP_PORT));
        client.start(options.rate());
        EchoConnections echoes = null;
        if (options.connections() > 0) {
            echoes = new EchoConnections(lab.host("client").namespacePath(), new InetSocketAddress(vip, HTTP_PORT), clock,
                    options.timeoutMs());
            steps.closeLater(echoes);
            steps.step("opening " + options.connections() + " long-lived connection" + (options.connections() == 1 ? "" : "s")
                    + " to " + vipText + ":" + HTTP_PORT + " (a line every 100 ms each, echoed by the server)");
            int up = echoes.open(options.connections());
            steps.step(up + " of " + options.connections() + " connections open and echoing");
        }
        steps.settle();

        if (echoes != null && Boolean.TRUE.equals(ipvsProgrammed)) {
            notes.add("Before the signal: " + ipvsConnections(lab, vipText));
            notes.add("IPVS settings in lb02 (sysctl net.ipv4.vs.conntrack sync_threshold sync_version "
                    + "sync_persist_mode): " + lab.host(BACKUP).exec("sysctl", "-n", "net.ipv4.vs.conntrack",
                    "net.ipv4.vs.sync_threshold", "net.ipv4.vs.sync_version", "net.ipv4.vs.sync_persist_mode")
                    .stdout().strip().replace('\n', ' ').replace('\t', ' ') + "; nf_conntrack "
                    + (Files.exists(Path.of("/proc/net/nf_conntrack")) || moduleLoaded("nf_conntrack") ? "loaded" : "not loaded")
                    + " in this kernel");
        }
        steps.step("taking the master down: " + options.mode().description());
        // signals straight from this JVM (spawning kill(1) takes seconds under emulation)
        List<ProcessHandle> group = ProcessGroup.members(lb01.pid());
        double signalAt = clock.now();
        if (options.mode() == DrillMode.KILL) {
            group.forEach(ProcessHandle::destroyForcibly);
        } else {
            ProcessHandle.of(lb01.pid()).ifPresent(ProcessHandle::destroy);
        }
        steps.event(signalAt, DrillEvent.Kind.SIGNAL, options.mode() == DrillMode.KILL ? "kill -9 lb01's process group (pid "
                + lb01.pid() + ", " + group.size() + " process" + (group.size() == 1 ? "" : "es") + ")"
                : "SIGTERM lb01 (pid " + lb01.pid() + ")");
        Duration takeoverLimit = Duration.ofMillis((long) (bound.takeoverSeconds(options.mode()) * 1000) + 30_000);
        Optional<VipWatcher.Change> taken = onBackup.await(true, signalAt, takeoverLimit);
        Double takeover = taken.map(c -> c.at() - signalAt).orElse(null);
        taken.ifPresent(c -> steps.event(c.at(), DrillEvent.Kind.TAKEOVER, "VIP " + vipText + " added on lb02"));
        Double release = null;
        if (options.mode() == DrillMode.STOP) {
            Optional<VipWatcher.Change> gone = onMaster.await(false, signalAt, Duration.ofSeconds(10));
            release = gone.map(c -> c.at() - signalAt).orElse(null);
            gone.ifPresent(c -> steps.event(c.at(), DrillEvent.Kind.VIP_REMOVED, "VIP removed from lb01 (graceful stop)"));
        }
        steps.step("takeover: " + DrillReport.secs(takeover) + " (bound " + bound.explain(options.mode()) + ")");
        lb01.waitFor(Duration.ofSeconds(10));
        steps.settle();

        if (hasVip(lab.host(MASTER), vipText)) {
            notes.add("After kill -9, lb01 still had " + vipText + " configured (a crash cleans nothing up, as with "
                    + "keepalived); lb02's gratuitous ARP moved the client. The drill removed the stale VIP from lb01 "
                    + "before restarting it, as an operator would.");
            lab.host(MASTER).exec("ip", "addr", "del", vipText + "/" + master.virtualIpAddresses().getFirst().prefixLength(),
                    "dev", "eth0");
            onMaster.await(false, signalAt, Duration.ofSeconds(2))
                    .ifPresent(c -> steps.event(c.at(), DrillEvent.Kind.VIP_REMOVED, "stale VIP removed from lb01 by the drill"));
        }
        if (echoes != null && Boolean.TRUE.equals(ipvsProgrammed)) {
            notes.add("Before the restart of lb01: " + ipvsConnections(lab, vipText));
        }
        steps.step("restarting lb01");
        double restartAt = clock.now();
        if (echoes != null) {
            steps.step("connections failed so far: " + echoes.failedSoFar() + " of " + options.connections());
        }
        LabProcess lb01again = daemon(lab, MASTER, options.masterConfig(), ipvs);
        steps.event(DrillEvent.Kind.RESTART, options.daemon().label() + " started again on lb01 (pid " + lb01again.pid() + ")");
        Optional<VipWatcher.Change> back = onMaster.await(true, restartAt, startLimit);
        Double preempt = back.map(c -> c.at() - restartAt).orElse(null);
        back.ifPresent(c -> steps.event(c.at(), DrillEvent.Kind.PREEMPT, "VIP " + vipText + " back on lb01 (preemption)"));
        Optional<VipWatcher.Change> released = onBackup.await(false, restartAt, Duration.ofSeconds(10));
        Double backupRelease = released.map(c -> c.at() - restartAt).orElse(null);
        released.ifPresent(c -> steps.event(c.at(), DrillEvent.Kind.VIP_REMOVED, "VIP removed from lb02 (back to BACKUP)"));
        steps.step("preempt: " + DrillReport.secs(preempt) + " after the restart");
        if (back.isPresent()) {
            loggedAt(lb01again.output(), "Entering BACKUP STATE").ifPresent(up -> {
                ProtocolBound own = ProtocolBound.of(master);
                notes.add(String.format(java.util.Locale.ROOT, "The restarted lb01 daemon was up (Entering BACKUP STATE) "
                        + "%.2f s after the restart (JVM start on this machine), then took the VIP %.2f s later "
                        + "(a preempting backup waits its own Master_Down_Interval, %.3f s for priority %d).",
                        up - restartAt, back.get().at() - up, own.masterDownSeconds(), own.backupPriority()));
            });
        }
        steps.settle();

        ConnectionsReport connections = null;
        if (echoes != null) {
            // a pause as long as the takeover is allowed, plus one request time limit (TCP retransmits after it)
            double allowed = (takeover != null ? takeover : bound.takeoverSeconds(options.mode())) + options.timeoutMs() / 1000.0;
            double stopAt = clock.now();
            List<EchoLog> echoLogs = echoes.stop(allowed);
            connections = ConnectionTally.tally(echoLogs, signalAt, restartAt, stopAt + allowed, allowed);
            steps.step(connections.line());
        }
        List<RequestRecord> log = client.stop();
        List<String> daemonLog = new ArrayList<>();
        for (var p : List.of(lb01, lb02, lb01again)) {
            String host = p == lb02 ? BACKUP : MASTER;
            p.output().lines().filter(l -> (l.contains("Entering ") && l.contains(" STATE")) || stateLine(l))
                    .forEach(l -> daemonLog.add(host + " pid " + p.pid() + ": " + l.strip()));
        }
        if (Vm.inGuest()) {
            notes.add("This run was inside the lab VM under qemu software emulation (TCG) on a shared host: JVM start "
                    + "takes minutes there and a starting JVM starves the guest's CPUs, so timings and request failures "
                    + "during a daemon's start say more about the emulator than about VRRP.");
        }
        if (ipvs && Boolean.TRUE.equals(ipvsProgrammed)) {
            notes.add("lb01's persistence_timeout keeps one client on one real server; lb02's IPVS table (its own "
                    + "namespace) chose again after the takeover.");
        }
        var report = new DrillReport(options.mode().name().toLowerCase(java.util.Locale.ROOT),
                options.mode().description(), dataPath, ipvs, ipvsProgrammed, vipText + ":" + HTTP_PORT,
                options.rate(), bound, bound.takeoverSeconds(options.mode()), bound.explain(options.mode()), takeover,
                release, preempt, backupRelease, log.size(), (int) log.stream().filter(RequestRecord::ok).count(),
                (int) log.stream().filter(r -> !r.ok()).count(), DrillReport.outage(log, signalAt),
                DrillReport.answeredBy(log), DrillReport.failures(log), DrillReport.segments(log),
                held(List.of(onMaster, onBackup), clock.now()),
                steps.events(), daemonLog,
                List.copyOf(notes), log, daemonName(), connections);
        return report;
    }

    /** Which host held the VIP when, from the watchers' add/remove notifications. */
    static List<DrillReport.Segment> held(List<VipWatcher> watchers, double end) {
        List<DrillReport.Segment> out = new ArrayList<>();
        for (VipWatcher w : watchers) {
            Double from = null;
            for (VipWatcher.Change c : w.changes()) {
                if (c.added() && from == null) {
                    from = c.at();
                } else if (!c.added() && from != null) {
                    out.add(new DrillReport.Segment(from, c.at(), w.host(), 0));
                    from = null;
                }
            }
            if (from != null) {
                out.add(new DrillReport.Segment(from, end, w.host(), 0));
            }
        }
        out.sort(java.util.Comparator.comparingDouble(DrillReport.Segment::from));
        return out;
    }

    private void serveOnBalancers(Netns lab) {
        for (String lb : List.of(MASTER, BACKUP)) {
            steps.closeLater(DrillHttpServer.start(lab.host(lb).namespacePath(), lb, HTTP_PORT));
        }
    }

    private VipWatcher watch(Netns lab, String host, InetAddress vip) {
        VipWatcher w = new VipWatcher(lab.host(host).namespacePath(), host, vip, clock);
        steps.closeLater(w);
        return w;
    }

    /**
     * What each load balancer's IPVS holds for the VIP (ipvsadm -Lnc: entries by state) and which sync daemons its
     * kernel runs (ipvsadm -L --daemon): the evidence of connection sync, or of its absence.
     */
    private static String ipvsConnections(Netns lab, String vip) {
        StringBuilder b = new StringBuilder();
        for (String lb : List.of(MASTER, BACKUP)) {
            var byState = new java.util.TreeMap<String, Integer>();
            lab.host(lb).exec("ipvsadm", "-Lnc").stdout().lines().map(String::strip)
                    .filter(l -> l.contains(" " + vip + ":" + HTTP_PORT + " "))
                    .forEach(l -> byState.merge(l.split("\\s+")[2], 1, Integer::sum));
            String daemons = lab.host(lb).exec("ipvsadm", "-L", "--daemon").stdout().strip().replace('\n', ';');
            b.append(b.isEmpty() ? "" : "; ").append(lb).append("'s IPVS holds ").append(byState.isEmpty() ? "no"
                    : byState.toString()).append(" connection entries for ").append(vip).append(':').append(HTTP_PORT)
                    .append(" (sync daemons: ").append(daemons.isEmpty() ? "none" : daemons).append(')');
        }
        return b.toString();
    }

    /**
     * keepalived drops a block it cannot read and runs without it; when the VIP block is gone (as with the seed's
     * misspelt {@code autherntication}: keepalived 2.2.7 then reads no virtual_ipaddress) the drill cannot run, and
     * says why at once, with keepalived's own lines, instead of waiting for a VIP that never comes.
     */
    private static void keepalivedReadTheVip(LabProcess p, Path config, String vip) throws InterruptedException {
        p.awaitOutput("Startup complete", Duration.ofSeconds(Vm.inGuest() ? 60 : 10));
        String log = p.output();
        if (log.contains("No VIP specified")) {
            String why = log.lines().filter(l -> l.contains("Unknown keyword") || l.contains("Unexpected")
                    || l.contains("No VIP specified")).map(l -> "  " + l.strip()).distinct()
                    .collect(java.util.stream.Collectors.joining("\n"));
            throw new DrillException("keepalived read no virtual_ipaddress from " + config + ", so it would never add "
                    + "the VIP " + vip + " (javalived reads that file with its errors reported and the VIP kept); "
                    + "keepalived said:\n" + why);
        }
    }

    private static boolean moduleLoaded(String name) {
        try {
            return Files.readString(Path.of("/proc/modules")).lines().anyMatch(l -> l.startsWith(name + " "));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** "javalived", or keepalived with its version as it prints it. */
    private String daemonName() {
        if (options.daemon() == DrillDaemon.JAVALIVED) {
            return "javalived";
        }
        Path binary = DrillDaemon.keepalived();
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("").strip();
            p.waitFor();
            return "keepalived (" + binary + ", " + first + ")";
        } catch (java.io.IOException e) {
            return "keepalived (" + binary + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "keepalived (" + binary + ")";
        }
    }

    private LabProcess daemon(Netns lab, String host, Path config, boolean ipvs) {
        String tag = host + "-" + (++daemonSerial);
        Path dir = lab.dir();
        if (options.daemon() == DrillDaemon.KEEPALIVED) {
            LabProcess p = lab.host(host).start("keepalived-" + tag,
                    DrillDaemon.keepalivedCommand(DrillDaemon.keepalived(), config, dir, tag, ipvs));
            started.add(p.pid());
            return p;
        }
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), "io.javalived.daemon.Main",
                "-n", "-l", "-G", "-f", config.toAbsolutePath().toString(),
                "-p", dir.resolve(tag + ".pid").toString(), "-r", dir.resolve(tag + "_vrrp.pid").toString(),
                "-c", dir.resolve(tag + "_checkers.pid").toString()));
        if (!ipvs) {
            cmd.add("-P");
        }
        LabProcess p = lab.host(host).start("javalived-" + tag, cmd);
        started.add(p.pid());
        return p;
    }

    /**
     * lb01 holds the VIP, lb02 does not, and lb02's latest state is BACKUP (both daemons may pass through MASTER
     * while they start, when lb02 times out first).
     */
    private static boolean steady(Netns lab, LabProcess backup, String vip, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            String last = backup.output().lines().filter(l -> l.contains("Entering ")).reduce((a, b) -> b).orElse("");
            if (last.contains("Entering BACKUP STATE") && hasVip(lab.host(MASTER), vip) && !hasVip(lab.host(BACKUP), vip)) {
                Thread.sleep(300);
                String again = backup.output().lines().filter(l -> l.contains("Entering ")).reduce((a, b) -> b).orElse("");
                if (again.equals(last) && !hasVip(lab.host(BACKUP), vip)) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    /**
     * A daemon's log line about a real server going in or out of IPVS or about a sync daemon (javalived's and
     * keepalived's words): with IPVS, what explains a pause of the traffic besides VRRP.
     */
    static boolean stateLine(String l) {
        return l.contains(" real server ") || l.contains("sync daemon") || l.contains("Removing service")
                || l.contains("Adding service") || l.contains("STARTDAEMON") || l.contains("STOPDAEMON")
                || l.contains("IPVS") || l.contains("Healthcheck child");
    }

    /** When (on the drill's clock) a daemon's log first shows {@code text}, from its ISO local timestamp. */
    private Optional<Double> loggedAt(String log, String text) {
        return log.lines().filter(l -> l.contains(text)).findFirst().flatMap(l -> {
            try {
                var wall = java.time.LocalDateTime.parse(l.substring(0, l.indexOf(' ')))
                        .atZone(java.time.ZoneId.systemDefault()).toInstant();
                double sinceOrigin = java.time.Duration.between(wallOrigin, wall).toNanos() / 1e9;
                return Optional.of(sinceOrigin);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    private static boolean hasVip(LabHost host, String vip) {
        return host.exec("ip", "-4", "-o", "addr", "show", "dev", "eth0").stdout().contains(" " + vip + "/");
    }

    private static VrrpInstance instance(Path config) {
        if (!Files.isReadable(config)) {
            throw new DrillException(config + ": cannot be read");
        }
        ParseResult r = KeepalivedParser.parse(config);
        List<VrrpInstance> all = r.config().vrrpInstances();
        if (all.isEmpty()) {
            throw new DrillException(config + ": no vrrp_instance to drill");
        }
        return all.getFirst();
    }
}
