package io.javalived.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One FRR (zebra, bgpd, bfdd) inside a lab host's namespace, as ../shared/LAB.md shows: its own folder (owned by the
 * frr user) for pid files, the zserv socket, the vty sockets and bfdd's control socket, so several run side by side.
 * The daemons run in the foreground as lab processes: the lab stops them by PID, a test kills them with -9. Used by
 * the daemon's {@code AnycastFrrNetnsTest} and the drill's anycast lab ({@code javalived drill --anycast}).
 */
public final class Frr {
    static final Path FRR = Path.of("/usr/lib/frr");

    private final LabHost host;
    private final Path dir;
    private final List<LabProcess> processes = new ArrayList<>();

    private Frr(LabHost host, Path dir) {
        this.host = host;
        this.dir = dir;
    }

    /** Why FRR cannot run here (not installed, no frr user), or empty when it can. */
    public static Optional<String> missing() {
        for (String d : List.of("zebra", "bgpd", "bfdd")) {
            if (!Files.isExecutable(FRR.resolve(d))) {
                return Optional.of("FRR is not installed (" + FRR.resolve(d) + " is missing; apt-get install frr)");
            }
        }
        if (!Files.isExecutable(Path.of("/usr/bin/vtysh"))) {
            return Optional.of("FRR's vtysh is missing (apt-get install frr)");
        }
        try {
            Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("frr");
        } catch (IOException e) {
            return Optional.of("there is no frr user (the frr package makes it)");
        }
        return Optional.empty();
    }

    /**
     * Starts zebra, then bgpd with {@code bgpdConf} and bfdd with {@code bfddConf}, in {@code host}'s namespace.
     * {@code labDir} is made traversable (0711) so the frr user reaches its own folder inside it. A folder left by
     * an earlier (killed) instance on this host is emptied first: its stale zserv socket would let bgpd start
     * before the new zebra listens.
     */
    public static Frr start(LabHost host, Path labDir, String bgpdConf, String bfddConf) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(labDir, PosixFilePermissions.fromString("rwx--x--x"));
        UserPrincipalLookupService users = labDir.getFileSystem().getUserPrincipalLookupService();
        GroupPrincipal group = users.lookupPrincipalByGroupName("frr");
        // the daemons make /var/run/frr/<-N name> whatever their other paths (the frr package ships the folder; the
        // lab VM's fresh /run has none)
        Path run = Path.of("/var/run/frr");
        if (!Files.isDirectory(run)) {
            Files.createDirectories(run);
            Files.setOwner(run, users.lookupPrincipalByName("frr"));
            Files.getFileAttributeView(run, PosixFileAttributeView.class).setGroup(group);
        }
        Path dir = labDir.resolve("frr-" + host.name());
        if (Files.isDirectory(dir)) {
            try (var old = Files.list(dir)) {
                for (Path p : old.toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("zebra.conf"), "");
        Files.writeString(dir.resolve("bgpd.conf"), bgpdConf);
        Files.writeString(dir.resolve("bfdd.conf"), bfddConf);
        try (var files = Files.list(dir)) {
            for (Path p : java.util.stream.Stream.concat(java.util.stream.Stream.of(dir), files.toList().stream()).toList()) {
                Files.setOwner(p, users.lookupPrincipalByName("frr"));
                Files.getFileAttributeView(p, PosixFileAttributeView.class).setGroup(group);
            }
        }
        Frr frr = new Frr(host, dir);
        frr.processes.add(frr.daemon("zebra", "zebra.conf"));
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(dir.resolve("zserv.api")) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        frr.processes.add(frr.daemon("bfdd", "bfdd.conf", "--bfdctl", dir.resolve("bfdd.sock").toString()));
        frr.processes.add(frr.daemon("bgpd", "bgpd.conf"));
        return frr;
    }

    private LabProcess daemon(String name, String conf, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(FRR.resolve(name).toString(), "-N", host.name(),
                "-i", dir.resolve(name + ".pid").toString(), "-z", dir.resolve("zserv.api").toString(),
                "--vty_socket", dir.toString(), "-f", dir.resolve(conf).toString(), "-u", "frr", "-g", "frr"));
        cmd.addAll(List.of(extra));
        return host.start("frr-" + name, cmd);
    }

    /** bfdd.conf: a profile {@code fast} with this interval (both ways) and detect multiplier. */
    public static String bfdProfile(int intervalMillis, int multiplier) {
        return """
                bfd
                 profile fast
                  receive-interval %d
                  transmit-interval %d
                  detect-multiplier %d
                 exit
                exit
                """.formatted(intervalMillis, intervalMillis, multiplier);
    }

    /**
     * bgpd.conf of the anycast labs' upstream router: AS 65000, router id {@code routerId}, eBGP to director n at
     * {@code directors.get(n - 1)} (AS 65000 + n), {@code timers bgp 3 9}, BFD profile {@code fast}, ECMP across them
     * ({@code maximum-paths 8}, {@code bgp bestpath as-path multipath-relax}: the directors are in different ASes).
     */
    public static String ecmpRouterBgp(String routerId, List<String> directors) {
        StringBuilder b = new StringBuilder("""
                router bgp 65000
                 bgp router-id %s
                 no bgp ebgp-requires-policy
                 bgp bestpath as-path multipath-relax
                 timers bgp 3 9
                """.formatted(routerId));
        for (int n = 1; n <= directors.size(); n++) {
            String peer = directors.get(n - 1);
            b.append(" neighbor ").append(peer).append(" remote-as ").append(65000 + n).append('\n')
                    .append(" neighbor ").append(peer).append(" timers connect 1\n")
                    .append(" neighbor ").append(peer).append(" bfd profile fast\n");
        }
        b.append("""
                 address-family ipv4 unicast
                  maximum-paths 8
                 exit-address-family
                exit
                """);
        return b.toString();
    }

    /**
     * bgpd.conf of anycast director n (AS 65000 + n, router id {@code address}): eBGP to the router at
     * {@code router} with BFD, announcing exactly javalived's routes ({@code redistribute kernel route-map
     * JAVALIVED}, {@code match interface jl-announce}).
     */
    public static String anycastDirectorBgp(int n, String address, String router) {
        return """
                route-map JAVALIVED permit 10
                 match interface jl-announce
                exit
                router bgp %d
                 bgp router-id %s
                 no bgp ebgp-requires-policy
                 timers bgp 3 9
                 neighbor %s remote-as 65000
                 neighbor %s timers connect 1
                 neighbor %s bfd profile fast
                 address-family ipv4 unicast
                  redistribute kernel route-map JAVALIVED
                 exit-address-family
                exit
                """.formatted(65000 + n, address, router, router, router);
    }

    /** A vtysh command's answer (for assertion messages). */
    public String vtysh(String command) {
        ExecResult r = host.exec(List.of("vtysh", "--vty_socket", dir.toString(), "-c", command), Duration.ofSeconds(10));
        return r.stdout() + r.stderr();
    }

    /** The daemons' processes (zebra, bfdd, bgpd). */
    public List<LabProcess> processes() {
        return List.copyOf(processes);
    }

    /** kill -9 of every FRR daemon here (a crashed machine's routing). */
    public void killAll() {
        processes.forEach(LabProcess::killGroup);
    }

    /** The daemons' logs (for assertion messages). */
    public String output() {
        StringBuilder b = new StringBuilder();
        processes.forEach(p -> b.append("--- ").append(host.name()).append(' ').append(p.label()).append('\n').append(p.output()));
        return b.toString();
    }
}
