package io.javalived.drill;

import io.javalived.lab.Frr;
import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import io.javalived.lab.Topology;
import io.javalived.lab.Vm;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The anycast drill ({@code javalived drill --anycast N}, issue 18): N directors behind an upstream router's ECMP,
 * each announcing the VIP through its own FRR while javalived says its virtual server has quorum; IPVS {@code mh}
 * (Maglev hashing, {@code mh-port}) with {@code sloppy_tcp} on every director, so a flow that the router moves to
 * another director mid-connection reaches the same real server (DR: web01/web02 hold the VIP on lo and answer the
 * client through the router). Steady requests and N long-lived connections from a client behind the router; then
 * kill -9 of every process of the busiest director (javalived and zebra, bgpd, bfdd: a crashed machine), the
 * router's FIB watched; the director restarted (FRR, then javalived, its IPVS table emptied as a reboot would) and
 * awaited; then the link from another director to its real servers cut, so its checks fail and it withdraws while
 * the others keep the route. Needs real IPVS: run with {@code --vm}.
 *
 * <pre>
 *   client 172.31.0.10 --west-- r 172.31.0.1 | 172.30.0.1 --north-- lb0n 172.30.0.1n (FRR AS 6500n, javalived)
 *                                r 192.168.60.1 --south-- lb0n 192.168.60.1n, web01 .21, web02 .22 (gateway r)
 * </pre>
 */
public final class AnycastDrill {
    static final String VIP = "10.0.0.3";
    static final int PORT = 80;
    static final List<String> WEBS = List.of("web01", "web02");
    /**
     * BFD between the router and each director: 1 s x 5. The emulated guest stalls for seconds on a loaded host; at
     * 300 ms x 3 the router's BFD dropped all three sessions at once every few seconds (next hops 3, 0, 1, 3...), so
     * every flow lost its path again and again. The kill -9 withdrawal does not wait for BFD (the dying bgpd's TCP
     * session closes); BFD covers a silent director (AnycastFrrNetnsTest: 100 ms x 3 in namespaces).
     */
    static final int BFD_MILLIS = 1000;
    static final int BFD_MULTIPLIER = 5;
    /**
     * TCP_CHECK connect_timeout 2, retry 1 (delay_before_retry 1): with 1 and 0 a stall of the emulated guest failed
     * both real servers' checks on every director at once, so all three withdrew together (next hops 3, 0, 3...) and a
     * real server left and re-entered IPVS, changing the mh table's order. The real-server withdrawal is slower by as
     * much (a failure is now 2 + 1 + 2 s of checks).
     */
    static final int CONNECT_TIMEOUT = 2;
    static final int RETRY = 1;

    private final AnycastOptions options;
    private final DrillSteps steps;
    private final DrillClock clock;
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Frr> frr = new TreeMap<>();
    private final Map<String, LabProcess> javalived = new TreeMap<>();
    private int serial;

    public AnycastDrill(AnycastOptions options, PrintStream out) {
        this.options = options;
        this.steps = new DrillSteps(out, options.settleSeconds());
        this.clock = steps.clock();
    }

    static String director(int n) {
        return String.format(Locale.ROOT, "lb%02d", n);
    }

    static String uplink(int n) {
        return "172.30.0." + (10 + n);
    }

    static String backLink(int n) {
        return "192.168.60." + (10 + n);
    }

    static String webAddress(String web) {
        return "192.168.60." + (20 + Integer.parseInt(web.substring(3)));
    }

    List<String> directors() {
        List<String> d = new ArrayList<>();
        for (int n = 1; n <= options.directors(); n++) {
            d.add(director(n));
        }
        return d;
    }

    static Topology topology(int directors) {
        Topology.Builder t = Topology.builder().lan("north").lan("south").lan("west")
                .host("r", h -> h.nic("eth0", "north", "172.30.0.1/24").nic("eth1", "west", "172.31.0.1/24")
                        .nic("eth2", "south", "192.168.60.1/24")
                        .sysctl("net.ipv4.ip_forward", "1").sysctl("net.ipv4.fib_multipath_hash_policy", "1")
                        .sysctl("net.ipv4.conf.all.rp_filter", "0").sysctl("net.ipv4.conf.default.rp_filter", "0"));
        for (int n = 1; n <= directors; n++) {
            int i = n;
            t.host(director(n), h -> h.nic("eth0", "north", uplink(i) + "/24").nic("eth1", "south", backLink(i) + "/24")
                    .gateway("172.30.0.1"));
        }
        for (String web : WEBS) {
            t.host(web, h -> h.nic("eth0", "south", webAddress(web) + "/24").gateway("192.168.60.1"));
        }
        t.host("client", h -> h.nic("eth0", "west", "172.31.0.10/24").gateway("172.31.0.1"));
        return t.build();
    }

    static String bfd() {
        return Frr.bfdProfile(BFD_MILLIS, BFD_MULTIPLIER);
    }

    static String routerBgp(int directors) {
        List<String> peers = new ArrayList<>();
        for (int n = 1; n <= directors; n++) {
            peers.add(uplink(n));
        }
        return Frr.ecmpRouterBgp("172.30.0.1", peers);
    }

    static String directorBgp(int n) {
        return Frr.anycastDirectorBgp(n, uplink(n), "172.30.0.1");
    }

    /**
     * Every director's keepalived.conf. No {@code alpha}: real servers enter IPVS in the file's order on every
     * director at start, and the order of an {@code mh} service's destinations is part of its Maglev table.
     */
    static String directorConf() {
        StringBuilder b = new StringBuilder("""
                virtual_server %s %d {
                    delay_loop 1
                    lb_algo mh
                    mh-port
                    lb_kind DR
                    protocol TCP
                    javalived_announce
                """.formatted(VIP, PORT));
        for (String web : WEBS) {
            b.append("""
                        real_server %s %d {
                            TCP_CHECK {
                                connect_timeout %d
                                retry %d
                                delay_before_retry 1
                            }
                        }
                    """.formatted(webAddress(web), PORT, CONNECT_TIMEOUT, RETRY));
        }
        return b.append("}\n").toString();
    }

    public AnycastReport run() throws InterruptedException {
        if (!Drill.kernelHasIpvs()) {
            throw new DrillException("--anycast needs a kernel with IPVS (mh, sloppy TCP, direct routing): this one has "
                    + "none; run it in the lab VM with --vm");
        }
        Frr.missing().ifPresent(why -> {
            throw new DrillException("--anycast runs FRR on the router and each director: " + why);
        });
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            throw new DrillException("--anycast: this kernel has no /dev/net/tun (javalived_announce's jl-announce device)");
        }
        var avail = Netns.availability();
        if (!avail.available()) {
            throw new DrillException("the drill builds network namespaces: " + avail.reason());
        }
        steps.step("building the anycast lab in network namespaces: router r, " + String.join(", ", directors())
                + ", web01, web02, client");
        try {
            return steps.inLab(topology(options.directors()), this::drill);
        } catch (IOException e) {
            throw new DrillException("cannot write the lab's files: " + e.getMessage(), e);
        }
    }

    private AnycastReport drill(Netns lab) throws InterruptedException, IOException {
        InetAddress vip = InetAddress.getByName(VIP);
        for (String web : WEBS) {
            steps.closeLater(DrillHttpServer.start(lab.host(web).namespacePath(), web, PORT));
            lab.host(web).directRoutingRealServer(VIP);
        }
        for (String d : directors()) {
            localVip(lab.host(d));
        }
        Path conf = Files.writeString(lab.dir().resolve("anycast.conf"), directorConf());
        NextHopWatcher hops = new NextHopWatcher(lab.host("r").namespacePath(), vip, clock::now);
        steps.closeLater(hops);

        steps.step("starting FRR (zebra, bgpd, bfdd) on r and on each director; BFD " + BFD_MILLIS + " ms x " + BFD_MULTIPLIER);
        frr.put("r", Frr.start(lab.host("r"), lab.dir(), routerBgp(options.directors()), bfd()));
        for (int n = 1; n <= options.directors(); n++) {
            startFrr(lab, n);
        }
        steps.step("starting javalived on each director (" + conf + ": lb_algo mh, mh-port, lb_kind DR, javalived_announce)");
        for (String d : directors()) {
            startJavalived(lab, d, conf);
        }
        // JVMs start in seconds on a host, in minutes in the emulated guest (over 400 s for a restart at load 20)
        Duration startLimit = Duration.ofSeconds(Vm.inGuest() ? 600 : 90);
        if (hops.awaitCount(options.directors(), 0, startLimit).isEmpty()) {
            throw new DrillException("the router never had " + options.directors() + " next hops for " + VIP + " within "
                    + startLimit.toSeconds() + " s (it has " + hops.hops() + ")\n" + state(lab));
        }
        steps.event(DrillEvent.Kind.READY, options.directors() + " next hops for " + VIP + " at the router: " + hops.hops());
        String table = lab.host("lb01").exec("ipvsadm", "-Ln").stdout();
        notes.add("IPVS table on lb01 at start:\n" + table.strip().indent(6).stripTrailing());

        DrillClient client = new DrillClient(lab.host("client").namespacePath(), new InetSocketAddress(vip, PORT), clock,
                options.timeoutMs());
        steps.closeLater(client);
        steps.step(String.format(Locale.ROOT, "client traffic: %s requests/s to %s:%d", options.rate(), VIP, PORT));
        client.start(options.rate());
        EchoConnections echoes = null;
        if (options.connections() > 0) {
            echoes = new EchoConnections(lab.host("client").namespacePath(), new InetSocketAddress(vip, PORT), clock,
                    options.timeoutMs());
            steps.closeLater(echoes);
            steps.step("opening " + options.connections() + " long-lived connections to " + VIP + ":" + PORT
                    + " (a line every 100 ms each, echoed by the real server)");
            int up = echoes.open(options.connections());
            steps.step(up + " of " + options.connections() + " connections open and echoing");
        }
        steps.settle();

        // every director announcing, steadily, before the kill (a stall of the guest can cost a check and a next hop)
        if (hops.await(h -> h.size() == options.directors(), clock.now(), startLimit).isEmpty()) {
            throw new DrillException("the router lost its " + options.directors() + " next hops and never got them back\n"
                    + state(lab));
        }
        // the busiest director goes: the most connections through it
        Map<String, Integer> entries = new TreeMap<>();
        for (String d : directors()) {
            entries.put(d, ipvsEntries(lab.host(d)));
        }
        String victim = entries.entrySet().stream().max(Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getValue())
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder())).orElseThrow().getKey();
        int victimN = Integer.parseInt(victim.substring(2));
        steps.step("IPVS connection entries for the VIP: " + entries + "; kill -9 of every process of " + victim
                + " (javalived and zebra, bgpd, bfdd)");
        List<ProcessHandle> all = new ArrayList<>(ProcessGroup.members(javalived.get(victim).pid()));
        frr.get(victim).processes().forEach(p -> all.addAll(ProcessGroup.members(p.pid())));
        List<String> before = hops.hops();
        double killAt = clock.now();
        all.forEach(ProcessHandle::destroyForcibly);
        if (!before.contains(uplink(victimN))) {
            notes.add("At the kill the router had no next hop via " + victim + " (" + before + "): the withdrawal time "
                    + "measures nothing this run.");
        }
        steps.event(killAt, DrillEvent.Kind.SIGNAL, "kill -9 of " + victim + ": " + all.size() + " processes (javalived and FRR)");
        Optional<NextHopWatcher.Change> gone = hops.await(h -> !h.contains(uplink(victimN)), killAt, Duration.ofSeconds(30));
        Double killWithdrawn = gone.map(c -> c.at() - killAt).orElse(null);
        gone.ifPresent(c -> steps.event(c.at(), DrillEvent.Kind.TAKEOVER, victim + "'s next hop gone from the router: " + c.hops()));
        int after = gone.map(NextHopWatcher.Change::count).orElse(hops.hops().size());
        steps.step(AnycastReport.killLine(before.size(), after, victim, killWithdrawn));
        for (ProcessHandle p : all) {
            p.onExit().completeOnTimeout(p, 10, java.util.concurrent.TimeUnit.SECONDS).join();
        }
        steps.settle();

        // a crashed machine comes back empty: its IPVS table (and connection entries) gone, as after a reboot
        lab.host(victim).execOrThrow("ipvsadm", "-C");
        steps.step("restarting " + victim + ": FRR, then javalived (its IPVS table emptied first, as a reboot would)");
        double restartAt = clock.now();
        startFrr(lab, victimN);
        startJavalived(lab, victim, conf);
        steps.event(restartAt, DrillEvent.Kind.RESTART, victim + " restarted (FRR and javalived)");
        Optional<NextHopWatcher.Change> back = hops.await(h -> h.contains(uplink(victimN)) && h.size() == options.directors(),
                restartAt, startLimit);
        Double restartedBack = back.map(c -> c.at() - restartAt).orElse(null);
        back.ifPresent(c -> steps.event(c.at(), DrillEvent.Kind.PREEMPT, victim + "'s next hop back at the router: " + c.hops()));
        steps.step(victim + " back in the router's FIB: " + DrillReport.secs(restartedBack) + " after the restart");
        steps.settle();

        ConnectionsReport connections = null;
        if (echoes != null) {
            double allowed = (killWithdrawn != null ? killWithdrawn : 1.0) + options.timeoutMs() / 1000.0;
            double stopAt = clock.now();
            List<EchoLog> logs = echoes.stop(allowed);
            connections = ConnectionTally.tally(logs, killAt, restartAt, stopAt + allowed, allowed);
            steps.step(connections.line());
        }

        // another director's real servers fail: its cable to them is pulled, its checks fail, it withdraws
        Map<String, Integer> now = new TreeMap<>();
        for (String d : directors()) {
            if (!d.equals(victim)) {
                now.put(d, ipvsEntries(lab.host(d)));
            }
        }
        String cut = now.entrySet().stream().max(Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getValue())
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder())).orElseThrow().getKey();
        int cutN = Integer.parseInt(cut.substring(2));
        steps.step("cutting " + cut + "'s link to its real servers (eth1): its checks fail");
        double cutAt = clock.now();
        lab.host(cut).unplug("eth1");
        steps.event(cutAt, DrillEvent.Kind.SIGNAL, cut + "'s link to web01/web02 cut");
        Optional<NextHopWatcher.Change> withdrawn = hops.await(h -> !h.contains(uplink(cutN)), cutAt, Duration.ofSeconds(30));
        Double rsWithdrawn = withdrawn.map(c -> c.at() - cutAt).orElse(null);
        withdrawn.ifPresent(c -> steps.event(c.at(), DrillEvent.Kind.VIP_REMOVED, cut + " withdrew; the router keeps " + c.hops()));
        List<String> kept = withdrawn.map(NextHopWatcher.Change::hops).orElse(hops.hops());
        steps.settle();
        double plugAt = clock.now();
        lab.host(cut).plug("eth1");
        steps.event(plugAt, DrillEvent.Kind.NOTE, cut + "'s link to its real servers back");
        Optional<NextHopWatcher.Change> again = hops.await(h -> h.contains(uplink(cutN)), plugAt, Duration.ofSeconds(30));
        again.ifPresent(c -> steps.event(c.at(), DrillEvent.Kind.NOTE, cut + " announces again: " + c.hops()));
        List<RequestRecord> log = client.stop();
        steps.step(AnycastReport.serversDownLine(cut, rsWithdrawn));

        double withdrawnAt = withdrawn.map(NextHopWatcher.Change::at).orElse(plugAt);
        List<RequestRecord> afterWithdrawal = log.stream().filter(r -> r.sentAt() >= withdrawnAt && r.sentAt() < plugAt).toList();
        int failedBefore = (int) log.stream().filter(r -> r.sentAt() >= cutAt && r.sentAt() < withdrawnAt && !r.ok()).count();
        if (Vm.inGuest()) {
            notes.add("This run was inside the lab VM under qemu software emulation (TCG) on a shared host: a JVM takes "
                    + "minutes to start there and starves the guest's 2 CPUs meanwhile.");
        }
        notes.add("Each director: the VIP as a local route on lo in the local table (arp_ignore=1, arp_announce=2), net.ipv4.vs.sloppy_tcp=1, IPVS "
                + "lb_algo mh with mh-port, lb_kind DR to web01/web02 (TCP_CHECK delay_loop 1, connect_timeout " + CONNECT_TIMEOUT
                + ", retry " + RETRY + ", delay_before_retry 1) (VIP on lo, default route via the router, so "
                + "replies go straight to the client). Router: FRR bgpd, maximum-paths 8, bgp bestpath as-path "
                + "multipath-relax, fib_multipath_hash_policy=1, BFD " + BFD_MILLIS + " ms x " + BFD_MULTIPLIER
                + " to each director, timers bgp 3 9.");
        if (again.isEmpty()) {
            notes.add(cut + " did not announce again within 30 s of its link coming back.");
        }
        String dataPath = "client -> router r (ECMP over " + options.directors() + " BGP next hops) -> a director's "
                + "real IPVS (the VM's kernel; mh, sloppy TCP) -> web01/web02 by direct routing -> the client via r";
        return new AnycastReport(options.directors(), VIP + ":" + PORT, dataPath, victim, before.size(), after,
                killWithdrawn, restartedBack, connections, cut, rsWithdrawn, kept, afterWithdrawal.size(),
                (int) afterWithdrawal.stream().filter(r -> !r.ok()).count(), failedBefore, entries, log.size(),
                (int) log.stream().filter(RequestRecord::ok).count(), DrillReport.answeredBy(log),
                DrillReport.failures(log), hops.changes(),
                steps.events(), notes, log);
    }

    /**
     * A director takes packets for the VIP as its own through a {@code local} route in the local table, not an
     * address on lo: zebra reads an address as a connected route, which it prefers to javalived's kernel route through
     * jl-announce, so {@code redistribute kernel} would never announce the VIP (seen in the VM: {@code C>* 10.0.0.3/32
     * lo} beside {@code K * 10.0.0.3/32 jl-announce}). arp_ignore=1 / arp_announce=2 as for DR, and IPVS's
     * {@code sloppy_tcp}: a flow the router moves here mid-connection (no SYN) is scheduled, to the same real server
     * ({@code mh}).
     */
    static void localVip(LabHost director) {
        director.exec(List.of("sysctl", "-q", "-w", "net.ipv4.conf.all.arp_ignore=1", "net.ipv4.conf.all.arp_announce=2",
                "net.ipv4.conf.eth1.arp_ignore=1", "net.ipv4.conf.eth1.arp_announce=2", "net.ipv4.vs.sloppy_tcp=1"),
                Duration.ofSeconds(60)).orThrow();
        director.execOrThrow("ip", "route", "add", "local", VIP + "/32", "dev", "lo", "table", "local");
    }

    private void startFrr(Netns lab, int n) throws IOException, InterruptedException {
        frr.put(director(n), Frr.start(lab.host(director(n)), lab.dir(), directorBgp(n), bfd()));
    }

    private void startJavalived(Netns lab, String d, Path conf) {
        String tag = d + "-" + (++serial);
        Path dir = lab.dir();
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(Vm.FAST_JVM_ARGS);
        cmd.addAll(List.of("-Xshare:auto", "-cp", System.getProperty("java.class.path"), "io.javalived.daemon.Main",
                "-C", "-n", "-l", "-G", "--status-listen", "off", "-f", conf.toString(),
                "-p", dir.resolve(tag + ".pid").toString(), "-r", dir.resolve(tag + "_vrrp.pid").toString(),
                "-c", dir.resolve(tag + "_checkers.pid").toString()));
        javalived.put(d, lab.host(d).start("javalived-" + tag, cmd));
    }

    /** IPVS connection entries for the VIP in a director's table (ipvsadm -Lnc). */
    private static int ipvsEntries(LabHost h) {
        return (int) h.exec("ipvsadm", "-Lnc").stdout().lines().filter(l -> l.contains(" " + VIP + ":" + PORT + " ")).count();
    }

    private String state(Netns lab) {
        StringBuilder b = new StringBuilder("router FIB: ").append(lab.host("r").exec("ip", "route", "show", VIP + "/32").stdout())
                .append('\n').append(frr.get("r").vtysh("show bgp ipv4 unicast")).append('\n')
                .append(frr.get("r").vtysh("show bfd peers brief")).append('\n')
                .append(frr.get("r").vtysh("show bgp summary")).append('\n');
        for (String d : directors()) {
            if (frr.containsKey(d)) {
                b.append("--- ").append(d).append(": ip route\n").append(lab.host(d).exec("ip", "route").stdout())
                        .append(frr.get(d).vtysh("show ip route")).append(frr.get(d).vtysh("show bgp summary"));
            }
        }
        javalived.forEach((n, p) -> b.append("--- ").append(n).append(" javalived\n").append(p.output()));
        frr.values().forEach(f -> b.append(f.output()));
        return b.toString();
    }
}
