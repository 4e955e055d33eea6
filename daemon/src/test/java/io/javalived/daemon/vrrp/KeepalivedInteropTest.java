package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * javalived and real keepalived 2.2.7 as VRRP peers in namespaces (seed topology: lb01 10.0.0.5, lb02 10.0.0.6,
 * VIP 10.0.0.3): both roles, v2 with PASS and v3, multicast and unicast, crash and graceful takeover, preemption.
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
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "keepalived is not installed (apt-get install keepalived)");
        lab = new VrrpLab();
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
        assertThat(lab.hasVip("lb02")).isFalse();
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
        assertThat(lab.hasVip("lb02")).as("javalived accepts keepalived's v2 PASS adverts").isFalse();
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
        assertThat(lab.hasVip("lb02")).as("keepalived accepts javalived's unicast v3 adverts").isFalse();
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
        assertThat(lab.hasVip("lb02")).as("javalived accepts keepalived's unicast v3 adverts").isFalse();
        ka2.signal("TERM");
        assertThat(lab.awaitVip("lb02", true, Duration.ofSeconds(2))).as(() -> jl2.output()).isTrue();
        assertThat(jl2.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(2))).isTrue();
    }

    @Test
    void v3MulticastKeepalivedBackupTakesOverFromCrashedJavalived() throws Exception {
        LabProcess jl = lab.javalived("lb01", lab.write("a.conf", VrrpLab.conf("lb01", 3, "MASTER", 100, "0.1", null, List.of(), null, null)));
        LabProcess ka = lab.keepalived("lb02", lab.write("b.conf", VrrpLab.conf("lb02", 3, "BACKUP", 50, "0.1", null, List.of(), null, null)));
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).isTrue();
        assertThat(ka.awaitOutput("Entering BACKUP STATE", FIRST_MASTER)).isTrue();
        Thread.sleep(1000);
        assertThat(lab.hasVip("lb02")).isFalse();
        jl.killGroup();
        assertThat(lab.awaitVip("lb02", true, Duration.ofSeconds(2))).isTrue();
    }
}
