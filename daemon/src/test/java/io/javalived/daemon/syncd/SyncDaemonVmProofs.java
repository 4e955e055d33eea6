package io.javalived.daemon.syncd;

import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import io.javalived.lab.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Run inside the VM by {@link SyncDaemonVmTest} (real IPVS): javalived with lvs_sync_daemon in the seed's lb01
 * namespace, checked with real {@code ipvsadm -L --daemon} as keepalived 2.2.7 was checked: BACKUP at start, MASTER,
 * FAULT (cable pulled), MASTER again, stop; no instance named with a virtual server (both daemons, syncid 0); an
 * interface that does not exist (one line, VRRP carries on). Prints PASS/FAIL lines and ALL PASSED.
 */
public final class SyncDaemonVmProofs {
    private final List<String> failures = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        SyncDaemonVmProofs p = new SyncDaemonVmProofs();
        p.followsTheInstance();
        p.noInstanceRunsBoth();
        p.missingInterface();
        System.out.println(p.failures.isEmpty() ? "ALL PASSED" : "FAILED: " + p.failures);
        System.out.flush();
        System.exit(p.failures.isEmpty() ? 0 : 1);
    }

    void check(boolean ok, String what) {
        System.out.println((ok ? "PASS " : "FAIL ") + what);
        System.out.flush();
        if (!ok) {
            failures.add(what);
        }
    }

    static String config(String syncLine, boolean virtualServer) {
        return """
                global_defs {
                    router_id lb01
                    %s
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 53
                    priority 100
                    advert_int 1
                    virtual_ipaddress {
                        10.0.0.3/24 dev eth0
                    }
                }
                """.formatted(syncLine) + (virtualServer ? """
                virtual_server 10.0.0.3 80 {
                    delay_loop 30
                    lb_algo rr
                    lb_kind DR
                    protocol TCP
                    real_server 10.0.0.7 80 {
                        weight 1
                    }
                }
                """ : "");
    }

    static String daemons(LabHost lb) {
        return lb.exec("ipvsadm", "-L", "--daemon").stdout();
    }

    /** Polls {@code ipvsadm -L --daemon} every 200 ms until {@code condition} holds (at most {@code limit}). */
    static boolean await(LabHost lb, Predicate<String> condition, Duration limit) throws InterruptedException {
        long since = System.nanoTime();
        while (System.nanoTime() - since < limit.toNanos()) {
            if (condition.test(daemons(lb))) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    static Predicate<String> only(String role, String iface, int syncId) {
        String line = role + " sync daemon (mcast=" + iface + ", syncid=" + syncId + ",";
        return out -> out.lines().filter(l -> !l.isBlank()).toList().size() == 1 && out.startsWith(line);
    }

    LabProcess javalived(Netns lab, LabHost lb, String text) throws Exception {
        Path dir = lab.dir();
        Path config = Files.writeString(dir.resolve("keepalived-" + System.nanoTime() + ".conf"), text);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        LabProcess p = lb.start("javalived", List.of(java, "-cp", System.getProperty("java.class.path"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "io.javalived.daemon.Main", "-n", "-l", "-G", "-f", config.toString(),
                "-p", dir.resolve("javalived.pid").toString(), "-r", dir.resolve("javalived_vrrp.pid").toString(),
                "-c", dir.resolve("javalived_checkers.pid").toString(), "--status-listen", "off"));
        // Generous: a JVM in the emulated (TCG) guest on a loaded host can take minutes to start.
        boolean ready = p.awaitOutput("VRRP started", Duration.ofSeconds(360));
        check(ready, "javalived started in " + lb.name() + (ready ? "" : ": " + p.output()));
        return p;
    }

    void stop(LabHost lb, LabProcess p) throws InterruptedException {
        p.stop(Duration.ofSeconds(30));
        check(await(lb, String::isBlank, Duration.ofSeconds(10)), "SIGTERM: no sync daemon left: " + daemons(lb));
    }

    void followsTheInstance() throws Exception {
        System.out.println("=== lvs_sync_daemon eth0 VI_1");
        try (Netns lab = Netns.create(Topology.seed())) {
            LabHost lb = lab.host("lb01");
            LabProcess p = javalived(lab, lb, config("lvs_sync_daemon eth0 VI_1", false));
            // BACKUP lasts 3 x advert_int + skew; the JVM in the guest may be slow to show it, so MASTER may come first.
            boolean backup = await(lb, only("backup", "eth0", 53), Duration.ofSeconds(3));
            System.out.println("backup daemon seen while BACKUP: " + backup);
            check(await(lb, only("master", "eth0", 53), Duration.ofSeconds(60)),
                    "MASTER: the master daemon only, syncid = VRID 53: " + daemons(lb));
            lb.unplug("eth0");
            check(await(lb, only("backup", "eth0", 53), Duration.ofSeconds(60)), "FAULT: the backup daemon only: " + daemons(lb));
            lb.plug("eth0");
            check(await(lb, only("master", "eth0", 53), Duration.ofSeconds(60)), "MASTER again: the master daemon only: "
                    + daemons(lb));
            stop(lb, p);
            check(p.output().lines().noneMatch(l -> l.contains("ERROR")), "no error logged");
            System.out.println("--- javalived output ---\n" + p.output());
        }
    }

    void noInstanceRunsBoth() throws Exception {
        System.out.println("=== lvs_sync_daemon eth0 id 4 (no instance) with a virtual_server");
        try (Netns lab = Netns.create(Topology.seed())) {
            LabHost lb = lab.host("lb01");
            LabProcess p = javalived(lab, lb, config("lvs_sync_daemon eth0 id 4", true));
            check(await(lb, out -> out.contains("master sync daemon (mcast=eth0, syncid=4,")
                            && out.contains("backup sync daemon (mcast=eth0, syncid=4,"), Duration.ofSeconds(60)),
                    "no instance: master and backup both run: " + daemons(lb));
            Thread.sleep(5000); // VI_1 becomes MASTER meanwhile: nothing changes
            check(daemons(lb).lines().filter(l -> !l.isBlank()).count() == 2, "still both after VRRP's transitions: " + daemons(lb));
            stop(lb, p);
        }
    }

    void missingInterface() throws Exception {
        System.out.println("=== lvs_sync_daemon veth9 VI_1 (no such interface)");
        try (Netns lab = Netns.create(Topology.seed())) {
            LabHost lb = lab.host("lb01");
            LabProcess p = javalived(lab, lb, config("lvs_sync_daemon veth9 VI_1", false));
            boolean master = p.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(60));
            check(master, "VRRP carries on to MASTER");
            lb.unplug("eth0");
            p.awaitOutput("Entering FAULT STATE", Duration.ofSeconds(30));
            lb.plug("eth0");
            Thread.sleep(6000);
            check(daemons(lb).isBlank(), "no sync daemon: " + daemons(lb));
            List<String> errors = p.output().lines().filter(l -> l.contains("lvs_sync_daemon")).filter(l -> l.contains("ERROR"))
                    .toList();
            check(errors.size() == 1 && errors.getFirst().contains("veth9") && errors.getFirst().contains("no such interface")
                    && errors.getFirst().contains(":3: "), "one error line naming veth9 and the config line: " + errors);
            p.stop(Duration.ofSeconds(30));
            System.out.println("--- javalived output ---\n" + p.output());
        }
    }
}
