package io.javalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.Vm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a proofs program (a main class that prints PASS/FAIL lines and "ALL PASSED") in one boot of the qemu VM
 * (lab/bin/vm-run) on this test's classpath, and asserts that every proof passed.
 */
public final class GuestProofs {
    private GuestProofs() {}

    /** The repository's vm-run; skips the calling test, with the reason, when it is absent or the VM cannot run here. */
    public static Path vmRunOrSkip() throws Exception {
        Path repo = repo();
        Path vmRun = repo.resolve("lab/bin/vm-run");
        Assumptions.assumeTrue(Files.isExecutable(vmRun), "no lab/bin/vm-run in " + repo);
        Process check = new ProcessBuilder(vmRun.toString(), "--check").redirectErrorStream(true).start();
        String why = new String(check.getInputStream().readAllBytes()).trim();
        Assumptions.assumeTrue(check.waitFor() == 0, "the VM cannot run here: " + why);
        return vmRun;
    }

    public static Path repo() {
        return Path.of(System.getProperty("javalived.repo", "..")).toAbsolutePath().normalize();
    }

    /** Runs {@code main args} in the guest (killed after {@code timeoutSeconds}) and asserts "ALL PASSED", no FAIL. */
    public static void prove(Path vmRun, int timeoutSeconds, Class<?> main, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(vmRun.toString(), "-t", Integer.toString(timeoutSeconds), "--",
                java));
        // C1 only, as the launcher runs the daemon: under qemu's TCG a tiered JVM once died of SIGILL in C1 code
        // that C2 was replacing (CI, stop 21); never seen with C1 alone
        command.addAll(Vm.FAST_JVM_ARGS);
        command.addAll(List.of("-cp", classpath(), "--enable-native-access=ALL-UNNAMED", main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(timeoutSeconds + 300L, TimeUnit.SECONDS)).isTrue();
        System.out.println(out);
        assertThat(out).as(out).contains("ALL PASSED").doesNotContain("FAIL ");
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }
}
