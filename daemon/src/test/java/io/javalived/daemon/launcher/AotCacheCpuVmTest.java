package io.javalived.daemon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.daemon.launcher.LauncherCheckout.Run;
import io.javalived.lab.Vm;
import io.javalived.lab.VmResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 8: an AOT cache made on this machine, then javalived started on a CPU with fewer features (the
 * lab VM with qemu's {@code qemu64} model: x86-64 without SSE4, AVX, AVX-512). JDK 25 before 25.0.5 maps such a
 * cache and runs its adapters' AVX code: SIGILL (JDK-8388703). The launcher keys each cache to the JDK build and the
 * CPU flags, so the guest never gets this machine's cache: it makes its own and maps that.
 */
@Tag("vm")
class AotCacheCpuVmTest {

    @BeforeAll
    static void needTheVm() {
        var a = Vm.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        String cpu = LauncherCheckout.cpuFlags();
        Assumptions.assumeTrue(cpu != null && cpu.contains("avx"),
                "this machine's CPU has no AVX: a qemu64 guest would not have fewer features than it");
    }

    @Test
    void aCacheMadeHereNeverCrashesJavalivedOnAQemu64Cpu() throws Exception {
        try (LauncherCheckout checkout = LauncherCheckout.create("aot-vm")) {
            String conf = checkout.smallConfig().toString();
            Run host = checkout.launch(Map.of(), "-t", "-f", conf);
            assertThat(host.code()).as(host.describe()).isZero();
            assertThat(checkout.keys()).hasSize(1);
            List<String> hostKey = checkout.keys().get(1);
            Path hostCache = checkout.aotDir().resolve(hostKey.get(1));

            // 1: the JVM itself, given this machine's cache (what the launcher did before the key);
            // 2: the launcher (makes the guest's own cache, in the shared folder); 3: the launcher again, showing
            // which cache it maps.
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = checkout.jar() + ":" + checkout.root().resolve("daemon/target/lib/*");
            String script = String.join("\n",
                    "'" + java + "' --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
                            + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:AOTCache='" + hostCache + "'"
                            + " -cp '" + cp + "' io.javalived.daemon.Main -t -f '" + conf + "' > /tmp/forced 2>&1",
                    "echo \"forced exit $?\"; cat /tmp/forced",
                    "./javalived -t -f '" + conf + "'; echo \"launcher exit $?\"",
                    "JAVALIVED_JAVA_OPTS=-Xlog:aot=info:stderr ./javalived -t -f '" + conf + "' 2>&1 | grep -E 'Opened AOT cache|Using AOT'",
                    "grep -m1 -E '^(flags|Features)' /proc/cpuinfo");
            VmResult r = Vm.run(List.of("sh", "-c", script), Vm.Options.timeout(Duration.ofMinutes(12))
                    .withCpu("qemu64").withWritable(checkout.aotDir()).withCwd(checkout.root())
                    .withEnv(Map.of("JAVALIVED_NO_BUILD", "1", "JAVA_HOME", System.getProperty("java.home"))));
            String out = r.stdout() + r.stderr();
            System.out.println(out);
            assertThat(r.exitCode()).as(r.describe()).isZero();

            // the scene is real: on this JDK, this machine's cache kills the JVM on that CPU
            Runtime.Version v = Runtime.version();
            if (v.feature() == 25 && v.update() < 5) {
                assertThat(out).as(out).contains("forced exit 134").contains("SIGILL");
            }

            assertThat(out).as(out).contains("launcher exit 0").contains("is OK").doesNotContain("launcher exit 134");
            var keys = checkout.keys();
            assertThat(keys).as("this machine's cache and the guest's own").hasSize(2);
            assertThat(keys.get(1)).isEqualTo(hostKey);
            String guestKey = keys.get(2).get(0);
            Matcher guestFlags = Pattern.compile("(?m)^(?:flags|Features)\\s*:(.*)$").matcher(r.stdout());
            assertThat(guestFlags.find()).as(out).isTrue();
            // -t: the short commands' cache (the daemon has its own kind)
            assertThat(guestKey).endsWith("cpu=" + guestFlags.group(1) + " kind=short").isNotEqualTo(hostKey.get(0));
            assertThat(guestKey.substring(0, guestKey.indexOf(" cpu=")))
                    .isEqualTo(hostKey.get(0).substring(0, hostKey.get(0).indexOf(" cpu=")));
            Path guestCache = checkout.aotDir().resolve(keys.get(2).get(1));
            assertThat(out).as(out).contains("Opened AOT cache " + guestCache + ".")
                    .contains("Using AOT-linked classes: true")
                    .doesNotContain("Opened AOT cache " + hostCache + ".");
        }
    }
}
