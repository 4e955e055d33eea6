package io.javalived.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalived.lab.Vm;
import io.javalived.lab.VmResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code javalived drill}: the one-command failover drill (root). Exit code 0 when the takeover and the
 * preemption were both observed, 2 when one was not, 1 when the drill could not run.
 */
@Command(name = "drill",
        description = {"Failover drill (root): builds the seed topology (lb01, lb02, web01, web02, client) in network "
                + "namespaces, runs two javalived daemons with the lb01/lb02 configs, sends client traffic to the VIP, "
                + "kills or stops the master, reports the takeover time, lost requests and who answered when, then "
                + "restarts the master and times the preemption. Writes a text and JSON report and an SVG timeline. "
                + "Everything it starts is torn down, also on Ctrl-C."})
public final class DrillCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--mode", paramLabel = "kill|stop", description = "kill: kill -9 of the master's process group "
            + "(a crash); stop: SIGTERM (graceful). Default: ${DEFAULT-VALUE}.")
    String mode = "kill";

    @Option(names = "--vm", description = "Run the drill inside the lab VM (qemu, a Debian kernel with IPVS), "
            + "so the traffic goes through real IPVS to web01/web02.")
    boolean vm;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Where to write the report and the SVG "
            + "(default: ${DEFAULT-VALUE}).")
    Path out = Path.of("drill-report");

    @Option(names = "--lb01", paramLabel = "FILE", description = "The master's config (default: examples/lb01/keepalived.conf).")
    Path lb01;

    @Option(names = "--lb02", paramLabel = "FILE", description = "The backup's config (default: examples/lb02/keepalived.conf).")
    Path lb02;

    @Option(names = "--rate", paramLabel = "N", description = "Client requests per second (default: ${DEFAULT-VALUE}).")
    double rate = 20;

    @Option(names = "--settle", paramLabel = "SECONDS", description = "Steady traffic before the signal, after the "
            + "takeover and after the preemption (default: ${DEFAULT-VALUE}).")
    double settle = 3;

    @Option(names = "--timeout", paramLabel = "MS", description = "A client request's time limit (default: ${DEFAULT-VALUE}).")
    int timeoutMs = 1000;

    @Option(names = "--connections", paramLabel = "N", description = "Also open N long-lived TCP connections from "
            + "the client through the VIP before the failure (each sends a line every 100 ms and expects its echo "
            + "from the server) and report how many are kept through the takeover and the preemption "
            + "(default: ${DEFAULT-VALUE}: none).")
    int connections = 0;

    @Option(names = "--daemon", paramLabel = "javalived|keepalived", description = "The daemon run on lb01 and "
            + "lb02: this build's javalived, or the installed keepalived (keepalived -n -l -D -f CONF), same configs "
            + "(default: ${DEFAULT-VALUE}).")
    String daemon = "javalived";

    @Option(names = "--anycast", paramLabel = "N", description = "The anycast drill instead (issue 18): an upstream "
            + "router (FRR bgpd, ECMP) in front of N directors (2..8), each with FRR (zebra, bgpd, bfdd) and javalived "
            + "(lb_algo mh, sloppy TCP, javalived_announce, DR to web01/web02); kill -9 of every process of the busiest "
            + "director, its restart, then the failure of another director's real servers, timed at the router's FIB. "
            + "Needs real IPVS and FRR: use with --vm. --lb01/--lb02/--mode/--daemon do not apply.")
    int anycast = 0;

    @Override
    public Integer call() {
        PrintStream o = System.out;
        try {
            if (anycast > 0) {
                return anycast(o);
            }
            DrillMode m = switch (mode.toLowerCase(Locale.ROOT)) {
                case "kill" -> DrillMode.KILL;
                case "stop" -> DrillMode.STOP;
                default -> throw new DrillException("--mode must be kill or stop (got '" + mode + "')");
            };
            Path master = config(lb01, "lb01");
            Path backup = config(lb02, "lb02");
            Path dir = out.toAbsolutePath().normalize();
            DrillDaemon d = DrillDaemon.parse(daemon);
            if (d == DrillDaemon.KEEPALIVED) {
                DrillDaemon.keepalived(); // a clear error now rather than after building the lab (or booting the VM)
            }
            var options = new DrillOptions(m, master, backup, dir, rate, settle, timeoutMs, connections, d);
            if (vm && !Vm.inGuest()) {
                return inVm(options, o);
            }
            DrillReport report = new Drill(options, o).run();
            Files.createDirectories(dir);
            printed(o, report.text(), write(report, dir));
            return report.takeoverSeconds() != null && report.preemptSeconds() != null ? 0 : 2;
        } catch (DrillException e) {
            System.err.println("javalived drill: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("javalived drill: cannot write the report: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("javalived drill: interrupted");
            return 130;
        }
    }

    private Integer anycast(PrintStream o) throws IOException, InterruptedException {
        Path dir = out.toAbsolutePath().normalize();
        var options = new AnycastOptions(anycast, dir, rate, settle, timeoutMs, connections);
        if (vm && !Vm.inGuest()) {
            List<String> args = new ArrayList<>(List.of("--anycast", Integer.toString(anycast), "--out", dir.toString(),
                    "--rate", Double.toString(rate), "--settle", Double.toString(settle),
                    "--timeout", Integer.toString(timeoutMs), "--connections", Integer.toString(connections)));
            return inVm(dir, args, o, Duration.ofMinutes(25), "tun");
        }
        AnycastReport report = new AnycastDrill(options, o).run();
        Files.createDirectories(dir);
        printed(o, report.text(), write(report, dir));
        return report.complete() ? 0 : 2;
    }

    /** A finished drill's report on the console, then where its files went (both drills). */
    private static void printed(PrintStream o, String text, List<Path> written) {
        o.println();
        o.print(text);
        o.println();
        o.println("Report written:");
        written.forEach(p -> o.println("  " + p));
    }

    /** Writes drill-anycast.txt, .json and .svg; returns their paths (SVG first). */
    static List<Path> write(AnycastReport report, Path dir) throws IOException {
        return write(dir, "drill-anycast", AnycastTimelineSvg.render(report), report.text(), report);
    }

    /** Writes drill-MODE.txt, .json and .svg; returns their paths (SVG first). */
    static List<Path> write(DrillReport report, Path dir) throws IOException {
        return write(dir, "drill-" + report.mode(), TimelineSvg.render(report, report.vipHeld()), report.text(), report);
    }

    /** BASE.svg, BASE.txt and BASE.json (the report as JSON) in {@code dir}; their paths, SVG first. */
    private static List<Path> write(Path dir, String base, String svg, String text, Object report) throws IOException {
        Path svgFile = dir.resolve(base + ".svg");
        Path txt = dir.resolve(base + ".txt");
        Path json = dir.resolve(base + ".json");
        Files.writeString(svgFile, svg, StandardCharsets.UTF_8);
        Files.writeString(txt, text, StandardCharsets.UTF_8);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        return List.of(svgFile, txt, json);
    }

    /** Runs this same command inside the lab VM, its output relayed live; the report folder is shared writable. */
    private Integer inVm(DrillOptions options, PrintStream o) throws IOException {
        return inVm(options.outDir(), List.of("--mode", options.mode().name().toLowerCase(Locale.ROOT),
                "--out", options.outDir().toString(),
                "--lb01", options.masterConfig().toString(), "--lb02", options.backupConfig().toString(),
                "--rate", Double.toString(options.rate()), "--settle", Double.toString(options.settleSeconds()),
                "--timeout", Integer.toString(options.timeoutMs()),
                "--connections", Integer.toString(options.connections()), "--daemon", options.daemon().label()), o,
                Duration.ofMinutes(15));
    }

    /** Runs the drill with {@code args} inside the lab VM (loading {@code modules} there too). */
    private Integer inVm(Path dir, List<String> args, PrintStream o, Duration limit, String... modules) throws IOException {
        var a = Vm.availability();
        if (!a.available()) {
            throw new DrillException("--vm: the lab VM cannot run here: " + a.reason());
        }
        if (dir.startsWith("/tmp") || dir.startsWith("/run") || dir.startsWith("/var/tmp")) {
            throw new DrillException("--vm: the report folder " + dir + " is under a folder the VM replaces with an "
                    + "empty one; choose another --out");
        }
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(Vm.FAST_JVM_ARGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), DrillMain.class.getName()));
        cmd.addAll(args);
        o.println("[drill] starting the lab VM (qemu, Debian kernel with IPVS); the drill runs inside it");
        // Ctrl-C on the host: stop the VM we started (our own children, by PID)
        Thread hook = new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly),
                "drill-vm-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        VmResult r = Vm.run(cmd, Vm.Options.timeout(limit).withWritable(dir).withEcho()
                .withModules(modules));
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already
        }
        r.vmError().ifPresent(err -> System.err.println("javalived drill: " + err));
        return r.exitCode();
    }

    /** The given config, or the seed's example for this host (found from the working folder or the install). */
    private static Path config(Path given, String host) {
        if (given != null) {
            if (!Files.isReadable(given)) {
                throw new DrillException("--" + host + " " + given + ": cannot be read");
            }
            return given.toAbsolutePath().normalize();
        }
        Path rel = Path.of("examples", host, "keepalived.conf");
        List<Path> roots = new ArrayList<>();
        roots.add(Path.of("").toAbsolutePath());
        try {
            Path code = Path.of(DrillCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                roots.add(p);
            }
        } catch (Exception e) {
            // no code source: the working folder only
        }
        for (Path root : roots) {
            if (Files.isReadable(root.resolve(rel))) {
                return root.resolve(rel).toAbsolutePath().normalize();
            }
        }
        throw new DrillException("cannot find " + rel + " (run from the javalived folder, or give --" + host + " FILE)");
    }
}
