package io.javalived.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counting the long-lived connections kept through the takeover and the preemption, on made-up echo logs: the
 * drill's clock runs 0..20 s, the signal at 4 s, the takeover window ends at 10 s, the preemption window at 20 s,
 * a pause of up to 2 s is allowed.
 */
class ConnectionTallyTest {
    static final double SIGNAL = 4;
    static final double TAKEOVER_CHECK = 10;
    static final double END = 20;
    static final double ALLOWED = 2;

    /** A line every 100 ms from 1 s to 18 s, each echoed after {@code echo.at(sentAt)} s (negative: never). */
    interface Delay {
        double at(double sentAt);
    }

    static EchoLog conn(int id, Delay echo, Double failedAt, String failure) {
        List<EchoLog.Line> lines = new ArrayList<>();
        for (int i = 0; i <= 170; i++) {
            double sent = 1 + i * 0.1;
            if (failedAt != null && sent >= failedAt) {
                break;
            }
            double d = echo.at(sent);
            lines.add(new EchoLog.Line(sent, d < 0 || (failedAt != null && sent + d >= failedAt) ? null : sent + d));
        }
        return new EchoLog(id, 0.9, "web01", lines, failedAt, failure);
    }

    static ConnectionsReport tally(EchoLog... logs) {
        return ConnectionTally.tally(List.of(logs), SIGNAL, TAKEOVER_CHECK, END, ALLOWED);
    }

    @Test
    void echoedThroughoutIsKeptThroughBoth() {
        var r = tally(conn(1, s -> 0.001, null, null));
        assertThat(r.line()).isEqualTo("connections: 1 open, 1 kept through takeover, 1 kept through preempt");
        assertThat(r.connections().getFirst().lostIn()).isNull();
        assertThat(r.connections().getFirst().linesSent()).isEqualTo(171);
        assertThat(r.connections().getFirst().linesEchoed()).isEqualTo(171);
    }

    @Test
    void aPauseAsLongAsAllowedIsKeptOneLongerIsNot() {
        // lines sent 5.0..6.9 s wait until 7.0 s: the first waited exactly 2 s
        var paused = conn(1, s -> s >= 5 && s < 7 ? 7 - s : 0.001, null, null);
        // lines sent 5.0..7.4 s wait until 7.5 s: 2.5 s
        var tooLong = conn(2, s -> s >= 5 && s < 7.5 ? 7.5 - s : 0.001, null, null);
        var r = tally(paused, tooLong);
        assertThat(r.line()).isEqualTo("connections: 2 open, 1 kept through takeover, 1 kept through preempt");
        assertThat(r.connections().get(0).longestPause()).isCloseTo(2.0, within(1e-9));
        assertThat(r.connections().get(1).lostIn()).isEqualTo("takeover");
        assertThat(r.connections().get(1).firstLateAt()).isCloseTo(5.0, within(1e-9));
        assertThat(r.connections().get(1).failedAt()).isNull();
    }

    @Test
    void aPauseBeforeTheSignalIsShownNotCountedAFailureBeforeItIsNotOpen() {
        // a 3 s stall of lines sent 1.5..3.4 s (the machine, before any failure): longest pause 3 s, still kept
        var stalled = conn(1, s -> s >= 1.5 && s < 3.5 ? 4.5 - s : 0.001, null, null);
        var resetEarly = conn(2, s -> 0.001, 3.0, "read: Connection reset");
        var r = tally(stalled, resetEarly);
        assertThat(r.line()).isEqualTo("connections: 1 open, 1 kept through takeover, 1 kept through preempt");
        assertThat(r.connections().get(0).longestPause()).isCloseTo(3.0, within(1e-9));
        assertThat(r.connections().get(0).firstLateAt()).isCloseTo(1.5, within(1e-9));
        assertThat(r.connections().get(1).lostIn()).isEqualTo("before the signal");
        // the same stall across the signal (lines sent 3.5..5.4 s wait until 6.5 s): lost in the takeover
        var across = conn(3, s -> s >= 3.5 && s < 5.5 ? 6.5 - s : 0.001, null, null);
        assertThat(tally(across).connections().getFirst().lostIn()).isEqualTo("takeover");
    }

    @Test
    void aResetDuringTheTakeoverLosesItForBoth() {
        var r = tally(conn(1, s -> 0.001, 6.0, "read: Connection reset"), conn(2, s -> 0.001, null, null));
        assertThat(r.line()).isEqualTo("connections: 2 open, 1 kept through takeover, 1 kept through preempt");
        var lost = r.connections().getFirst();
        assertThat(lost.lostIn()).isEqualTo("takeover");
        assertThat(lost.failure()).isEqualTo("read: Connection reset");
        assertThat(lost.failedAt()).isEqualTo(6.0);
    }

    @Test
    void aResetOrALostEchoAfterTheRestartLosesItInThePreemption() {
        var reset = conn(1, s -> 0.001, 12.0, "write: Broken pipe");
        var silent = conn(2, s -> s >= 14 ? -1 : 0.001, null, null);
        var r = tally(reset, silent);
        assertThat(r.line()).isEqualTo("connections: 2 open, 2 kept through takeover, 0 kept through preempt");
        assertThat(r.connections()).extracting(ConnectionsReport.Outcome::lostIn).containsExactly("preempt", "preempt");
        // the reset one: lines echoed at once until it failed
        assertThat(r.connections().get(0).longestPause()).isLessThan(0.1);
        // never echoed: it waited until the end
        assertThat(r.connections().get(1).longestPause()).isCloseTo(END - 14.0, within(1e-6));
    }

    @Test
    void linesStillDueAtACheckpointAreNotHeldAgainstIt() {
        // echoes of lines sent 8.5..9.9 s come back at 10.5 s: within 2 s, after the takeover checkpoint
        var r = tally(conn(1, s -> s >= 8.5 && s < 10 ? 10.5 - s : 0.001, null, null));
        assertThat(r.keptThroughTakeover()).isEqualTo(1);
        assertThat(r.keptThroughPreempt()).isEqualTo(1);
    }

    @Test
    void aConnectionThatNeverOpenedIsNotOpenAndNotKept() {
        var never = new EchoLog(3, null, null, List.of(), 0.5, "connect: Connection refused");
        var r = tally(never, conn(1, s -> 0.001, null, null));
        assertThat(r.line()).isEqualTo("connections: 1 open, 1 kept through takeover, 1 kept through preempt");
        assertThat(r.requested()).isEqualTo(2);
        assertThat(r.connections().getFirst().lostIn()).isEqualTo("not opened");
    }

    @Test
    void theReportCarriesTheExactLineOnlyWhenConnectionsWereAsked() {
        var log = DrillReportTest.log();
        var plain = new DrillReport("kill", "kill -9", "on the balancers", false, null, "10.0.0.3:80", 20,
                new ProtocolBound("oldboy", 2, 1, 50), 3.805, "3.805 s", 0.12, null, 0.02, 0.02, 6, 4, 2, 1.05,
                DrillReport.answeredBy(log), DrillReport.failures(log), DrillReport.segments(log), List.of(),
                List.of(), List.of(), List.of(), log);
        assertThat(plain.text()).doesNotContain("connections:").doesNotContain("daemons:");
        var conns = tally(conn(1, s -> 0.001, 6.0, "read: Connection reset"), conn(2, s -> 0.001, null, null));
        var with = new DrillReport("kill", "kill -9", "on the balancers", false, null, "10.0.0.3:80", 20,
                new ProtocolBound("oldboy", 2, 1, 50), 3.805, "3.805 s", 0.12, null, 0.02, 0.02, 6, 4, 2, 1.05,
                DrillReport.answeredBy(log), DrillReport.failures(log), DrillReport.segments(log), List.of(),
                List.of(), List.of(), List.of(), log, "keepalived (Keepalived v2.2.7)", conns);
        assertThat(with.text()).contains("\nconnections: 2 open, 1 kept through takeover, 1 kept through preempt\n",
                "daemons:   keepalived (Keepalived v2.2.7)", "c1    lost in takeover  to web01, read: Connection reset at 6.00 s");
        String svg = TimelineSvg.render(with, with.vipHeld());
        assertThat(svg).contains(">connections<", "c1 lost in takeover: read: Connection reset at 6.00 s")
                .doesNotContain("c2 lost");
    }

    @Test
    void keepalivedNotInstalledIsAClearError(@TempDir Path empty) throws Exception {
        assertThatThrownBy(() -> DrillDaemon.keepalived(List.of(empty.toString())))
                .isInstanceOf(DrillException.class).hasMessageContaining("keepalived is not installed")
                .hasMessageContaining(empty.toString());
        Path fake = Files.createFile(empty.resolve("keepalived"));
        assertThatThrownBy(() -> DrillDaemon.keepalived(List.of(empty.toString())))
                .as("not executable").isInstanceOf(DrillException.class);
        fake.toFile().setExecutable(true);
        assertThat(DrillDaemon.keepalived(List.of(empty.toString()))).isEqualTo(fake);
        assertThat(DrillDaemon.keepalivedCommand(fake, Path.of("/x/k.conf"), Path.of("/d"), "lb01-1", true))
                .containsExactly(fake.toString(), "-n", "-l", "-D", "-f", "/x/k.conf", "-p", "/d/lb01-1.pid",
                        "-r", "/d/lb01-1_vrrp.pid", "-c", "/d/lb01-1_checkers.pid");
        assertThatThrownBy(() -> DrillDaemon.parse("nginx")).hasMessageContaining("--daemon must be javalived or keepalived");
    }
}
