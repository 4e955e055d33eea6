package io.javalived.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The qemu VM with Debian's kernel: real IPVS, the host's JDK 25, exit status and time limit, JUnit inside. */
@Tag("vm")
class VmSmokeTest {

    @BeforeAll
    static void needTheVm() {
        var a = Vm.availability();
        assumeTrue(a.available(), a.reason());
    }

    @Test
    void theHostIsNotTheGuest() {
        assertThat(Vm.inGuest()).isFalse();
    }

    @Test
    void realIpvsAndTheHostsJdkRunInTheGuest() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        VmResult r = Vm.run(List.of("sh", "-c", "modprobe ip_vs && ipvsadm -A -t 10.0.0.3:80 -s wrr && ipvsadm -Ln"
                + " && uname -r && \"$1\" -version", "sh", java), Duration.ofMinutes(3));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).as(r.describe())
                .contains("IP Virtual Server version")
                .containsPattern("TCP\\s+10\\.0\\.0\\.3:80 wrr")
                .containsPattern("(?m)^\\d+\\.\\d+\\.\\d+-\\d+-amd64$");
        assertThat(r.stderr()).as(r.describe()).contains("version \"25");
        assertThat(r.bootToReady()).isPresent();
    }

    @Test
    void exitStatusEnvironmentAndWorkingDirectoryComeThrough() throws Exception {
        Path out = Files.createDirectories(Path.of("target", "vm-smoke").toAbsolutePath());
        Files.deleteIfExists(out.resolve("written-in-guest"));
        VmResult r = Vm.run(List.of("sh", "-c", "echo \"$JAVALIVED_SMOKE $PWD\"; echo to-stderr >&2;"
                        + " echo hi > target/vm-smoke/written-in-guest; exit 7"),
                Vm.Options.timeout(Duration.ofMinutes(3)).withEnv(Map.of("JAVALIVED_SMOKE", "passed-in"))
                        .withWritable(out).withEcho());
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(7);
        assertThat(r.stdout()).as(r.describe()).contains("passed-in " + Path.of("").toAbsolutePath());
        assertThat(r.stderr()).contains("to-stderr");
        assertThat(out.resolve("written-in-guest")).hasContent("hi");
        assertThat(r.timedOut()).isFalse();
    }

    @Test
    void timeLimitKillsTheVm() {
        // 20 s: a boot takes 2-5 s here, 10 under load; a longer limit only costs CI time
        VmResult r = Vm.run(List.of("sh", "-c", "echo started; sleep 600"), Duration.ofSeconds(20));
        assertThat(r.timedOut()).as(r.describe()).isTrue();
        assertThat(r.exitCode()).isEqualTo(124);
        assertThat(r.stdout()).contains("started");
        assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(150));
    }

    @Test
    void junitClassesRunInTheGuestAndReportTheirSummary() {
        String cp = System.getProperty("java.class.path");
        JUnitSummary ok = Vm.runJUnit(cp, IpvsInGuestProbe.class.getName(), NatLabInGuestProbe.class.getName(),
                SeedDirectRoutingInGuestProbe.class.getName());
        assertThat(ok.testsFound()).as(ok.report()).isEqualTo(5);
        assertThat(ok.testsSucceeded()).as(ok.report()).isEqualTo(4);
        assertThat(ok.testsSkipped()).as(ok.report()).isEqualTo(1);
        assertThat(ok.testsFailed()).as(ok.report()).isZero();
        assertThat(ok.allPassed()).as(ok.report()).isTrue();
    }

    @Test
    void aFailingTestInTheGuestIsReportedAsFailed() {
        String cp = System.getProperty("java.class.path");
        JUnitSummary bad = Vm.runJUnit(cp, List.of(IpvsInGuestProbe.class.getName()), Vm.FAST_JVM_ARGS,
                Vm.Options.timeout(Duration.ofMinutes(10)).withEnv(Map.of("JAVALIVED_PROBE_FAIL", "1")));
        assertThat(bad.testsFailed()).as(bad.report()).isEqualTo(1);
        assertThat(bad.allPassed()).isFalse();
        assertThat(bad.failures()).contains("failsWhenAsked").contains("JAVALIVED_PROBE_FAIL");
        assertThat(bad.run().exitCode()).isEqualTo(1);
    }
}
