package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * javalived and real keepalived 2.2.7 as VRRP peers in namespaces (seed topology: lb01 10.0.0.5, lb02 10.0.0.6,
 * VIP 10.0.0.3): both roles, v2 with PASS and v3, multicast and unicast, crash and graceful takeover, preemption.
 * Takeovers are timed from just before the signal to the kernel's RTM_NEWADDR of the VIP on the new master
 * ({@link VrrpLab.VipWatch}), so they show which rule fired: Skew_Time after a priority-0 advert, about
 * Master_Down_Interval after a crash.
 */
@Tag("netns")
@Tag("keepalived")
class KeepalivedInteropTest {
    static final Duration V2_TAKEOVER = Duration.ofSeconds(6);
    /** JVM start (seconds on a busy 2-core machine) plus Master_Down_Interval. */
    static final Duration FIRST_MASTER = Duration.ofSeconds(15);
    VrrpLab lab;

    @BeforeEach
    void setUp() {
        lab = VrrpLab.withKeepalived();
    }

    @AfterEach
    void tearDown() {
        if (lab != null) lab.close();
    }

    private Path v2(String id, String state, int prio) {
        return lab.write(id + ".conf", VrrpLab.conf(id, 2, state, prio, "1", "s3cret", List.of(), null, null));
    }

    /** The state of the last "Entering X STATE" line of a log (keepalived's or javalived's). */
    static String lastState(String log) {
        var m = java.util.regex.Pattern.compile("Entering (\\w+) STATE").matcher(log);
        String last = "";
        while (m.find()) last = m.group(1);
        return last;
    }

    @Test
    void javalivedMasterKeepalivedBackupV2PassCrashAndPreemptBack() throws Exception {
        LabProcess jl = lab.javalived("lb01", v2("lb01", "MASTER", 100));
        LabProcess ka = lab.keepalived("lb02", v2("lb02", "BACKUP", 50));
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).as("javalived lb01 takes the VIP").isTrue();
        assertThat(ka.awaitOutput("Entering BACKUP STATE", Duration.ofSeconds(5))).isTrue();
        Thread.sleep(2500); // keepalived hears javalived's adverts and stays BACKUP
        assertThat(lab.awaitVip("lb02", false, Duration.ofSeconds(10))).isTrue();
        assertThat(lastState(ka.output())).as("keepalived settles in BACKUP").isEqualTo("BACKUP");

        jl.killGroup();
        assertThat(lab.awaitVip("lb02", true, V2_TAKEOVER)).as("keepalived lb02 takes over after kill -9").isTrue();
        lab.dropVip("lb01");

        LabProcess again = lab.javalived("lb01", v2("lb01", "MASTER", 100));
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).as("javalived preempts back").isTrue();
        assertThat(lab.awaitVip("lb02", false, Duration.ofSeconds(3))).as("keepalived releases the VIP").isTrue();
        assertThat(again.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(2))).isTrue();
    }

    @Test
    void keepalivedMasterJavalivedBackupV2PassGracefulStopAndPreemptBack() throws Exception {
        LabProcess ka = lab.keepalived("lb01", v2("lb01", "MASTER", 100));
        LabProcess jl = lab.javalived("lb02", v2("lb02", "BACKUP", 50));
        assertThat(lab.awaitVip("lb01", true, V2_TAKEOVER)).isTrue();
        assertThat(jl.awaitOutput("Entering BACKUP STATE", FIRST_MASTER)).isTrue();
        Thread.sleep(2500);
        assertThat(lab.awaitVip("lb02", false, Duration.ofSeconds(10))).as("javalived accepts keepalived's v2 PASS adverts").isTrue();
        assertThat(jl.output()).doesNotContain("advert dropped");

        ka.signal("TERM");
        assertThat(lab.awaitVip("lb02", true, Duration.ofSeconds(3))).as("priority 0 advert: javalived takes over within skew").isTrue();
        assertThat(lab.awaitVip("lb01", false, Duration.ofSeconds(3))).isTrue();

        lab.keepalived("lb01", v2("lb01", "MASTER", 100));
        assertThat(lab.awaitVip("lb01", true, V2_TAKEOVER)).as("keepalived preempts back").isTrue();
        assertThat(lab.awaitVip("lb02", false, Duration.ofSeconds(3))).as("javalived yields to the higher priority").isTrue();
        assertThat(jl.output()).contains("Entering BACKUP STATE (from MASTER): higher priority advert (100 from 10.0.0.5");
    }

    @Test
    void wrongPasswordIsRejectedAndCounted() throws Exception {
        lab.keepalived("lb01", v2("lb01", "MASTER", 100));
        LabProcess jl = lab.javalived("lb02", lab.write("bad.conf",
                VrrpLab.conf("lb02", 2, "BACKUP", 50, "1", "wrong", List.of(), null, null)));
        assertThat(lab.awaitVip("lb01", true, V2_TAKEOVER)).isTrue();
        assertThat(jl.awaitOutput("advert dropped (AUTH_FAILURE)", Duration.ofSeconds(8))).as(jl.output()).isTrue();
    }

    @Test
    void v3UnicastBothRolesWithCrashAndGracefulTakeover() throws Exception {
        Path jlConf = lab.write("jl.conf", VrrpLab.conf("lb01", 3, "MASTER", 100, "0.1", null, List.of("10.0.0.6"), "10.0.0.5", null));
        Path kaConf = lab.write("ka.conf", VrrpLab.conf("lb02", 3, "BACKUP", 50, "0.1", null, List.of("10.0.0.5"), "10.0.0.6", null));
        LabProcess jl = lab.javalived("lb01", jlConf);
        LabProcess ka = lab.keepalived("lb02", kaConf);
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).isTrue();
        assertThat(ka.awaitOutput("Entering BACKUP STATE", FIRST_MASTER)).isTrue();
        Thread.sleep(1000);
        assertThat(lab.awaitVip("lb02", false, Duration.ofSeconds(10))).as("keepalived accepts javalived's unicast v3 adverts").isTrue();
        jl.killGroup();
        assertThat(lab.awaitVip("lb02", true, Duration.ofSeconds(2))).isTrue();
        lab.dropVip("lb01");
        ka.signal("TERM");
        assertThat(ka.waitFor(Duration.ofSeconds(5))).isPresent();

        // Reverse roles: keepalived master, javalived backup; graceful stop of keepalived.
        Path kaMaster = lab.write("ka2.conf", VrrpLab.conf("lb01", 3, "MASTER", 100, "0.1", null, List.of("10.0.0.6"), "10.0.0.5", null));
        Path jlBackup = lab.write("jl2.conf", VrrpLab.conf("lb02", 3, "BACKUP", 50, "0.1", null, List.of("10.0.0.5"), "10.0.0.6", null));
        LabProcess ka2 = lab.keepalived("lb01", kaMaster);
        LabProcess jl2 = lab.javalived("lb02", jlBackup);
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).isTrue();
        assertThat(jl2.awaitOutput("Entering BACKUP STATE", FIRST_MASTER)).as(() -> jl2.output()).isTrue();
        Thread.sleep(1000);
        assertThat(lab.awaitVip("lb02", false, Duration.ofSeconds(10))).as("javalived accepts keepalived's unicast v3 adverts").isTrue();
        ka2.signal("TERM");
        assertThat(lab.awaitVip("lb02", true, Duration.ofSeconds(2))).as(() -> jl2.output()).isTrue();
        assertThat(jl2.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(2))).isTrue();
    }

    /** Waits until the last state a log entered is {@code state} (log lines can trail the VIP change). */
    static boolean awaitLastState(LabProcess p, String state, Duration timeout) throws InterruptedException {
        for (long end = System.nanoTime() + timeout.toNanos(); System.nanoTime() < end; Thread.sleep(20)) {
            if (lastState(p.output()).equals(state)) return true;
        }
        return lastState(p.output()).equals(state);
    }

    /** The takeover in seconds, printed for the test report. */
    static double seconds(long nanos) {
        double s = nanos / 1e9;
        System.out.printf(java.util.Locale.ROOT, "takeover %.3f s (%s)%n", s, StackWalker.getInstance()
                .walk(f -> f.skip(1).findFirst().map(StackWalker.StackFrame::getMethodName).orElse("?")));
        return s;
    }

    /**
     * (a) javalived MASTER stops gracefully: keepalived must have seen its priority-0 advert, so it takes over after
     * Skew_Time ((256 - 50) / 256 x 1 s = 0.805 s), not after Master_Down_Interval (3.805 s, at least 2.805 s after
     * the last advert). Then javalived, restarted, preempts back over VRRPv3.
     */
    @Test
    void v3KeepalivedTakesOverWithinSkewWhenJavalivedStopsGracefullyAndJavalivedPreemptsBack() throws Exception {
        Path jlConf = lab.write("jl.conf", VrrpLab.conf("lb01", 3, "MASTER", 100, "1", null, List.of(), null, null));
        Path kaConf = lab.write("ka.conf", VrrpLab.conf("lb02", 3, "BACKUP", 50, "1", null, List.of(), null, null));
        LabProcess jl = lab.javalived("lb01", jlConf);
        LabProcess ka = lab.keepalived("lb02", kaConf);
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).as(() -> jl.output()).isTrue();
        assertThat(ka.awaitOutput("Entering BACKUP STATE", FIRST_MASTER)).isTrue();
        Thread.sleep(1500);
        assertThat(lab.hasVip("lb02")).as("keepalived stays BACKUP under javalived's adverts").isFalse();

        VrrpLab.VipWatch watch = lab.watch("lb02");
        long t0 = System.nanoTime();
        jl.signal("TERM");
        long took = watch.awaitAdded(t0, Duration.ofSeconds(8));
        assertThat(took).as(() -> "keepalived takes over\n" + ka.output()).isPositive();
        assertThat(seconds(took)).as("Skew_Time after javalived's priority-0 advert, well under Master_Down_Interval")
                .isBetween(0.75, 2.0);
        assertThat(jl.waitFor(Duration.ofSeconds(10))).isPresent();
        assertThat(lab.hasVip("lb01")).as("javalived removed its VIP on stop").isFalse();
        assertThat(awaitLastState(ka, "MASTER", Duration.ofSeconds(2))).as(() -> ka.output()).isTrue();
        assertThat(ka.output()).as("keepalived's own word for it").contains("(VI_1) Backup received priority 0 advertisement");

        LabProcess again = lab.javalived("lb01", jlConf);
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).as(() -> "javalived preempts back\n" + again.output()).isTrue();
        assertThat(lab.awaitVip("lb02", false, Duration.ofSeconds(3))).as("keepalived yields over VRRPv3").isTrue();
        assertThat(ka.awaitOutput("higher priority 100", Duration.ofSeconds(3))).as(() -> ka.output()).isTrue();
        assertThat(awaitLastState(ka, "BACKUP", Duration.ofSeconds(2))).as(() -> ka.output()).isTrue();
    }

    /**
     * (b) keepalived MASTER crashes (kill -9 of its whole process group): javalived takes over after about
     * Master_Down_Interval (3 x 0.5 s + (256 - 50) / 256 x 0.5 s = 1.902 s, less the time since the last advert,
     * at most 0.5 s). Then keepalived, restarted, preempts back over VRRPv3.
     */
    @Test
    void v3JavalivedTakesOverAfterMasterDownWhenKeepalivedIsKilledAndKeepalivedPreemptsBack() throws Exception {
        Path kaConf = lab.write("ka.conf", VrrpLab.conf("lb01", 3, "MASTER", 100, "0.5", null, List.of(), null, null));
        Path jlConf = lab.write("jl.conf", VrrpLab.conf("lb02", 3, "BACKUP", 50, "0.5", null, List.of(), null, null));
        LabProcess ka = lab.keepalived("lb01", kaConf);
        LabProcess jl = lab.javalived("lb02", jlConf);
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).as(() -> ka.output()).isTrue();
        assertThat(jl.awaitOutput("Entering BACKUP STATE", FIRST_MASTER)).as(() -> jl.output()).isTrue();
        Thread.sleep(1500);
        assertThat(lab.hasVip("lb02")).as("javalived stays BACKUP under keepalived's adverts").isFalse();

        VrrpLab.VipWatch watch = lab.watch("lb02");
        long t0 = System.nanoTime();
        ka.killGroup();
        long took = watch.awaitAdded(t0, Duration.ofSeconds(8));
        assertThat(took).as(() -> "javalived takes over\n" + jl.output()).isPositive();
        assertThat(seconds(took)).as("Master_Down_Interval less the time since keepalived's last advert")
                .isBetween(1.2, 3.0);
        assertThat(jl.awaitOutput("Entering MASTER STATE (from BACKUP): master 10.0.0.5 silent for Master_Down_Interval",
                Duration.ofSeconds(2))).as(() -> jl.output()).isTrue(); // the VIP comes before the log line
        assertThat(ka.waitFor(Duration.ofSeconds(5))).isPresent();
        lab.dropVip("lb01"); // a crashed keepalived leaves its VIP behind

        LabProcess again = lab.keepalived("lb01", kaConf);
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).as(() -> "keepalived preempts back\n" + again.output()).isTrue();
        assertThat(lab.awaitVip("lb02", false, Duration.ofSeconds(3))).as("javalived yields over VRRPv3").isTrue();
        assertThat(jl.awaitOutput("Entering BACKUP STATE (from MASTER): higher priority advert (100 from 10.0.0.5",
                Duration.ofSeconds(3))).as(() -> jl.output()).isTrue();
    }

    /**
     * (c) VRRPv2 with PASS over unicast_peer, each side as the BACKUP of the other: javalived stays BACKUP under
     * keepalived's unicast adverts for more than a Master_Down_Interval, takes over within Skew_Time when keepalived
     * stops gracefully (its unicast priority-0 advert), and keepalived, started again below javalived's priority,
     * stays BACKUP under javalived's unicast adverts.
     */
    @Test
    void v2UnicastPassPairWithKeepalivedInBothRoles() throws Exception {
        Path kaConf = lab.write("ka.conf", VrrpLab.conf("lb01", 2, "MASTER", 100, "1", "s3cret", List.of("10.0.0.6"), "10.0.0.5", null));
        Path jlConf = lab.write("jl.conf", VrrpLab.conf("lb02", 2, "BACKUP", 50, "1", "s3cret", List.of("10.0.0.5"), "10.0.0.6", null));
        LabProcess ka = lab.keepalived("lb01", kaConf);
        LabProcess jl = lab.javalived("lb02", jlConf);
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).as(() -> ka.output()).isTrue();
        assertThat(jl.awaitOutput("Entering BACKUP STATE", FIRST_MASTER)).as(() -> jl.output()).isTrue();
        Thread.sleep(4500); // more than Master_Down_Interval (3.805 s)
        assertThat(lab.hasVip("lb02")).as(() -> "javalived stays BACKUP under keepalived's unicast adverts\n" + jl.output())
                .isFalse();
        assertThat(jl.output()).doesNotContain("advert dropped");

        VrrpLab.VipWatch watch = lab.watch("lb02");
        long t0 = System.nanoTime();
        ka.signal("TERM");
        long took = watch.awaitAdded(t0, Duration.ofSeconds(8));
        assertThat(took).as(() -> "javalived takes over\n" + jl.output()).isPositive();
        assertThat(seconds(took)).as("Skew_Time after keepalived's unicast priority-0 advert").isBetween(0.75, 2.0);
        assertThat(ka.waitFor(Duration.ofSeconds(5))).isPresent();

        Path lowKa = lab.write("ka-low.conf", VrrpLab.conf("lb01", 2, "BACKUP", 20, "1", "s3cret", List.of("10.0.0.6"), "10.0.0.5", null));
        LabProcess low = lab.keepalived("lb01", lowKa);
        assertThat(low.awaitOutput("Entering BACKUP STATE", Duration.ofSeconds(5))).as(() -> low.output()).isTrue();
        Thread.sleep(4600); // more than keepalived's Master_Down_Interval at priority 20 (3.922 s)
        assertThat(lastState(low.output())).as(() -> "keepalived stays BACKUP under javalived's unicast v2 PASS adverts\n"
                + low.output()).isEqualTo("BACKUP");
        assertThat(lab.hasVip("lb01")).isFalse();
        assertThat(lab.hasVip("lb02")).isTrue();
    }

    @Test
    void v3MulticastKeepalivedBackupTakesOverFromCrashedJavalived() throws Exception {
        LabProcess jl = lab.javalived("lb01", lab.write("a.conf", VrrpLab.conf("lb01", 3, "MASTER", 100, "0.1", null, List.of(), null, null)));
        LabProcess ka = lab.keepalived("lb02", lab.write("b.conf", VrrpLab.conf("lb02", 3, "BACKUP", 50, "0.1", null, List.of(), null, null)));
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).isTrue();
        assertThat(ka.awaitOutput("Entering BACKUP STATE", FIRST_MASTER)).isTrue();
        Thread.sleep(1000);
        assertThat(lab.awaitVip("lb02", false, Duration.ofSeconds(10))).isTrue();
        jl.killGroup();
        assertThat(lab.awaitVip("lb02", true, Duration.ofSeconds(2))).isTrue();
    }
}
