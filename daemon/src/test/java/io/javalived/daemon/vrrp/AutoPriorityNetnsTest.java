package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code max_auto_priority} on the real kernel: the daemon is stopped (SIGSTOP) for 2.5 s, as a starved host would
 * hold it, so its VRRP timers fire late. keepalived 2.2.7 first: it logs "A thread timer expired" and its VRRP process
 * runs SCHED_RR from then on. javalived must do the same for the thread that runs VRRP ({@code vrrp-loop}): SCHED_RR
 * at priority 1, then 2 after a second stall, never above the maximum; without the keyword only the log line.
 */
@Tag("netns")
@Tag("keepalived")
class AutoPriorityNetnsTest extends WithKeepalivedLab {
    static final int SCHED_RR = 2;

    private Path conf(String name, String global) {
        String c = VrrpLab.conf("lb01", 2, "MASTER", 100, "1", null, List.of(), null, null);
        return lab.write(name, c.replaceFirst("global_defs \\{\n", "global_defs {\n" + global));
    }

    /** Stops the process group for 2.5 s: every VRRP timer due meanwhile fires about that late. */
    private static void stall(LabProcess p) throws InterruptedException {
        p.signalGroup("STOP");
        Thread.sleep(2500);
        p.signalGroup("CONT");
    }

    /** Fields 40 (rt_priority) and 41 (policy) of /proc/PID/task/TID/stat, counted after the ')' of the name. */
    private static int[] scheduling(Path task) throws IOException {
        String stat = Files.readString(task.resolve("stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new int[] {Integer.parseInt(f[40 - 3]), Integer.parseInt(f[41 - 3])};
    }

    private static Optional<Path> thread(long pid, String name) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.filter(t -> {
                try {
                    return Files.readString(t.resolve("comm")).strip().equals(name);
                } catch (IOException e) {
                    return false;
                }
            }).findFirst();
        }
    }

    @Test
    void aStalledVrrpThreadIsRaisedToRoundRobinAsKeepalivedRaisesItsVrrpProcess() throws Exception {
        Path dir = lab.lab.dir();
        LabProcess ka = lab.keepalivedWithPidFiles("lb01", conf("ka.conf", "  max_auto_priority 2\n"), "ka");
        assertThat(ka.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(20))).as(ka.output()).isTrue();
        long kaVrrp = Long.parseLong(Files.readString(dir.resolve("ka_vrrp.pid")).strip());
        assertThat(scheduling(Path.of("/proc/" + kaVrrp))[1]).as("keepalived before the stall").isNotEqualTo(SCHED_RR);
        stall(ka);
        assertThat(ka.awaitOutput("A thread timer expired", Duration.ofSeconds(10))).as(ka.output()).isTrue();
        Thread.sleep(500);
        int[] kaSched = scheduling(Path.of("/proc/" + kaVrrp));
        System.out.println("keepalived 2.2.7 after a 2.5 s stall: VRRP process policy " + kaSched[1] + ", rt_priority " + kaSched[0]);
        assertThat(kaSched[1]).as("keepalived's VRRP process after the stall").isEqualTo(SCHED_RR);
        ka.stop(Duration.ofSeconds(10));
        lab.dropVip("lb01");

        LabProcess jl = lab.javalivedWithPidFiles("lb01", conf("jl.conf", "  max_auto_priority 2\n  min_auto_priority_delay 500000\n"), null, "jl");
        assertThat(jl.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(60))).as(jl.output()).isTrue();
        long pid = Long.parseLong(Files.readString(dir.resolve("jl_vrrp.pid")).strip());
        Path loop = thread(pid, "vrrp-loop").orElseThrow(() -> new AssertionError("no vrrp-loop thread in " + pid));
        assertThat(scheduling(loop)[1]).as("before the stall").isNotEqualTo(SCHED_RR);
        for (int expected = 1; expected <= 3; expected++) {
            stall(jl);
            int want = Math.min(expected, 2);
            assertThat(jl.awaitOutput("Set realtime priority " + want, Duration.ofSeconds(10))).as(jl.output()).isTrue();
            int[] s = scheduling(loop);
            assertThat(s[1]).as("vrrp-loop's policy after stall " + expected).isEqualTo(SCHED_RR);
            assertThat(s[0]).as("vrrp-loop's rt_priority after stall " + expected).isEqualTo(want);
        }
        assertThat(jl.output()).contains("A thread timer expired").doesNotContain("Set realtime priority 3");
        Optional<Path> other = thread(pid, "main");
        if (other.isPresent()) assertThat(scheduling(other.get())[1]).as("only the VRRP thread").isNotEqualTo(SCHED_RR);
        assertThat(lab.hasVip("lb01")).as("still MASTER with its VIP").isTrue();
        jl.stop(Duration.ofSeconds(10));
    }

    @Test
    void withoutTheKeywordALateTimerIsOnlyLogged() throws Exception {
        Path dir = lab.lab.dir();
        LabProcess jl = lab.javalivedWithPidFiles("lb01", conf("plain.conf", ""), null, "plain");
        assertThat(jl.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(60))).as(jl.output()).isTrue();
        long pid = Long.parseLong(Files.readString(dir.resolve("plain_vrrp.pid")).strip());
        Path loop = thread(pid, "vrrp-loop").orElseThrow();
        stall(jl);
        assertThat(jl.awaitOutput("A thread timer expired", Duration.ofSeconds(10))).as(jl.output()).isTrue();
        assertThat(scheduling(loop)[1]).isNotEqualTo(SCHED_RR);
        assertThat(jl.output()).doesNotContain("Set realtime priority");
        jl.stop(Duration.ofSeconds(10));
    }
}
