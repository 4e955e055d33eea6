package io.javalived.daemon.reload;

import static io.javalived.daemon.reload.LiveReloads.addresses;
import static io.javalived.daemon.reload.LiveReloads.count;
import static io.javalived.daemon.reload.LiveReloads.ipvsKernelCalls;
import static io.javalived.daemon.reload.LiveReloads.moved;
import static io.javalived.daemon.reload.LiveReloads.reload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import io.javalived.lab.Topology;
import io.javalived.lab.Vm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs inside the lab VM, started by {@link ReloadVmTest}: the reload proof of {@link LiveReloadTest} against the
 * kernel's real IPVS. The seed topology in namespaces plus web03 (10.0.0.9) and an empty "oracle" namespace; lb01
 * runs this build with a copy of the seed's {@code examples/lb01/keepalived.conf} (virtual server 10.0.0.3:80, wrr,
 * DR, persistence 50, TCP_CHECK on web01 and web02) driving the kernel over netlink, lb02 runs
 * {@code examples/lb02/keepalived.conf} verbatim (VRRP only, {@code -P}); web01..03 are direct-routing real servers
 * with busybox httpd; the client's requests to the VIP go through lb01's IPVS table. Shows, with the daemon's
 * {@code javalived_ipvs_kernel_calls_total}, its {@code IPVS: } log lines and real {@code ipvsadm}:
 * 50 unchanged SIGHUPs under traffic make no kernel call, leave the table as it was, fail no request and move no
 * VIP; an edit (one weight changed, one real server removed, one added) makes exactly those three calls and the
 * kernel's table becomes the one real ipvsadm builds from the edited configuration; a broken file is refused
 * with file:line and everything keeps running and answering.
 */
class ReloadInGuestProbe {
    static final String VIP = Topology.SEED_VIP;
    /** A TCG guest on a loaded 2-core host: JVM starts and reloads are slow; these are ceilings, not expectations. */
    static final Duration START = Duration.ofMinutes(5);
    static final Duration RELOAD = Duration.ofSeconds(60);
    static final Set<String> WEBS = Set.of("web01", "web02");

    Netns lab;
    LabHost lb01;
    LabProcess daemon;
    LabProcess backup;
    Path conf;

    /** The seed topology, plus web03 10.0.0.9 (the real server the edit adds) and an empty namespace for real ipvsadm. */
    static Topology topology() {
        Topology seed = Topology.seed();
        List<Topology.Host> hosts = new ArrayList<>(seed.hosts());
        hosts.add(new Topology.Host("web03", List.of(new Topology.Nic("eth0", Topology.SEED_LAN, List.of("10.0.0.9/24"))),
                List.of(), Map.of()));
        hosts.add(new Topology.Host("oracle", List.of(), List.of(), Map.of()));
        return new Topology(seed.lans(), hosts);
    }

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(Vm.inGuest(), "runs inside the lab VM, started by ReloadVmTest");
        String classpath = System.getProperty("javalived.daemon.classpath");
        assertThat(classpath).as("-Djavalived.daemon.classpath (ReloadVmTest passes the daemon's classpath)").isNotBlank();
        Path repo = Path.of(System.getProperty("javalived.repo", "..")).toAbsolutePath().normalize();
        lab = Netns.create(topology());
        lb01 = lab.host("lb01");
        List<String> webs = List.of("web01", "web02", "web03");
        for (String name : webs) {
            Path root = Files.createDirectories(lab.dir().resolve("www-" + name));
            Files.writeString(root.resolve("index.html"), name + "\n");
            lab.host(name).start("httpd", List.of("busybox", "httpd", "-f", "-p", "80", "-h", root.toString()));
        }
        conf = Files.copy(repo.resolve("examples/lb01/keepalived.conf"), lab.dir().resolve("lb01.conf"));
        daemon = LiveReloads.daemon(lab, lb01, classpath, List.of(), conf, "lb01");
        backup = LiveReloads.daemon(lab, lab.host("lb02"), classpath, List.of(), repo.resolve("examples/lb02/keepalived.conf"),
                "lb02", "-P", "--status-listen", "off");
        // While the daemons' JVMs start (the slow part under emulation): the VIP on the real servers' lo, no ARP for
        // it. The checks only need the listeners above; the client's traffic, which needs this, starts later.
        for (String name : webs) {
            lab.host(name).directRoutingRealServer(VIP);
        }
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    static String ipvsadm(LabHost host, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ipvsadm"));
        cmd.addAll(List.of(args));
        var r = host.exec(cmd, Duration.ofSeconds(30));
        assertThat(r.ok()).as(r.describe()).isTrue();
        return r.stdout();
    }

    /** {@code ipvsadm -Ln} with the ActiveConn/InActConn columns blanked: they count the client's own connections. */
    static String withoutConnectionCounts(String list) {
        return list.replaceAll("(?m)^(  -> \\S+\\s+\\S+\\s+\\d+)\\s+\\d+\\s+\\d+[ \\t]*$", "$1");
    }

    /** The table real ipvsadm builds from these commands (each {@code -a} line's real server), in the oracle namespace. */
    String oracle(String service, List<String> realServers) {
        LabHost oracle = lab.host("oracle");
        ipvsadm(oracle, "-C");
        ipvsadm(oracle, service.split(" "));
        for (String rs : realServers) {
            ipvsadm(oracle, rs.split(" "));
        }
        return ipvsadm(oracle, "-Sn");
    }

    JsonNode status() throws Exception {
        LiveReloads.HttpReply r = LiveReloads.httpGet(lb01, "127.0.0.1", LiveReloads.STATUS_PORT, "/status");
        assertThat(r.status()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }

    /** Waits until each named real server's checker has reported it up (the table is steady once they have). */
    void awaitChecksUp(List<String> realServers) throws Exception {
        Predicate<JsonNode> allUp = s -> realServers.stream().allMatch(id -> {
            for (JsonNode rs : s.path("virtualServers").path(0).path("realServers")) {
                if (rs.path("id").asText().equals(id)) {
                    return rs.path("lastCheck").path("success").asBoolean(false);
                }
            }
            return false;
        });
        JsonNode s = status();
        for (long end = System.nanoTime() + Duration.ofSeconds(60).toNanos(); !allUp.test(s) && System.nanoTime() < end; ) {
            Thread.sleep(250);
            s = status();
        }
        assertThat(allUp.test(s)).as("checks of " + realServers + " up: " + s.path("virtualServers")).isTrue();
    }

    void awaitTable(Predicate<String> condition, String what) throws InterruptedException {
        String t = ipvsadm(lb01, "-Ln");
        for (int i = 0; i < 100 && !condition.test(t); i++) {
            Thread.sleep(100);
            t = ipvsadm(lb01, "-Ln");
        }
        assertThat(condition.test(t)).as(what + ":\n" + t).isTrue();
    }

    /** The daemon's first log line and its start-up milestones, with their times. */
    static String timeline(LabProcess p) {
        List<String> lines = p.output().lines().toList();
        return p.label() + ": " + (lines.isEmpty() ? "" : lines.getFirst()) + "\n" + String.join("\n", lines.stream()
                .filter(l -> l.matches(".*(Entering |listening|started|SIGHUP reloads|IPVS: ).*")).toList());
    }

    static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }

    @Test
    void reloadsOnTheKernelsIpvs() throws Exception {
        long t0 = System.nanoTime();
        String started = "test started at " + java.time.LocalTime.now();
        assertThat(daemon.awaitOutput("Entering MASTER STATE", START)).as(daemon.output()).isTrue();
        assertThat(backup.awaitOutput("Entering BACKUP STATE", START)).as(backup.output()).isTrue();
        assertThat(daemon.awaitOutput("SIGHUP reloads the configuration", START)).as(daemon.output()).isTrue();
        assertThat(daemon.awaitOutput("status endpoint listening", START)).as(daemon.output()).isTrue();
        awaitChecksUp(List.of("10.0.0.7:80", "10.0.0.8:80"));
        System.out.println("lb01 MASTER, lb02 BACKUP, both checks up after " + seconds(System.nanoTime() - t0));
        System.out.println(started + "\n" + timeline(daemon) + "\n" + timeline(backup));

        // The seed's table, as real ipvsadm builds it from the seed's own commands (persistence_timeout 50, not the comment's 20).
        String saved = ipvsadm(lb01, "-Sn");
        String listed = ipvsadm(lb01, "-Ln");
        System.out.println(listed);
        assertThat(saved).isEqualTo(oracle("-A -t 10.0.0.3:80 -s wrr -p 50",
                List.of("-a -t 10.0.0.3:80 -r 10.0.0.7:80 -g -w 1", "-a -t 10.0.0.3:80 -r 10.0.0.8:80 -g -w 1")));
        Map<String, Long> calls = ipvsKernelCalls(lb01);
        assertThat(moved(Map.of(), calls)).as("kernel calls that built the seed's table")
                .isEqualTo(Map.of("add_service", 1L, "add_destination", 2L));
        long logged = count(daemon, "IPVS: ");
        assertThat(logged).isEqualTo(3);
        long lb01States = count(daemon, "Entering ");
        long lb02States = count(backup, "Entering ");
        LabProcess monitor = lb01.start("ip-monitor", List.of("ip", "-o", "monitor", "address"));
        Thread.sleep(300);

        // 50 unchanged reloads under traffic through the kernel's IPVS.
        ClientTraffic client = ClientTraffic.start(lab.host("client"), VIP, 80, "/",
                r -> r.status() == 200 && WEBS.contains(r.body().strip()), Duration.ofMillis(100));
        assertThat(client.awaitOk(3, Duration.ofSeconds(60))).as("the client reaches a web server through the VIP: "
                + client.failures()).isTrue();
        long slowest = 0;
        long reloads0 = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            long r0 = System.nanoTime();
            assertThat(reload(daemon, RELOAD)).contains("Reload: nothing changed");
            slowest = Math.max(slowest, System.nanoTime() - r0);
        }
        long reloadTime = System.nanoTime() - reloads0;
        Thread.sleep(4000); // longer than lb02's Master_Down_Interval (3.8 s): a missed advert would show as a takeover
        client.stop();
        System.out.printf("50 unchanged reloads in %s (slowest %d ms); client: %d answered %s, %d failed%n",
                seconds(reloadTime), slowest / 1_000_000, client.ok(), client.answers(), client.failures().size());
        assertThat(client.failures()).as("failed client requests during 50 unchanged reloads").isEmpty();
        assertThat(client.ok()).isGreaterThanOrEqualTo(10);
        assertThat(ipvsKernelCalls(lb01)).as("kernel IPVS calls during 50 unchanged reloads").isEqualTo(calls);
        assertThat(count(daemon, "IPVS: ")).as("IPVS log lines during 50 unchanged reloads").isEqualTo(logged);
        assertThat(ipvsadm(lb01, "-Sn")).as("ipvsadm -Sn after 50 unchanged reloads").isEqualTo(saved);
        assertThat(withoutConnectionCounts(ipvsadm(lb01, "-Ln"))).as("ipvsadm -Ln after 50 unchanged reloads")
                .isEqualTo(withoutConnectionCounts(listed));
        assertThat(count(daemon, "Entering ")).as("lb01 state changes").isEqualTo(lb01States);
        assertThat(count(backup, "Entering ")).as("lb02 state changes").isEqualTo(lb02States);
        assertThat(monitor.output()).as("ip monitor address on lb01 during 50 reloads").doesNotContain(VIP);
        assertThat(addresses(lb01)).contains(VIP + "/24");
        assertThat(addresses(lab.host("lb02"))).doesNotContain(VIP + "/24");

        // An edit: 10.0.0.7's weight 1 -> 3, 10.0.0.8 removed, 10.0.0.9 added.
        String seed = Files.readString(conf);
        String edited = edit(seed);
        Files.writeString(conf, edited);
        String log = reload(daemon, RELOAD);
        assertThat(log).contains("Reload applied").doesNotContain("Entering ");
        awaitTable(t -> t.contains("10.0.0.9:80") && !t.contains("10.0.0.8:80"), "10.0.0.8 replaced by 10.0.0.9");
        awaitChecksUp(List.of("10.0.0.7:80", "10.0.0.9:80")); // the new checker has answered: nothing more to call
        Map<String, Long> afterEdit = ipvsKernelCalls(lb01);
        assertThat(moved(calls, afterEdit)).as("kernel IPVS calls of the edit")
                .isEqualTo(Map.of("edit_destination", 1L, "delete_destination", 1L, "add_destination", 1L));
        List<String> lines = daemon.output().lines().filter(l -> l.contains("IPVS: ")).skip(logged).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("IPVS: remove real server 10.0.0.8:80"))
                .anySatisfy(l -> assertThat(l).contains("IPVS: set real server 10.0.0.7:80", "weight 3"))
                .anySatisfy(l -> assertThat(l).contains("IPVS: add real server 10.0.0.9:80", "weight 1"));
        String savedEdit = ipvsadm(lb01, "-Sn");
        String listedEdit = ipvsadm(lb01, "-Ln");
        System.out.println(listedEdit);
        assertThat(savedEdit).as("lb01's table after the edit, beside real ipvsadm's").isEqualTo(oracle(
                "-A -t 10.0.0.3:80 -s wrr -p 50",
                List.of("-a -t 10.0.0.3:80 -r 10.0.0.7:80 -g -w 3", "-a -t 10.0.0.3:80 -r 10.0.0.9:80 -g -w 1")));
        assertThat(withoutConnectionCounts(listedEdit)).isEqualTo(withoutConnectionCounts(ipvsadm(lab.host("oracle"), "-Ln")));
        assertThat(count(daemon, "Entering ")).isEqualTo(lb01States);
        assertThat(count(backup, "Entering ")).isEqualTo(lb02States);

        // A broken file (an unterminated block, a keyword without its value): refused with file:line, nothing touched.
        client = ClientTraffic.start(lab.host("client"), VIP, 80, "/",
                r -> r.status() == 200 && Set.of("web01", "web03").contains(r.body().strip()), Duration.ofMillis(100));
        assertThat(client.awaitOk(3, Duration.ofSeconds(60))).as("answers after the edit: " + client.failures()).isTrue();
        String broken = edited.replace("virtual_server 10.0.0.3:80 {", "virtual_server 10.0.0.3:80 {\n\tlb_algo");
        broken = broken.substring(0, broken.lastIndexOf('}'));
        Files.writeString(conf, broken);
        log = reload(daemon, RELOAD);
        assertThat(log).contains("Reload refused").containsPattern(Pattern.quote(conf.toString()) + ":\\d+: error: ")
                .doesNotContain("Exception", "\tat ");
        System.out.println(log.lines().filter(l -> l.contains("reload refused") || l.contains("Reload refused"))
                .reduce((a, b) -> a + "\n" + b).orElse(""));
        Thread.sleep(2000);
        client.stop();
        assertThat(daemon.isAlive()).isTrue();
        assertThat(client.failures()).as("failed client requests around the refused reload").isEmpty();
        assertThat(ipvsKernelCalls(lb01)).as("kernel IPVS calls of a refused reload").isEqualTo(afterEdit);
        assertThat(ipvsadm(lb01, "-Sn")).isEqualTo(savedEdit);
        assertThat(count(daemon, "Entering ")).isEqualTo(lb01States);
        assertThat(count(backup, "Entering ")).isEqualTo(lb02States);
        assertThat(addresses(lb01)).contains(VIP + "/24");
        assertThat(monitor.output()).as("ip monitor address on lb01, whole run").doesNotContain(VIP);
        System.out.println("whole proof in the guest: " + seconds(System.nanoTime() - t0));
    }

    /** The seed's file with 10.0.0.7's weight 1 -> 3 and 10.0.0.8's block replaced by 10.0.0.9's. */
    static String edit(String seed) {
        String weight = seed.replaceFirst("(real_server 10\\.0\\.0\\.7:80 \\{[^\\n]*\\n\\s*weight )1\\b", "$13");
        assertThat(weight).as("10.0.0.7's weight in the seed").isNotEqualTo(seed);
        String replaced = weight.replaceFirst("(?s)\\treal_server 10\\.0\\.0\\.8:80 \\{.*?\\n\\t}\\n", """
                \treal_server 10.0.0.9 80 {
                \t\tweight 1
                \t\tTCP_CHECK {
                \t\t\tconnect_timeout 8
                \t\t\tretry 3
                \t\t\tdelay_before_retry 3
                \t\t\tconnect_port 80
                \t\t}
                \t}
                """);
        assertThat(replaced).as("10.0.0.8's block in the seed").isNotEqualTo(weight).doesNotContain("10.0.0.8");
        return replaced;
    }
}
