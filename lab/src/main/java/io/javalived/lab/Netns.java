package io.javalived.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running lab: the network namespaces of a {@link Topology}, built on this kernel (the host's, or the VM's
 * when run inside it). The LANs are bridges inside the lab's own switch namespace; each host is a namespace
 * linked to its LANs by veth pairs. Names carry this JVM's PID and a random tag
 * ({@code jl-<pid>-<tag>-<host>}), so parallel tests never collide.
 *
 * <p>{@link #close()} (also run by a shutdown hook if the test forgets or the JVM is interrupted) stops the
 * processes the lab started, by PID (process group, then descendants), then kills any process still inside
 * one of the lab's namespaces, then deletes the namespaces, which takes the veths and bridges with them.
 *
 * <pre>{@code
 * try (Netns lab = Netns.create(Topology.seed())) {
 *     lab.host("lb01").execOrThrow("ip", "addr", "add", "10.0.0.3/24", "dev", "eth0");
 *     LabProcess web = lab.host("web01").start("httpd", List.of("busybox", "httpd", "-f", "-p", "80"));
 *     ...
 * }
 * }</pre>
 */
public final class Netns implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Netns.class);
    private static final Set<Netns> OPEN = ConcurrentHashMap.newKeySet();
    private static final Set<String> TAGS = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger SERIAL = new AtomicInteger();
    private static volatile boolean hookInstalled;

    private final Topology topology;
    private final String prefix;
    private final String switchNamespace;
    private final Map<String, LabHost> hosts = new LinkedHashMap<>();
    /** "host/nic" -> the veth end in the switch namespace. */
    private final Map<String, String> switchPorts = new LinkedHashMap<>();
    private final List<String> created = new CopyOnWriteArrayList<>();
    private final List<LabProcess> processes = new CopyOnWriteArrayList<>();
    private final Path dir;
    private volatile boolean closed;

    private Netns(Topology topology) {
        this.topology = topology;
        String tag;
        do {
            tag = String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        } while (!TAGS.add(tag));
        this.prefix = "jl-" + ProcessHandle.current().pid() + "-" + tag + "-";
        this.switchNamespace = prefix + "sw";
        try {
            this.dir = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new LabException("cannot create the lab's working folder: " + e.getMessage(), e);
        }
    }

    /** Whether namespaces can be built here; when not, why (for a test's assumption message). */
    public static Availability availability() {
        if (!Commands.isRoot()) {
            return Availability.no("network namespaces need root (this JVM runs as uid "
                    + ProcessHandle.current().info().user().orElse("?") + ")");
        }
        for (String tool : List.of("ip", "setsid", "sysctl", "kill")) {
            if (!Commands.onPath(tool)) {
                return Availability.no("'" + tool + "' is not installed (apt-get install iproute2 procps util-linux)");
            }
        }
        var probe = Commands.run(List.of("unshare", "--net", "true"), Duration.ofSeconds(10));
        if (!probe.ok()) {
            return Availability.no("cannot create a network namespace: " + probe.stderr().strip());
        }
        return Availability.YES;
    }

    /** Builds the topology. On any failure, tears down what was built and throws a {@link LabException}. */
    public static Netns create(Topology topology) {
        reapOrphans();
        var lab = new Netns(topology);
        installHook();
        OPEN.add(lab);
        try {
            lab.build();
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** {@link Topology#seed()}, built. */
    public static Netns seed() {
        return create(Topology.seed());
    }

    private void build() {
        List<String> root = new ArrayList<>();
        root.add("netns add " + switchNamespace);
        for (Topology.Host h : topology.hosts()) {
            root.add("netns add " + prefix + h.name());
        }
        // each created namespace is registered before anything can fail half-way
        created.add(switchNamespace);
        topology.hosts().forEach(h -> created.add(prefix + h.name()));
        Map<String, String> ports = new LinkedHashMap<>();
        Set<String> used = new HashSet<>(topology.lans());
        for (Topology.Host h : topology.hosts()) {
            for (Topology.Nic nic : h.nics()) {
                String port = portName(h.name(), nic.name(), used);
                ports.put(port, nic.lan());
                switchPorts.put(h.name() + "/" + nic.name(), port);
                root.add("link add name " + port + " netns " + switchNamespace + " type veth peer name "
                        + nic.name() + " netns " + prefix + h.name());
            }
        }
        batch(null, root);

        List<String> sw = new ArrayList<>();
        sw.add("link set lo up");
        for (String lan : topology.lans()) {
            sw.add("link add name " + lan + " type bridge forward_delay 0 mcast_snooping 0 stp_state 0");
            sw.add("link set dev " + lan + " up"); // "dev": a LAN named "up" or "a" is not read as a keyword
        }
        ports.forEach((port, lan) -> {
            sw.add("link set dev " + port + " master " + lan);
            sw.add("link set dev " + port + " up");
        });
        batch(switchNamespace, sw);

        for (Topology.Host h : topology.hosts()) {
            String ns = prefix + h.name();
            if (!h.sysctls().isEmpty()) {
                List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, "sysctl", "-q", "-w"));
                h.sysctls().forEach((k, v) -> cmd.add(k + "=" + v));
                Commands.run(cmd, Duration.ofSeconds(20)).orThrow();
            }
            List<String> lines = new ArrayList<>();
            lines.add("link set lo up");
            for (Topology.Nic nic : h.nics()) {
                lines.add("link set dev " + nic.name() + " up");
                for (String a : nic.addresses()) {
                    lines.add("addr add " + a + " dev " + nic.name() + (a.contains(":") ? " nodad" : ""));
                }
            }
            for (String gw : h.gateways()) {
                lines.add((gw.contains(":") ? "-6 " : "") + "route add default via " + gw);
            }
            batch(ns, lines);
            hosts.put(h.name(), new LabHost(this, h, ns));
        }
        log.info("lab {} up: {}", prefix, hosts.keySet());
    }

    private static String portName(String host, String nic, Set<String> used) {
        String base = host + "-" + nic;
        String name = base.length() <= 15 ? base : base.substring(0, 15);
        for (int i = 1; !used.add(name); i++) {
            String suffix = "~" + i;
            name = base.substring(0, Math.min(base.length(), 15 - suffix.length())) + suffix;
        }
        return name;
    }

    private void batch(String namespace, List<String> lines) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        if (namespace != null) {
            cmd.addAll(List.of("-n", namespace));
        }
        cmd.addAll(List.of("-b", "-"));
        var r = Commands.run(cmd, Duration.ofSeconds(60), String.join("\n", lines) + "\n", Map.of());
        if (!r.ok()) {
            throw new LabException("building lab " + prefix + " failed: " + r.describe()
                    + "\n--- batch ---\n" + String.join("\n", lines));
        }
    }

    public Topology topology() {
        return topology;
    }

    /** A host by its topology name. */
    public LabHost host(String name) {
        LabHost h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no host " + name + " in this lab (hosts: " + hosts.keySet() + ")");
        }
        return h;
    }

    public List<LabHost> hosts() {
        return List.copyOf(hosts.values());
    }

    /** The namespace that holds the LAN bridges. */
    public String switchNamespace() {
        return switchNamespace;
    }

    /** The veth end in the switch namespace that a host's interface is plugged into (a bridge port). */
    public String switchPort(String host, String nic) {
        String port = switchPorts.get(host + "/" + nic);
        if (port == null) {
            throw new IllegalArgumentException("no interface " + nic + " on host " + host + " in this lab");
        }
        return port;
    }

    /** Every namespace this lab created (switch first). */
    public List<String> namespaces() {
        return List.copyOf(created);
    }

    /** The lab's working folder (process logs; put config and pid files here). Deleted at close. */
    public Path dir() {
        return dir;
    }

    /** The background processes started so far. */
    public List<LabProcess> processes() {
        return List.copyOf(processes);
    }

    int nextSerial() {
        return SERIAL.incrementAndGet();
    }

    void track(LabProcess p) {
        processes.add(p);
        if (closed) {
            p.stop(Duration.ZERO);
        }
    }

    /** Stops the lab's processes, kills whatever else runs in its namespaces, deletes the namespaces. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> problems = new ArrayList<>();
        try {
            // 1. our processes, newest first: SIGTERM to each group, one shared grace period, then SIGKILL
            List<LabProcess> procs = new ArrayList<>(processes);
            Collections.reverse(procs);
            procs.stream().filter(LabProcess::isAlive).forEach(p -> p.signalGroup("TERM"));
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            for (LabProcess p : procs) {
                long left = Math.max(0, deadline - System.nanoTime());
                p.waitFor(Duration.ofNanos(left));
                p.stop(Duration.ZERO);
            }
            // 2. anything else still inside our namespaces (daemons that double-forked, children of exec)
            List<ProcessHandle> killed = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                boolean any = false;
                for (String ns : created) {
                    for (long pid : pidsIn(ns)) {
                        any = true;
                        ProcessHandle.of(pid).ifPresent(h -> {
                            h.destroyForcibly();
                            killed.add(h);
                        });
                    }
                }
                if (!any) {
                    break;
                }
                sleep(100);
            }
            awaitGone(killed, Duration.ofSeconds(3));
            // 3. the namespaces; veths and bridges go with them
            List<String> reversed = new ArrayList<>(created);
            Collections.reverse(reversed);
            for (String ns : reversed) {
                if (Files.exists(Path.of("/run/netns", ns))) {
                    var r = Commands.run(List.of("ip", "netns", "delete", ns), Duration.ofSeconds(20));
                    if (!r.ok()) {
                        problems.add(r.describe());
                    }
                }
            }
        } finally {
            OPEN.remove(this);
            deleteTree(dir);
        }
        if (!problems.isEmpty()) {
            log.warn("lab {} teardown left problems:\n{}", prefix, String.join("\n", problems));
        } else {
            log.info("lab {} torn down", prefix);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private static List<Long> pidsIn(String ns) {
        if (!Files.exists(Path.of("/run/netns", ns))) {
            return List.of();
        }
        var r = Commands.run(List.of("ip", "netns", "pids", ns), Duration.ofSeconds(20));
        return r.stdout().lines().map(String::strip).filter(s -> s.matches("\\d+")).map(Long::parseLong)
                .filter(pid -> pid != ProcessHandle.current().pid()).toList();
    }

    private static final java.util.regex.Pattern OURS = java.util.regex.Pattern.compile("jl-(\\d+)-[0-9a-f]{4}-.+");

    /**
     * Deletes namespaces left by labs whose JVM died without running its shutdown hook (kill -9): those named
     * {@code jl-<pid>-...} whose pid no longer exists. Processes still inside them are killed first. Labs of
     * living JVMs are never touched.
     */
    public static List<String> reapOrphans() {
        List<String> reaped = new ArrayList<>();
        Path dir = Path.of("/run/netns");
        if (!Files.isDirectory(dir)) {
            return reaped;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                var m = OURS.matcher(p.getFileName().toString());
                if (!m.matches() || ProcessHandle.of(Long.parseLong(m.group(1))).isPresent()) {
                    continue;
                }
                String ns = p.getFileName().toString();
                List<ProcessHandle> killed = new ArrayList<>();
                for (long pid : pidsIn(ns)) {
                    ProcessHandle.of(pid).ifPresent(h -> {
                        h.destroyForcibly();
                        killed.add(h);
                    });
                }
                awaitGone(killed, Duration.ofSeconds(2));
                if (Commands.run(List.of("ip", "netns", "delete", ns), Duration.ofSeconds(20)).ok()) {
                    reaped.add(ns);
                }
            }
        } catch (IOException e) {
            log.warn("cannot list /run/netns to reap orphaned labs: {}", e.getMessage());
        }
        if (!reaped.isEmpty()) {
            log.info("reaped namespaces of dead labs: {}", reaped);
        }
        return reaped;
    }

    /** Killed processes stay visible until their parent reaps them; give it a moment. */
    private static void awaitGone(List<ProcessHandle> handles, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (ProcessHandle h : handles) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                sleep(20);
            }
        }
    }

    private static void installHook() {
        if (hookInstalled) {
            return;
        }
        synchronized (Netns.class) {
            if (!hookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(Netns::close),
                        "javalived-lab-teardown"));
                hookInstalled = true;
            }
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a leftover log file is harmless
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Netns[" + prefix + "*, hosts " + hosts.keySet() + (closed ? ", closed" : "") + "]";
    }
}
