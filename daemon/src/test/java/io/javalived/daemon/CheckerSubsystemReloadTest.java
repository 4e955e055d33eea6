package io.javalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.daemon.reload.ConfigSnapshots;
import io.javalived.daemon.reload.ReloadCoordinator;
import io.javalived.daemon.status.ReloadOutcome;
import io.javalived.ipvs.CountingIpvsDriver;
import io.javalived.ipvs.DestinationEntry;
import io.javalived.ipvs.Protocol;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.memory.InMemoryIpvsDriver;
import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.ParseResult;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker subsystem as the daemon's reload target, on the in-memory kernel behind a counting driver, with
 * real TCP servers on loopback checked by TCP_CHECK: unchanged reloads make no driver call at all, a changed
 * file makes exactly the calls of its differences.
 */
class CheckerSubsystemReloadTest {
    @TempDir
    Path dir;

    static String config(int port, String... realServers) {
        StringBuilder b = new StringBuilder("""
                virtual_server 127.0.0.1 %d {
                    delay_loop 1
                    lvs_sched wrr
                    lvs_method NAT
                    protocol TCP
                """.formatted(port));
        for (String rs : realServers) {
            String[] p = rs.split(" ");
            b.append("""
                        real_server %s %d {
                            weight %s
                            TCP_CHECK {
                                connect_timeout 1
                            }
                        }
                    """.formatted(p[0], port, p[1]));
        }
        return b.append("}\n").toString();
    }

    Map<String, Integer> table(InMemoryIpvsDriver kernel, ServiceKey key) {
        Map<String, Integer> t = new TreeMap<>();
        for (DestinationEntry d : kernel.destinations(key)) t.put(d.destination().toString(), d.destination().weight());
        return t;
    }

    @Test
    void unchangedReloadsCostNothingAndAChangedFileExactlyItsDifferences() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (ServerSocket web = new ServerSocket(0, 50, lo)) {
            int port = web.getLocalPort();
            // Three real servers: 127.0.0.2..4, each answering on the same port through its own listener.
            try (ServerSocket w2 = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.2"));
                 ServerSocket w3 = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.3"));
                 ServerSocket w4 = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.4"))) {
                Path file = dir.resolve("keepalived.conf");
                Files.writeString(file, config(port, "127.0.0.2 1", "127.0.0.3 1"));
                InMemoryIpvsDriver kernel = new InMemoryIpvsDriver();
                CountingIpvsDriver counting = new CountingIpvsDriver(kernel);
                ServiceKey key = new ServiceKey.Address(Protocol.TCP, lo, port);
                var options = new DaemonOptions(file, true, true, false, false, false, dir.resolve("p.pid"),
                        dir.resolve("v.pid"), dir.resolve("c.pid"), Optional.empty());
                ParseResult first = KeepalivedParser.parse(file);
                CheckerSubsystem s = (CheckerSubsystem) CheckerSubsystem.create(first.config(), options, null, () -> counting).orElseThrow();
                s.start();
                try {
                    var checks = s.checks().orElseThrow();
                    for (int i = 0; i < 100 && checks.runningChecks() < 2; i++) Thread.sleep(20);
                    Thread.sleep(1500); // every check has probed (warm-up within delay_loop) and found its server up
                    assertThat(table(kernel, key)).isEqualTo(Map.of("127.0.0.2:" + port, 1, "127.0.0.3:" + port, 1));
                    assertThat(checks.status()).allMatch(l -> !l.contains(" down"));
                    List<ReloadOutcome> outcomes = new java.util.ArrayList<>();
                    ReloadCoordinator c = new ReloadCoordinator(() -> KeepalivedParser.parse(file), ConfigSnapshots.of(first),
                            List.of(s), (o, p) -> outcomes.add(o), Clock.systemUTC());
                    long calls = counting.total();

                    for (int i = 0; i < 50; i++) {
                        assertThat(c.reload().applied()).isTrue();
                    }
                    // A file rewritten with other whitespace and order of nothing that matters is still unchanged.
                    Files.writeString(file, config(port, "127.0.0.2 1", "127.0.0.3 1").replace("    ", "\t"));
                    assertThat(c.reload().changes()).isZero();
                    assertThat(counting.total()).as("driver calls during 51 unchanged reloads").isEqualTo(calls);
                    assertThat(checks.runningChecks()).isEqualTo(2);

                    // Weight of .2 changed, .3 removed, .4 added.
                    Files.writeString(file, config(port, "127.0.0.2 5", "127.0.0.4 1"));
                    ReloadOutcome changed = c.reload();
                    assertThat(changed.applied()).as(changed.reasons().toString()).isTrue();
                    assertThat(counting.changes().subList(counting.changes().size() - 3, counting.changes().size()))
                            .containsExactly("DELETE_DESTINATION 127.0.0.3:" + port + " from TCP 127.0.0.1:" + port,
                                    "EDIT_DESTINATION 127.0.0.2:" + port + " w5 in TCP 127.0.0.1:" + port,
                                    "ADD_DESTINATION 127.0.0.4:" + port + " w1 to TCP 127.0.0.1:" + port);
                    assertThat(counting.total()).isEqualTo(calls + 3);
                    assertThat(table(kernel, key)).isEqualTo(Map.of("127.0.0.2:" + port, 5, "127.0.0.4:" + port, 1));
                    Thread.sleep(1500);
                    assertThat(counting.total()).as("the checks after the reload find every server up: no call").isEqualTo(calls + 3);
                } finally {
                    s.stop();
                }
            }
        }
    }
}
