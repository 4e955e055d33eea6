package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code auth_type AH} (IPsec AH, HMAC-MD5-96, protocol 51) between javalived and keepalived 2.2.7 in namespaces (seed
 * topology: lb01 10.0.0.5, lb02 10.0.0.6, VIP 10.0.0.3), both directions: each accepts the other's adverts (the
 * higher priority stays MASTER, the other stays BACKUP without a drop or an HMAC complaint), a graceful stop hands
 * over within skew time (the priority-0 advert passes the sequence check), and a wrong auth_pass is refused by both.
 * AH cannot start in state MASTER (keepalived clears it), so both start BACKUP and the priority decides.
 */
@Tag("netns")
@Tag("keepalived")
class AhInteropTest extends WithKeepalivedLab {
    static final Duration FIRST_MASTER = Duration.ofSeconds(15);
    private Path ah(String name, String routerId, int priority, String pass) {
        return lab.write(name, VrrpLab.conf(routerId, 2, "BACKUP", priority, "1", pass, List.of(), null, null)
                .replace("auth_type PASS", "auth_type AH"));
    }

    @Test
    void keepalivedMasterJavalivedBackupThenGracefulHandover() throws Exception {
        LabProcess ka = lab.keepalived("lb01", ah("ka.conf", "lb01", 100, "s3cret"));
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).as(ka.output()).isTrue();
        LabProcess jl = lab.javalived("lb02", ah("jl.conf", "lb02", 50, "s3cret"));
        assertThat(jl.awaitOutput("Entering BACKUP STATE", FIRST_MASTER)).as(jl.output()).isTrue();
        Thread.sleep(4000); // javalived's Master_Down_Interval is over 3 s: it stays BACKUP only if it accepts
        assertThat(lab.hasVip("lb02")).as("javalived accepts keepalived's AH adverts: " + jl.output()).isFalse();
        assertThat(jl.output()).doesNotContain("advert dropped", "Entering MASTER");
        assertThat(ka.output()).doesNotContain("IPSEC-AH", "IPSEC AH");

        ka.signal("TERM");
        assertThat(lab.awaitVip("lb02", true, Duration.ofSeconds(3)))
                .as("keepalived's priority-0 AH advert: javalived takes over within skew time").isTrue();
        assertThat(ka.waitFor(Duration.ofSeconds(10))).isPresent();
    }

    @Test
    void javalivedMasterKeepalivedBackupAndKeepalivedPreemptsBack() throws Exception {
        LabProcess jl = lab.javalived("lb01", ah("jl.conf", "lb01", 100, "s3cret"));
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).as(jl.output()).isTrue();
        LabProcess ka = lab.keepalived("lb02", ah("ka.conf", "lb02", 50, "s3cret"));
        assertThat(ka.awaitOutput("Entering BACKUP STATE", Duration.ofSeconds(5))).as(ka.output()).isTrue();
        Thread.sleep(4000);
        assertThat(lab.hasVip("lb02")).as("keepalived accepts javalived's AH adverts: " + ka.output()).isFalse();
        assertThat(ka.output()).doesNotContain("IPSEC-AH", "IPSEC AH", "Entering MASTER");
        assertThat(jl.output()).doesNotContain("advert dropped");

        // keepalived with a higher priority (a new process: its sequence numbers continue above javalived's own,
        // taken from the adverts it heard) preempts; javalived accepts its adverts and yields
        ka.signal("TERM");
        assertThat(ka.waitFor(Duration.ofSeconds(10))).isPresent();
        LabProcess ka2 = lab.keepalived("lb02", ah("ka2.conf", "lb02", 150, "s3cret"));
        assertThat(lab.awaitVip("lb02", true, Duration.ofSeconds(10))).as(ka2.output()).isTrue();
        assertThat(lab.awaitVip("lb01", false, Duration.ofSeconds(3))).as("javalived yields: " + jl.output()).isTrue();
        assertThat(jl.awaitOutput("Entering BACKUP STATE (from MASTER): higher priority advert (150",
                Duration.ofSeconds(3))).as(jl.output()).isTrue();
    }

    @Test
    void aWrongAuthPassIsRefusedByBoth() throws Exception {
        LabProcess ka = lab.keepalived("lb01", ah("ka.conf", "lb01", 100, "s3cret"));
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).as(ka.output()).isTrue();
        LabProcess jl = lab.javalived("lb02", ah("jl.conf", "lb02", 50, "wrong"));
        assertThat(jl.awaitOutput("advert dropped (AUTH_FAILURE): IPsec AH HMAC-MD5 from 10.0.0.5 does not match",
                FIRST_MASTER)).as(jl.output()).isTrue();
        assertThat(ka.awaitOutput("IPSEC-AH : invalid IPSEC HMAC-MD5 value", FIRST_MASTER)).as(ka.output()).isTrue();
    }
}
