package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A second daemon started on the pid files of a running one (issue 15, item 5): it used to run beside the first
 * (both MASTER) and its stop removed the VIP and the pid file. Now it refuses with keepalived's words and exit 1,
 * touching nothing of the first; of two started at once exactly one runs; a stale pid file (its pid gone, or reused
 * by another program) is replaced. keepalived 2.2.7 through the same starts: refuses with the same words and exit 0,
 * and refuses too when the pid was reused by another program.
 */
@Tag("netns")
class SecondDaemonTest {
    static final String ALREADY = "daemon is already running";

    private static VrrpLab lab() {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        return new VrrpLab();
    }

    private static Path master(VrrpLab lab) {
        return lab.write("master.conf", VrrpLab.conf("lb01", 2, "MASTER", 150, "1", null, List.of(), null, null));
    }

    private static String read(Path f) throws Exception {
        return Files.readString(f).strip();
    }

    @Test
    void aSecondJavalivedOnTheSamePidFilesIsRefusedAndTouchesNothingOfTheFirst() throws Exception {
        try (VrrpLab lab = lab()) {
            Path conf = master(lab);
            Path pid = lab.lab.dir().resolve("jl.pid");
            Path vrrpPid = lab.lab.dir().resolve("jl_vrrp.pid");
            Path state = lab.lab.dir().resolve("jl.state.json");
            LabProcess first = lab.javalivedWithPidFiles("lb01", conf, null, "jl");
            assertThat(first.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(60))).as(first.output()).isTrue();
            assertThat(lab.awaitVip("lb01", true, Duration.ofSeconds(10))).isTrue();
            assertThat(first.awaitOutput("status endpoint listening", Duration.ofSeconds(20))).as(first.output()).isTrue();
            String stateBefore = Files.readString(state);
            int logBefore = first.output().length();

            LabProcess second = lab.javalivedWithPidFiles("lb01", conf, null, "jl");
            OptionalInt code = second.waitFor(Duration.ofSeconds(60));
            assertThat(code).as("the second daemon stops by itself: %s", second.output()).isPresent();
            assertThat(code.getAsInt()).isEqualTo(1);
            assertThat(second.output()).contains(ALREADY).contains("pid " + first.pid())
                    .doesNotContain("Starting javalived").doesNotContain("Entering").doesNotContain("\tat ");

            Thread.sleep(3000); // a second MASTER, or its stop, would show by now
            assertThat(first.isAlive()).isTrue();
            assertThat(lab.hasVip("lb01")).as("the first daemon's VIP").isTrue();
            assertThat(read(pid)).isEqualTo(Long.toString(first.pid()));
            assertThat(read(vrrpPid)).isEqualTo(Long.toString(first.pid()));
            assertThat(Files.readString(state)).isEqualTo(stateBefore);
            assertThat(first.output().substring(logBefore)).as("the first daemon's log since the second started")
                    .doesNotContain("Entering").doesNotContain("Stopping javalived").doesNotContain("VIPs");

            first.signal("TERM");
            assertThat(first.waitFor(Duration.ofSeconds(30))).isPresent();
            assertThat(pid).doesNotExist();
            assertThat(vrrpPid).doesNotExist();
        }
    }

    @Test
    void ofTwoStartedAtOnceOneRunsAndStalePidFilesAreReplaced() throws Exception {
        try (VrrpLab lab = lab()) {
            Path conf = master(lab);
            Path pid = lab.lab.dir().resolve("race.pid");
            LabProcess a = lab.javalivedWithPidFiles("lb01", conf, null, "race");
            LabProcess b = lab.javalivedWithPidFiles("lb01", conf, null, "race");
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (a.isAlive() && b.isAlive() && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            LabProcess loser = a.isAlive() ? b : a;
            LabProcess winner = loser == a ? b : a;
            assertThat(loser.waitFor(Duration.ofSeconds(5))).as("one of the two stops: %s%n%s", a.output(), b.output())
                    .hasValue(1);
            assertThat(loser.output()).contains(ALREADY).contains("pid " + winner.pid());
            assertThat(winner.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(60))).as(winner.output()).isTrue();
            Thread.sleep(1000);
            assertThat(winner.isAlive()).isTrue();
            assertThat(read(pid)).isEqualTo(Long.toString(winner.pid()));

            // kill -9: the pid file stays behind, naming a pid that no longer runs
            winner.signal("KILL");
            assertThat(winner.waitFor(Duration.ofSeconds(10))).isPresent();
            assertThat(read(pid)).isEqualTo(Long.toString(winner.pid()));
            lab.dropVip("lb01");
            LabProcess next = lab.javalivedWithPidFiles("lb01", conf, null, "race");
            assertThat(next.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(60))).as(next.output()).isTrue();
            assertThat(next.output()).contains("names pid " + winner.pid() + ", which no longer runs: a stale file, replaced");
            assertThat(read(pid)).isEqualTo(Long.toString(next.pid()));
            next.signal("TERM");
            assertThat(next.waitFor(Duration.ofSeconds(30))).isPresent();
            assertThat(pid).doesNotExist();

            // a pid reused by another program (after a reboot, say): not a daemon, so the file is stale
            LabProcess other = lab.host("lb01").start("sleep", List.of("sleep", "300"));
            Files.writeString(pid, other.pid() + "\n");
            LabProcess after = lab.javalivedWithPidFiles("lb01", conf, null, "race");
            assertThat(after.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(60))).as(after.output()).isTrue();
            assertThat(after.output()).contains("names pid " + other.pid() + ", which now runs another program");
            assertThat(other.isAlive()).isTrue();
        }
    }

    @Test
    @Tag("keepalived")
    void keepalivedRefusesASecondDaemonAndSoDoesJavalivedOnKeepalivedsPidFiles() throws Exception {
        try (VrrpLab lab = VrrpLab.withKeepalived()) {
            Path conf = master(lab);
            LabProcess first = lab.keepalivedWithPidFiles("lb01", conf, "ka");
            assertThat(first.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(30))).as(first.output()).isTrue();

            LabProcess second = lab.keepalivedWithPidFiles("lb01", conf, "ka");
            assertThat(second.waitFor(Duration.ofSeconds(30))).as(second.output()).hasValue(0); // keepalived: exit 0
            assertThat(second.output()).contains(ALREADY);

            // javalived started on keepalived's pid files while keepalived runs (keepalived holds no lock)
            LabProcess jl = lab.javalivedWithPidFiles("lb01", conf, null, "ka");
            assertThat(jl.waitFor(Duration.ofSeconds(60))).as(jl.output()).hasValue(1);
            assertThat(jl.output()).contains(ALREADY).contains("keepalived runs as that pid");

            Thread.sleep(2000);
            assertThat(first.isAlive()).isTrue();
            assertThat(lab.hasVip("lb01")).isTrue();
            assertThat(read(lab.lab.dir().resolve("ka.pid"))).isEqualTo(Long.toString(first.pid()));
            first.signal("TERM");
            assertThat(first.waitFor(Duration.ofSeconds(20))).isPresent();

            // keepalived's rule for a pid reused by another program: it refuses to start (javalived replaces the file)
            LabProcess other = lab.host("lb01").start("sleep", List.of("sleep", "300"));
            Files.writeString(lab.lab.dir().resolve("ka.pid"), other.pid() + "\n");
            LabProcess third = lab.keepalivedWithPidFiles("lb01", conf, "ka");
            assertThat(third.waitFor(Duration.ofSeconds(30))).as(third.output()).hasValue(0);
            assertThat(third.output()).contains(ALREADY);
        }
    }
}
