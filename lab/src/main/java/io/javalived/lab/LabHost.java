package io.javalived.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One host of a running lab: its namespace, where commands run and background processes start. */
public final class LabHost {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Netns lab;
    private final Topology.Host spec;
    private final String namespace;

    LabHost(Netns lab, Topology.Host spec, String namespace) {
        this.lab = lab;
        this.spec = spec;
        this.namespace = namespace;
    }

    /** The host's name in the topology (lb01, web02, client...). */
    public String name() {
        return spec.name();
    }

    /** The unique network namespace name, e.g. jl-4242-a1f3-lb01 (as in {@code ip netns list}). */
    public String namespace() {
        return namespace;
    }

    /** The namespace's bind mount, for setns(2) or {@code nsenter --net=}. */
    public Path namespacePath() {
        return Path.of("/run/netns", namespace);
    }

    public Topology.Host spec() {
        return spec;
    }

    /** Its first IPv4 address (no prefix length). */
    public String ipv4() {
        return spec.ipv4();
    }

    /** Its first IPv6 address (no prefix length). */
    public String ipv6() {
        return spec.ipv6();
    }

    /** Runs a command in the namespace and waits for it (60 s limit). */
    public ExecResult exec(String... command) {
        return exec(List.of(command), DEFAULT_TIMEOUT);
    }

    public ExecResult exec(List<String> command, Duration timeout) {
        return Commands.run(wrap(command), timeout);
    }

    /** Runs a {@code sh -c} script in the namespace. */
    public ExecResult sh(String script) {
        return exec("sh", "-c", script);
    }

    /** Like {@link #exec(String...)}, but throws a {@link LabException} showing the output when it fails. */
    public ExecResult execOrThrow(String... command) {
        return exec(command).orThrow();
    }

    /** Starts a background process in the namespace, tracked by the lab and stopped at {@link Netns#close()}. */
    public LabProcess start(String label, List<String> command) {
        return start(label, command, Map.of());
    }

    /** As {@link #start(String, List)}, with extra environment variables. */
    public LabProcess start(String label, List<String> command, Map<String, String> env) {
        List<String> full = new ArrayList<>();
        full.add("setsid");
        full.addAll(wrap(command));
        Path log = lab.dir().resolve(name() + "-" + label + "-" + lab.nextSerial() + ".log");
        var pb = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(env);
        try {
            var p = new LabProcess(label, namespace, command, pb.start(), log);
            lab.track(p);
            return p;
        } catch (IOException e) {
            throw new LabException("cannot start " + label + " in " + namespace + ": " + e.getMessage(), e);
        }
    }

    /**
     * Pulls the cable of interface {@code nic}: its bridge port in the switch namespace goes down, so the host
     * sees carrier loss (NO-CARRIER, operstate LOWERLAYERDOWN/DOWN) as with a real unplugged link.
     */
    public void unplug(String nic) {
        cable(nic, "down");
    }

    /** Plugs the cable of {@code nic} back in. */
    public void plug(String nic) {
        cable(nic, "up");
    }

    private void cable(String nic, String state) {
        Commands.run(List.of("ip", "-n", lab.switchNamespace(), "link", "set", lab.switchPort(name(), nic), state),
                Duration.ofSeconds(20)).orThrow();
    }

    /** Sets sysctls in this host's namespace, e.g. {@code sysctl("net.ipv4.ip_forward", "1")}. */
    public void sysctl(String key, String value) {
        exec("sysctl", "-q", "-w", key + "=" + value).orThrow();
    }

    /**
     * Makes this host a direct-routing (lb_kind DR) real server for {@code vip}: the VIP on lo as a /32 (or
     * /128) so it accepts packets for it, and arp_ignore=1 / arp_announce=2 so it never answers ARP for it
     * (only the director does).
     */
    public void directRoutingRealServer(String vip) {
        // one sysctl for all of them: each process start costs a lot in the emulated VM
        List<String> sysctl = new ArrayList<>(List.of("sysctl", "-q", "-w"));
        List<String> scopes = new ArrayList<>(List.of("all", "default", "lo"));
        spec.nics().forEach(nic -> scopes.add(nic.name()));
        for (String scope : scopes) {
            sysctl.add("net.ipv4.conf." + scope + ".arp_ignore=1");
            sysctl.add("net.ipv4.conf." + scope + ".arp_announce=2");
        }
        exec(sysctl, DEFAULT_TIMEOUT).orThrow();
        execOrThrow("ip", "addr", "add", vip + (vip.contains(":") ? "/128" : "/32"), "dev", "lo");
    }

    /** PIDs of every process whose network namespace is this host's (whoever started them). */
    public List<Long> pids() {
        var r = Commands.run(List.of("ip", "netns", "pids", namespace), Duration.ofSeconds(20));
        return r.stdout().lines().map(String::strip).filter(s -> s.matches("\\d+")).map(Long::parseLong).toList();
    }

    private List<String> wrap(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(command);
        return full;
    }

    @Override
    public String toString() {
        return name() + "(" + namespace + ")";
    }
}
