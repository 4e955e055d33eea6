package io.javalived.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.JUnitSummary;
import io.javalived.lab.Vm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs, inside the lab VM (a Debian kernel with IPVS under qemu), the driver contract against the real
 * kernel and the byte-for-byte comparison of javalived's ipvsadm with real ipvsadm 1.31. On the host
 * both classes skip (no IPVS here); this is what proves them.
 */
@Tag("vm")
class VmIpvsTest {

    @BeforeAll
    static void needTheVm() {
        var a = Vm.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
    }

    @Test
    void contractAndIpvsadmConformanceOnTheRealKernel() {
        JUnitSummary s = Vm.runJUnit(System.getProperty("java.class.path"),
                List.of("io.javalived.ipvs.netlink.NetlinkIpvsDriverContractTest",
                        "io.javalived.ipvs.cli.IpvsadmConformanceTest"),
                Vm.FAST_JVM_ARGS, Vm.Options.timeout(Duration.ofMinutes(25)));
        assertThat(s.allPassed()).as(s.report()).isTrue();
        // nothing else may skip in the guest (the kernel has IPVS, ipvsadm is installed): only the contract's sync-daemon
        // cases, which IpvsadmConformanceTest's daemon scenarios cover on the real kernel (IpvsDriverContract#syncDaemonCasesHere)
        assertThat(s.testsSkipped()).as(s.report()).isZero();
        assertThat(s.testsAborted()).as(s.report()).isEqualTo(IpvsDriverContract.SYNC_DAEMON_CASES); // their assumption
        assertThat(s.testsSucceeded()).as(s.report()).isGreaterThanOrEqualTo(100);
        System.out.println(s.report());
    }
}
