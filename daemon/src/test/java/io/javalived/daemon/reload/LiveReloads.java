package io.javalived.daemon.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.daemon.metrics.PrometheusText;
import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import io.javalived.lab.Vm;
import io.javalived.net.netns.InNamespace;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What tests of live daemons under SIGHUP share, on the host's namespaces ({@link LiveReloadTest}) and inside the
 * lab VM ({@link ReloadInGuestProbe}): starting this build in a lab host, sending SIGHUP and waiting for
 * the logged outcome, counting log lines, one HTTP GET from inside a namespace, a host's addresses, and the
 * daemon's kernel IPVS call counters read from its {@code /metrics}.
 */
public final class LiveReloads {
    /** The status endpoint's default address, inside each load balancer's own namespace. */
    public static final int STATUS_PORT = 9650;

    private LiveReloads() {}

    /**
     * This build's daemon in {@code host}'s namespace: {@code javalived -n -l -f FILE} with its pid files in the lab's
     * folder, on the given classpath, with the fast JVM flags (C1 only, serial GC) and {@code jvmOptions}.
     */
    public static LabProcess daemon(Netns lab, LabHost host, String classpath, List<String> jvmOptions, Path file,
                                    String name, String... args) {
        Path dir = lab.dir();
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(Vm.FAST_JVM_ARGS);
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classpath, "io.javalived.daemon.Main",
                "-n", "-l", "-G", "-f", file.toString(), "-p", dir.resolve(name + ".pid").toString(),
                "-r", dir.resolve(name + "_vrrp.pid").toString(), "-c", dir.resolve(name + "_checkers.pid").toString()));
        cmd.addAll(List.of(args));
        return host.start("javalived-" + name, cmd);
    }

    /** Lines of the process's output so far that contain {@code text}. */
    public static long count(LabProcess p, String text) {
        return p.output().lines().filter(l -> l.contains(text)).count();
    }

    /** Reload outcomes logged so far (nothing changed, applied, refused, not applied). */
    public static long outcomes(LabProcess p) {
        return count(p, "Reload: nothing changed") + count(p, "Reload applied") + count(p, "Reload refused")
                + count(p, "reload not applied");
    }

    /**
     * Sends SIGHUP and waits (up to {@code limit}) until the daemon has logged exactly one more reload outcome;
     * returns its log from the signal on.
     */
    public static String reload(LabProcess p, Duration limit) throws InterruptedException {
        int mark = p.output().length();
        long before = outcomes(p);
        p.signal("HUP");
        long deadline = System.nanoTime() + limit.toNanos();
        while (outcomes(p) == before && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(20);
        }
        assertThat(outcomes(p)).as("a reload outcome logged\n" + p.output()).isEqualTo(before + 1);
        return p.output().substring(mark);
    }

    /** An HTTP reply: the status code and the body. */
    public record HttpReply(int status, String body) {}

    /** One HTTP/1.0 GET from a socket opened inside the host's namespace (so 127.0.0.1 is that namespace's loopback). */
    public static HttpReply httpGet(LabHost host, String address, int port, String path) throws Exception {
        Socket socket = InNamespace.call(host.namespacePath(), () -> {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(InetAddress.getByName(address), port), 2000);
            return s;
        });
        try (socket) {
            // in the emulated guest a loaded host makes the daemon's first replies take seconds (ReloadVmTest
            // read /status with a 5 s limit and failed that way on a loaded machine, on earlier commits too)
            socket.setSoTimeout(io.javalived.lab.Vm.inGuest() ? 30_000 : 5000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: " + address + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!reply.matches("(?s)HTTP/1\\.[01] \\d{3} .*")) {
                throw new java.io.IOException("not an HTTP reply: " + reply);
            }
            int headerEnd = reply.indexOf("\r\n\r\n");
            return new HttpReply(Integer.parseInt(reply.substring(9, 12)), headerEnd < 0 ? "" : reply.substring(headerEnd + 4));
        }
    }

    /** The IPv4 addresses with prefix on the host's eth0 ({@code 10.0.0.5/24}, ...). */
    public static List<String> addresses(LabHost host) {
        return host.exec("ip", "-4", "-o", "addr", "show", "dev", "eth0").stdout().lines()
                .map(l -> l.replaceAll(".* inet (\\S+) .*", "$1")).toList();
    }

    /**
     * {@code javalived_ipvs_kernel_calls_total} by {@code op} from the daemon's /metrics (127.0.0.1:9650 inside the
     * host's namespace), parsed strictly: every operation, zeros included.
     */
    public static Map<String, Long> ipvsKernelCalls(LabHost host) throws Exception {
        HttpReply r = httpGet(host, "127.0.0.1", STATUS_PORT, "/metrics");
        assertThat(r.status()).as("GET /metrics in " + host.name()).isEqualTo(200);
        Map<String, Long> calls = new TreeMap<>();
        PrometheusText.parse(r.body()).values().stream().flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals("javalived_ipvs_kernel_calls_total"))
                .forEach(s -> calls.put(s.labels().get("op"), (long) s.value()));
        assertThat(calls).as("javalived_ipvs_kernel_calls_total in " + host.name()).containsKeys(
                "add_service", "edit_service", "delete_service", "add_destination", "edit_destination", "delete_destination");
        return calls;
    }

    /** {@code after - before} per operation, only those that moved. */
    public static Map<String, Long> moved(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((op, n) -> {
            long delta = n - before.getOrDefault(op, 0L);
            if (delta != 0) {
                d.put(op, delta);
            }
        });
        return d;
    }
}
