package io.javalived.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalived.lab.Vm;
import io.javalived.lab.VmResult;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * IPVS connection sync through a failover, in the lab VM (real IPVS, lb_kind DR as in the seed), one boot
 * ({@link ConnectionSyncDrills}): the drill with 10 long-lived connections and kill -9 of lb01,
 * <ul>
 *   <li>javalived with {@code lvs_sync_daemon eth0 oldboy} on both: lb02's IPVS holds the connections (synced: seen
 *       before the signal, or before the restart when the starved guest's sync thread was late); no connection is
 *       reset or closed, every echo comes back, and all are kept through the takeover and the preemption;</li>
 *   <li>keepalived 2.2.7 without the line: every connection is reset by lb02 after the takeover (the measure can
 *       fail: lb02's IPVS has no entry for a packet in the middle of a flow);</li>
 * </ul>
 * javalived without the line and keepalived with it run in {@code drill/bench/connection-sync.sh} (BENCHMARKS.md),
 * all four in one boot: each javalived drill costs three JVM starts, minutes each under the VM's software
 * emulation, and keepalived with the line once hung in the loaded guest (below). Other cases here:
 * {@code -Djavalived.cases=javalived-sync,javalived-nosync,keepalived-sync,keepalived-nosync}; keepalived with the
 * line is checked like the other cases (it must run, takeover and preemption seen, 10 open).
 *
 * <p>Seen 2026-12-06 at load average ~25: keepalived 2.2.7 with the line, lb02 became MASTER at start, logged
 * "Master received advert from 10.0.0.5 with higher priority 100, ours 50" and then nothing for 7 minutes (no
 * BACKUP transition), so the drill stopped ("never settled"). Not investigated further; javalived's sync daemon
 * calls run on a thread of their own, never on the VRRP loop.
 *
 * <p>Under software emulation on a loaded machine the whole guest stalls at times (a starting JVM starves it):
 * the drill's plain HTTP requests then fail too. A window (takeover: signal to restart; preemption: restart to end)
 * in which the plain HTTP traffic itself was interrupted for longer than the allowed pause cannot tell sync from
 * stall by pauses: there the test requires only what a stall cannot fake, no reset and every echo back, and says so.
 */
@Tag("vm")
class ConnectionSyncVmTest {

    @Test
    void connectionsSurviveTakeoverAndPreemptionOnlyWithSync() throws Exception {
        var a = Vm.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        Assumptions.assumeTrue(DrillDaemon.findKeepalived(DrillDaemon.searchPath()).isPresent(), "keepalived is not installed");
        Path out = Path.of("target", "connection-sync-vm").toAbsolutePath();
        String only = System.getProperty("javalived.cases", "javalived-sync,keepalived-nosync");
        List<ConnectionSyncDrills.Case> cases = ConnectionSyncDrills.CASES.stream()
                .filter(c -> List.of(only.split(",")).contains(c.name())).toList();
        VmResult r = ConnectionSyncDrills.runInVm(out, 1, cases);
        assertThat(r.vmError()).as(r.toString()).isEmpty();
        check(out, cases, r.toString());
    }

    /** The assertions on the reports a run left in {@code out} (also usable on a bench run's folder). */
    static void check(Path out, List<ConnectionSyncDrills.Case> cases, String context) throws java.io.IOException {
        String table = ConnectionSyncDrills.table(out, cases);
        System.out.println(table);
        for (ConnectionSyncDrills.Case c : cases) {
            JsonNode rep = ConnectionSyncDrills.first(out, c).orElseThrow(() -> new AssertionError(
                    "no report for " + c.name() + "\n" + table + "\n" + context));
            String why = c.name() + ": " + rep.path("connections").path("connections") + " " + rep.path("notes")
                    + " " + rep.path("daemonLog");
            assertThat(rep.path("ipvsProgrammed").asBoolean()).as("real IPVS: " + why).isTrue();
            assertThat(rep.path("takeoverSeconds").isNumber()).as("takeover seen: " + why).isTrue();
            assertThat(rep.path("preemptSeconds").isNumber()).as("preemption seen: " + why).isTrue();
            JsonNode conns = rep.path("connections");
            int n = ConnectionSyncDrills.CONNECTIONS;
            assertThat(conns.path("open").asInt()).as("open at the signal: " + why).isEqualTo(n);
            double signal = event(rep, "SIGNAL");
            double restart = event(rep, "RESTART");
            double allowed = conns.path("allowedPauseSeconds").asDouble();
            if (!c.sync()) {
                assertThat(conns.path("keptThroughTakeover").asInt()).as(why).isZero();
                for (JsonNode o : conns.path("connections")) {
                    assertThat(o.path("lostIn").asText()).as(why).isEqualTo("takeover");
                    assertThat(o.path("failedAt").asDouble()).as("reset after the signal: " + why).isBetween(signal, restart);
                    assertThat(o.path("failure").asText()).as(why).containsIgnoringCase("reset");
                }
            } else if (c.daemon() == DrillDaemon.JAVALIVED) {
                // lb02 holds the connections (synced: without sync they are reset, never in its table): seen before
                // the signal, or (when the starved guest's sync thread had not sent them yet) before the restart
                assertThat(syncedOnBackup(rep)).as("ESTABLISHED entries on lb02 before the signal or the restart: " + why)
                        .isGreaterThanOrEqualTo(n);
                for (JsonNode o : conns.path("connections")) {
                    assertThat(o.path("failedAt").isNull()).as("never reset or closed: " + why).isTrue();
                    assertThat(o.path("linesEchoed").asInt()).as("every echo came back: " + why)
                            .isEqualTo(o.path("linesSent").asInt());
                }
                double end = conns.path("preemptCheckpoint").asDouble();
                double stallTakeover = longestHttpOutage(rep, signal, restart);
                double stallPreempt = longestHttpOutage(rep, restart, end);
                if (stallTakeover <= allowed) {
                    assertThat(conns.path("keptThroughTakeover").asInt()).as(why).isEqualTo(n);
                } else {
                    System.out.printf("takeover window: plain HTTP itself was interrupted for %.1f s (> %.1f s allowed): "
                            + "the guest stalled; kept %d of %d, none reset%n", stallTakeover, allowed,
                            conns.path("keptThroughTakeover").asInt(), n);
                }
                if (stallTakeover <= allowed && stallPreempt <= allowed) {
                    assertThat(conns.path("keptThroughPreempt").asInt()).as(why).isEqualTo(n);
                } else {
                    System.out.printf("preemption window: plain HTTP itself was interrupted for %.1f s (> %.1f s allowed): "
                            + "the guest stalled; kept %d of %d, none reset%n", stallPreempt, allowed,
                            conns.path("keptThroughPreempt").asInt(), n);
                }
            }
        }
    }

    /** The most ESTABLISHED entries for the VIP lb02's IPVS held at the drill's two looks (before signal, restart). */
    static int syncedOnBackup(JsonNode report) {
        var m = java.util.regex.Pattern.compile("lb02's IPVS holds \\{[^}]*ESTABLISHED=(\\d+)");
        int most = 0;
        for (JsonNode note : report.path("notes")) {
            String t = note.asText();
            if (t.startsWith("Before the signal: ") || t.startsWith("Before the restart of lb01: ")) {
                var found = m.matcher(t);
                if (found.find()) {
                    most = Math.max(most, Integer.parseInt(found.group(1)));
                }
            }
        }
        return most;
    }

    /** The longest run of failed plain HTTP requests sent in [from, to), in seconds (first send to last end). */
    static double longestHttpOutage(JsonNode report, double from, double to) {
        double longest = 0;
        Double start = null;
        for (JsonNode q : report.path("log")) {
            double at = q.path("sentAt").asDouble();
            if (at < from || at >= to) {
                continue;
            }
            boolean failed = q.path("answeredBy").isNull() || q.path("answeredBy").isMissingNode();
            if (failed) {
                if (start == null) {
                    start = at;
                }
                longest = Math.max(longest, at + q.path("latencyMs").asDouble() / 1000 - start);
            } else {
                start = null;
            }
        }
        return longest;
    }

    private static double event(JsonNode report, String kind) {
        return StreamSupport.stream(report.path("events").spliterator(), false)
                .filter(e -> e.path("kind").asText().equals(kind)).mapToDouble(e -> e.path("at").asDouble())
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " event in " + report.path("events")));
    }
}
