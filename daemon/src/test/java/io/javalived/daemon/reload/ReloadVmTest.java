package io.javalived.daemon.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.JUnitSummary;
import io.javalived.lab.Vm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reload proof against the kernel's real IPVS: boots the lab VM and runs {@link ReloadInGuestProbe} inside
 * it (lb01 and lb02 with the seed's configurations in namespaces, client traffic through IPVS to web01/web02,
 * 50 unchanged SIGHUPs, an edit, a broken file). The probe must have run and passed there: a skip in the
 * guest fails this test.
 */
@Tag("vm")
class ReloadVmTest {

    @BeforeAll
    static void needTheVm() {
        var a = Vm.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
    }

    /** The test classpath as a list of paths the guest sees too (not surefire's manifest-only jar). */
    static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    @Test
    void unchangedEditedAndBrokenReloadsOnTheKernelsIpvs() {
        String cp = classpath();
        List<String> jvm = new ArrayList<>(Vm.FAST_JVM_ARGS);
        jvm.add("-Djavalived.daemon.classpath=" + cp); // the guest's launcher JVM has only its own jar on java.class.path
        JUnitSummary s = Vm.runJUnit(cp, List.of(ReloadInGuestProbe.class.getName()), jvm,
                Vm.Options.timeout(Duration.ofMinutes(15)));
        System.out.println(s.report());
        assertThat(s.allPassed()).as(s.report()).isTrue();
        assertThat(s.testsSucceeded()).as(s.report()).isEqualTo(1);
        assertThat(s.testsSkipped() + s.testsAborted()).as("the probe ran in the guest, it did not skip\n" + s.report()).isZero();
    }
}
