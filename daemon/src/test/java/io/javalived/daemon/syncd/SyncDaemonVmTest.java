package io.javalived.daemon.syncd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.javalived.lab.Vm;

/** javalived's lvs_sync_daemon against the real kernel's sync daemons, in the qemu VM: see {@link SyncDaemonVmProofs}. */
@Tag("vm")
class SyncDaemonVmTest {

    @Test
    void syncDaemonsFollowVrrpOnRealIpvs() throws Exception {
        Path repo = Path.of(System.getProperty("javalived.repo", "..")).toAbsolutePath().normalize();
        Path vmRun = repo.resolve("lab/bin/vm-run");
        Assumptions.assumeTrue(Files.isExecutable(vmRun), "no lab/bin/vm-run in " + repo);
        Process check = new ProcessBuilder(vmRun.toString(), "--check").redirectErrorStream(true).start();
        String why = new String(check.getInputStream().readAllBytes()).trim();
        Assumptions.assumeTrue(check.waitFor() == 0, "the VM cannot run here: " + why);
        String cp = System.getProperty("surefire.test.class.path");
        String classpath = cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(vmRun.toString(), "-t", "1200", "--", java));
        command.addAll(Vm.FAST_JVM_ARGS); // C1 only, as LvsVmTest says why
        command.addAll(List.of("-cp", classpath, "--enable-native-access=ALL-UNNAMED",
                SyncDaemonVmProofs.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(25, TimeUnit.MINUTES)).isTrue();
        System.out.println(out);
        assertThat(out).as(out).contains("ALL PASSED").doesNotContain("FAIL ");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
