package io.javalived.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.Netns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --connections} and {@code --daemon keepalived} end to end in network namespaces on this kernel (no IPVS):
 * the long-lived connections go to the drill's server on lb01 itself, so a takeover cannot keep them (lb02 has no
 * such connection and resets it) and the drill must say so: N open, 0 kept. That the measure can also succeed is
 * shown in the VM, through real IPVS with connection sync (ConnectionSyncVmTest).
 */
@Tag("netns")
class DrillConnectionsNetnsTest {
    static final int CONNECTIONS = 4;

    @BeforeAll
    static void needNamespaces() {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
    }

    private record Run(DrillReport report, List<Long> pids, String output) {}

    private static Run drill(DrillDaemon daemon, Path out) throws Exception {
        return drill(daemon, DrillNetnsTest.example("lb01"), DrillNetnsTest.example("lb02"), out);
    }

    /**
     * The seed's config with its misspelt {@code autherntication} corrected: keepalived 2.2.7 loses the VIP block
     * after that typo (javalived does not), so a comparison with keepalived needs it corrected.
     */
    static Path corrected(String host, Path dir, String extraGlobal) throws Exception {
        String seed = Files.readString(DrillNetnsTest.example(host));
        String fixed = seed.replace("autherntication", "authentication")
                .replaceFirst("(?m)^(\\s*router_id .*)$", "$1" + (extraGlobal.isEmpty() ? "" : "\n\t" + extraGlobal));
        Path p = dir.resolve(host + ".conf");
        Files.writeString(p, fixed);
        return p;
    }

    private static Run drill(DrillDaemon daemon, Path lb01, Path lb02, Path out) throws Exception {
        var buf = new ByteArrayOutputStream();
        var options = new DrillOptions(DrillMode.KILL, lb01, lb02, out, 10, 2, 1000, CONNECTIONS, daemon);
        var drill = new Drill(options, new PrintStream(buf, true, StandardCharsets.UTF_8));
        DrillReport r = drill.run();
        return new Run(r, drill.startedPids(), buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void connectionsToTheMasterItselfAreResetByTheTakeoverAndCountedLost(@TempDir Path out) throws Exception {
        Run run = drill(DrillDaemon.JAVALIVED, out);
        DrillReport r = run.report();
        String why = r.text() + "\n" + run.output();
        ConnectionsReport c = r.connections();
        assertThat(c).as(why).isNotNull();
        assertThat(c.line()).as(why).isEqualTo("connections: " + CONNECTIONS + " open, 0 kept through takeover, 0 kept through preempt");
        assertThat(r.text()).contains("\n" + c.line() + "\n");
        assertThat(run.output()).contains(c.line());
        double signal = event(r, DrillEvent.Kind.SIGNAL);
        double restart = event(r, DrillEvent.Kind.RESTART);
        assertThat(c.connections()).as(why).allSatisfy(o -> {
            assertThat(o.server()).isEqualTo("lb01");
            assertThat(o.linesEchoed()).as("echoed before the failure").isGreaterThan(10);
            assertThat(o.lostIn()).isEqualTo("takeover");
            // reset by lb02 once the client's ARP follows its gratuitous ARP
            assertThat(o.failedAt()).isNotNull().isBetween(signal, restart);
            assertThat(o.failure()).isNotBlank();
        });
        for (long pid : run.pids()) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("daemon " + pid).isFalse();
        }
        List<Path> files = DrillCommand.write(r, out);
        assertThat(Files.readString(files.getFirst())).contains(">connections<", "lost in takeover");
        assertThat(Files.readString(out.resolve("drill-kill.json"))).contains("\"keptThroughTakeover\" : 0");
    }

    @Test
    void keepalivedWithTheSeedsTypoLosesTheVipAndTheDrillSaysSo(@TempDir Path out) {
        Assumptions.assumeTrue(DrillDaemon.findKeepalived(DrillDaemon.searchPath()).isPresent(), "keepalived is not installed");
        long t0 = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> drill(DrillDaemon.KEEPALIVED, out))
                .isInstanceOf(DrillException.class)
                .hasMessageContaining("keepalived read no virtual_ipaddress from " + DrillNetnsTest.example("lb01"))
                .hasMessageContaining("Unknown keyword 'autherntication'")
                .hasMessageContaining("No VIP specified");
        assertThat((System.nanoTime() - t0) / 1e9).as("said at once, not after the 90 s start limit").isLessThan(60);
    }

    @Test
    void keepalivedRunsTheSameDrill(@TempDir Path out) throws Exception {
        Assumptions.assumeTrue(DrillDaemon.findKeepalived(DrillDaemon.searchPath()).isPresent(), "keepalived is not installed");
        Run run = drill(DrillDaemon.KEEPALIVED, corrected("lb01", out, ""), corrected("lb02", out, ""), out);
        DrillReport r = run.report();
        String why = r.text() + "\n" + run.output();
        assertThat(r.daemon()).as(why).startsWith("keepalived (").contains("Keepalived v");
        assertThat(run.output()).contains("starting keepalived on lb01");
        assertThat(r.takeoverSeconds()).as(why).isNotNull();
        assertThat(r.preemptSeconds()).as(why).isNotNull();
        assertThat(r.daemonLog()).as(why).anyMatch(l -> l.startsWith("lb02") && l.contains("Entering MASTER STATE"));
        assertThat(r.connections().open()).as(why).isEqualTo(CONNECTIONS);
        assertThat(r.connections().keptThroughTakeover()).as(why).isZero();
        assertThat(run.pids()).hasSize(3);
        for (long pid : run.pids()) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("keepalived " + pid).isFalse();
        }
    }

    private static double event(DrillReport r, DrillEvent.Kind kind) {
        return r.events().stream().filter(e -> e.kind() == kind).mapToDouble(DrillEvent::at).findFirst().orElseThrow();
    }
}
