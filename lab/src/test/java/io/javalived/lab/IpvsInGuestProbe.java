package io.javalived.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Run only inside the VM by {@link VmSmokeTest} (its name keeps surefire from picking it up on the host, whose
 * kernel has no IPVS). One test passes on a real IPVS kernel, one is disabled, and one fails on purpose when
 * the guest sets JAVALIVED_PROBE_FAIL, so the summary parsing is checked both ways.
 */
class IpvsInGuestProbe {

    @Test
    void procNetIpVsExists() throws Exception {
        assertThat(Vm.inGuest()).as("Vm.inGuest() inside the VM").isTrue();
        Path p = Path.of("/proc/net/ip_vs");
        assertThat(p).exists();
        assertThat(Files.readString(p)).startsWith("IP Virtual Server version");
    }

    @Test
    void failsWhenAsked() {
        assertThat(System.getenv("JAVALIVED_PROBE_FAIL")).as("JAVALIVED_PROBE_FAIL").isNull();
    }

    @Test
    @Disabled("counted as skipped by the summary")
    void skipped() {
    }
}
