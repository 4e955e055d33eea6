package io.javalived.daemon.lvs;

import io.javalived.lab.ExecResult;
import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import io.javalived.lab.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Runs inside the VM (real IPVS): the seed's lb01 load balancer and the seed's NAT lab, in network
 * namespaces, with real web servers, real ipvsadm and javalived itself ({@code io.javalived.daemon.Main -C},
 * the checker subsystem: checkers + reconciler driving the kernel over netlink) in lb01's namespace.
 * Prints PASS/FAIL lines; exits 0 only when every step passed.
 * Usage: VmProofs REPO seed|nat...
 */
public final class VmProofs {

    private final List<String> failures = new ArrayList<>();
    private final Path repo;

    private VmProofs(Path repo) {
        this.repo = repo;
    }

    public static void main(String[] args) throws Exception {
        VmProofs proofs = new VmProofs(Path.of(args[0]));
        for (String which : java.util.Arrays.copyOfRange(args, 1, args.length)) {
            System.out.println("=== " + which);
            switch (which) {
                case "seed" -> proofs.seed();
                case "nat" -> proofs.nat();
                default -> throw new IllegalArgumentException("seed or nat, not " + which);
            }
        }
        System.out.println(proofs.failures.isEmpty() ? "ALL PASSED" : "FAILED: " + proofs.failures);
        System.out.flush();
        System.exit(proofs.failures.isEmpty() ? 0 : 1);
    }

    void check(boolean ok, String what) {
        System.out.println((ok ? "PASS " : "FAIL ") + what);
        System.out.flush();
        if (!ok) {
            failures.add(what);
        }
    }

    static String ipvsadm(LabHost lb) {
        return lb.exec("ipvsadm", "-Ln").stdout();
    }

    /** Polls {@code ipvsadm -Ln} until {@code condition} holds; the time it took, or null on timeout. */
    static Duration await(LabHost lb, Predicate<String> condition, Duration limit) throws InterruptedException {
        return await(lb, condition, System.nanoTime(), limit);
    }

    /**
     * Polls {@code ipvsadm -Ln} every 200 ms until {@code condition} holds; the time from {@code since} (a
     * {@link System#nanoTime()}) to the listing that first showed it, or null after {@code limit}.
     */
    static Duration await(LabHost lb, Predicate<String> condition, long since, Duration limit) throws InterruptedException {
        while (System.nanoTime() - since < limit.toNanos()) {
            if (condition.test(ipvsadm(lb))) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            Thread.sleep(200);
        }
        return null;
    }

    /** javalived from this build, checkers only (-C), foreground, console log, in {@code lb}'s namespace. */
    LabProcess director(Netns lab, LabHost lb, Path config) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path dir = lab.dir();
        LabProcess p = lb.start("javalived", List.of(java, "-cp", System.getProperty("java.class.path"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "io.javalived.daemon.Main",
                "-C", "-n", "-l", "-G", "-f", config.toString(), "-p", dir.resolve("javalived.pid").toString(),
                "-r", dir.resolve("javalived_vrrp.pid").toString(), "-c", dir.resolve("javalived_checkers.pid").toString()));
        // Generous: a JVM in the emulated (TCG) guest on a loaded host can take minutes to start.
        boolean ready = p.awaitOutput("Checkers started", Duration.ofSeconds(360));
        check(ready, "javalived -C started in " + lb.name() + (ready ? "" : ": " + p.output()));
        return p;
    }

    LabProcess httpd(Netns lab, LabHost web, int port, String body) throws Exception {
        Path dir = lab.dir().resolve("www-" + web.name() + "-" + port);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("index.html"), body + "\n");
        LabProcess p = web.start("httpd-" + port, List.of("busybox", "httpd", "-f", "-p", Integer.toString(port), "-h", dir.toString()));
        Thread.sleep(300);
        return p;
    }

    /** Fetches the page at {@code url} from the client, once from each of several source addresses. */
    /**
     * GET / from {@code host} (busybox wget crashes in the guest): bash's /dev/tcp, HTTP/1.0; the body,
     * or "error: ..." when there was none.
     */
    static String httpGet(LabHost client, String host, int port) {
        ExecResult r = client.exec(List.of("timeout", "10", "bash", "-c", "exec 3<>/dev/tcp/" + host + "/" + port
                + " && printf 'GET / HTTP/1.0\\r\\nHost: " + host + "\\r\\n\\r\\n' >&3 && cat <&3"), Duration.ofSeconds(20));
        String out = r.stdout().replace("\r", "");
        int body = out.indexOf("\n\n");
        return r.ok() && body >= 0 ? out.substring(body + 2).trim() : "error: " + r.describe().replace('\n', ' ');
    }

    static Set<String> fetchFromManySources(LabHost client, String prefix, String vip, String url, int sources) {
        Set<String> bodies = new TreeSet<>();
        for (int i = 1; i <= sources; i++) {
            String src = prefix + (100 + i);
            client.exec("ip", "addr", "add", src + "/24", "dev", "eth0");
            client.exec("ip", "route", "replace", vip + "/32", "dev", "eth0", "src", src);
            bodies.add(httpGet(client, vip, 80) + (src.isEmpty() ? "" : ""));
        }
        return bodies;
    }

    void seed() throws Exception {
        Path config = repo.resolve("examples/lb01/keepalived.conf");
        try (Netns lab = Netns.create(Topology.seed())) {
            LabHost lb01 = lab.host("lb01");
            // The VIP, as lb01's VRRP instance would hold it (VRRP is not under test here).
            lb01.execOrThrow("ip", "addr", "add", Topology.SEED_VIP + "/24", "dev", "eth0", "label", "eth0:0");
            List<LabProcess> webs = new ArrayList<>();
            for (String name : List.of("web01", "web02")) {
                LabHost web = lab.host(name);
                // Direct routing: the real servers accept the VIP but never answer ARP for it.
                web.execOrThrow("ip", "addr", "add", Topology.SEED_VIP + "/32", "dev", "lo");
                for (String k : List.of("all", "eth0")) {
                    web.execOrThrow("sysctl", "-qw", "net.ipv4.conf." + k + ".arp_ignore=1");
                    web.execOrThrow("sysctl", "-qw", "net.ipv4.conf." + k + ".arp_announce=2");
                }
                webs.add(httpd(lab, web, 80, name));
            }
            LabProcess director = director(lab, lb01, config);
            String table = ipvsadm(lb01);
            System.out.println(table);
            check(table.contains("TCP  10.0.0.3:80 wrr persistent 50"), "ipvsadm -Ln lists TCP 10.0.0.3:80 wrr persistent 50");
            check(table.matches("(?s).*-> 10\\.0\\.0\\.7:80\\s+Route\\s+1\\s.*"), "ipvsadm -Ln lists 10.0.0.7:80 Route weight 1");
            check(table.matches("(?s).*-> 10\\.0\\.0\\.8:80\\s+Route\\s+1\\s.*"), "ipvsadm -Ln lists 10.0.0.8:80 Route weight 1");

            System.out.println("client -> web01 directly: " + httpGet(lab.host("client"), "10.0.0.7", 80));
            Set<String> bodies = fetchFromManySources(lab.host("client"), "10.0.0.", Topology.SEED_VIP, "http://10.0.0.3/", 8);
            if (bodies.size() != 2) {
                System.out.println("client neighbours: " + lab.host("client").exec("ip", "neigh").stdout());
                System.out.println("lb01 addresses: " + lb01.exec("ip", "-br", "addr").stdout());
                System.out.println("lb01 stats: " + lb01.exec("ipvsadm", "-Ln", "--stats").stdout());
                System.out.println("web01 addresses: " + lab.host("web01").exec("ip", "-br", "addr").stdout());
            }
            check(bodies.equals(Set.of("web01", "web02")), "a client reaches both web servers through the VIP: " + bodies);

            // The bounds come from web02's TCP_CHECK as javalived parsed the seed's file (delay_loop 6, connect_timeout 8,
            // retry 3 from nb_get_retry, delay_before_retry 3): see CheckBounds.
            CheckBounds bounds = CheckBounds.of(config, "10.0.0.8");
            System.out.println("web02's check: " + bounds);
            long stopAt = System.nanoTime(); // from before the signal: the server may be gone before stop() returns
            webs.get(1).stop(Duration.ofSeconds(2));
            // Wait past the bound, so a slow removal is reported with its time rather than as missing.
            Duration gone = await(lb01, t -> !t.contains("10.0.0.8:80"), stopAt, bounds.removalLimit().plus(Duration.ofSeconds(30)));
            check(gone != null && gone.compareTo(bounds.removalLimit()) <= 0, "web02 stopped: removed from IPVS after " + gone
                    + " (bound delay_loop + (retry+1) x connect_timeout + retry x delay_before_retry + margin = "
                    + bounds.removalLimit() + ")");
            // Its port is closed, so every probe is refused at once and no connect_timeout is spent: the tighter bound.
            check(gone != null && gone.compareTo(bounds.refusedRemovalLimit()) <= 0, "web02 refused: removed within delay_loop"
                    + " + retry x delay_before_retry + margin = " + bounds.refusedRemovalLimit() + " (took " + gone + ")");
            System.out.println(ipvsadm(lb01));
            check(ipvsadm(lb01).contains("10.0.0.7:80"), "web01 stays in IPVS");

            long startAt = System.nanoTime();
            httpd(lab, lab.host("web02"), 80, "web02");
            Duration back = await(lb01, t -> t.matches("(?s).*-> 10\\.0\\.0\\.8:80\\s+Route\\s+1\\s.*"), startAt,
                    bounds.returnLimit().plus(Duration.ofSeconds(30)));
            check(back != null && back.compareTo(bounds.returnLimit()) <= 0, "web02 restarted: back in IPVS at weight 1 after "
                    + back + " (bound delay_loop + connect_timeout + margin = " + bounds.returnLimit() + ")");

            // Someone else's service: a default stop (no lvs_flush_on_stop) deletes only what javalived created.
            lb01.execOrThrow("ipvsadm", "-A", "-t", "10.0.0.3:8080", "-s", "rr");
            director.stop(Duration.ofSeconds(20));
            String after = ipvsadm(lb01);
            System.out.println(after);
            check(!after.contains("10.0.0.3:80 "), "javalived stopped (SIGTERM): the service it created is gone");
            check(after.contains("TCP  10.0.0.3:8080 rr"), "javalived stopped: someone else's service is left alone");
            System.out.println("--- javalived output ---\n" + director.output());
        }
    }

    void nat() throws Exception {
        try (Netns lab = Netns.create(Topology.natLab())) {
            LabHost lb01 = lab.host("lb01");
            lb01.execOrThrow("ip", "addr", "add", Topology.NAT_VIP + "/24", "dev", "eth0");
            httpd(lab, lab.host("web01"), 8080, "192.168.56.12");
            httpd(lab, lab.host("web02"), 8080, "192.168.56.13");
            Path config = lab.dir().resolve("keepalived.conf");
            // lvs_flush / lvs_flush_on_stop (global_defs): a service left over from before is flushed at start, and at
            // stop the whole table goes, a service someone else added meanwhile included.
            lb01.execOrThrow("ipvsadm", "-A", "-t", "172.20.10.9:8000", "-s", "rr");
            lb01.execOrThrow("ipvsadm", "-a", "-t", "172.20.10.9:8000", "-r", "192.168.56.12:8000", "-m", "-w", "1");
            Files.writeString(config, """
                    global_defs {
                        lvs_flush
                        lvs_flush_on_stop
                    }
                    virtual_server 172.20.10.8 80 {
                        delay_loop 2
                        lvs_sched rr
                        lvs_method NAT
                        protocol TCP
                        real_server 192.168.56.12 8080 {
                            weight 1
                            TCP_CHECK {
                                connect_timeout 2
                            }
                        }
                        real_server 192.168.56.13 8080 {
                            weight 1
                            TCP_CHECK {
                                connect_timeout 2
                            }
                        }
                    }
                    """);
            LabProcess director = director(lab, lb01, config);
            String ours = ipvsadm(lb01);
            System.out.println(ours);
            check(!ours.contains("172.20.10.9:8000"), "lvs_flush: the service left over from before javalived started is gone");
            // The same table made by real ipvsadm with the seed's commands (port mapped to 8080), in a scratch namespace.
            LabHost scratch = lab.host("client");
            scratch.execOrThrow("ipvsadm", "-A", "-t", "172.20.10.8:80", "-s", "rr");
            scratch.execOrThrow("ipvsadm", "-a", "-t", "172.20.10.8:80", "-r", "192.168.56.12:8080", "-m", "-w", "1");
            scratch.execOrThrow("ipvsadm", "-a", "-t", "172.20.10.8:80", "-r", "192.168.56.13:8080", "-m", "-w", "1");
            String theirs = ipvsadm(scratch);
            scratch.execOrThrow("ipvsadm", "-C");
            System.out.println(theirs);
            check(ours.equals(theirs), "ipvsadm -Ln of javalived's table equals the one real ipvsadm builds from the seed's commands");

            Set<String> bodies = new TreeSet<>();
            for (int i = 0; i < 4; i++) {
                bodies.add(httpGet(lab.host("client"), Topology.NAT_VIP, 80));
            }
            check(bodies.equals(Set.of("192.168.56.12", "192.168.56.13")), "a client reaches both real servers through the VIP (rr, 80 -> 8080): " + bodies);
            lb01.execOrThrow("ipvsadm", "-A", "-u", "172.20.10.9:53", "-s", "rr");
            director.stop(Duration.ofSeconds(20));
            String after = ipvsadm(lb01);
            System.out.println(after);
            check(!after.contains("172.20.10.8:80"), "javalived stopped (SIGTERM): the service it created is gone");
            check(after.lines().noneMatch(l -> l.matches("(TCP|UDP|SCTP|FWM) .*")), "lvs_flush_on_stop: the whole table is "
                    + "flushed, someone else's UDP service 172.20.10.9:53 included");
            check(director.output().contains("lvs_flush_on_stop: flushing the whole IPVS table at stop"),
                    "the log says it flushed at stop");
            System.out.println("--- javalived output ---\n" + director.output());
        }
    }
}
