package io.javalived.daemon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.daemon.launcher.LauncherCheckout.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher's AOT cache (issue 15): made once per JDK build and CPU, used only where both match, made again
 * when a jar is newer, at most six kept (a daemon's and a short commands' for each), and when the JVM refuses one it says so in one line and runs without.
 * The real {@code ./javalived} in a checkout made from this build ({@link LauncherCheckout}); the CPU that
 * really differs (a qemu64 guest) is {@link AotCacheCpuVmTest}.
 */
class AotCacheLauncherTest {

    static final Map<String, String> SHOW_AOT = Map.of("JAVALIVED_JAVA_OPTS", "-Xlog:aot=info:stderr");

    static LauncherCheckout checkout;
    static Path trained;
    static FileTime jarTime;
    static String cpu;

    @BeforeAll
    static void trainOnce() throws Exception {
        cpu = LauncherCheckout.cpuFlags();
        Assumptions.assumeTrue(cpu != null && !cpu.isEmpty(), "no CPU flags line in /proc/cpuinfo: the launcher uses no cache here");
        checkout = LauncherCheckout.create("aot");
        Run first = checkout.launch(Map.of(), "-t", "-f", checkout.smallConfig().toString());
        assertThat(first.code()).as(first.describe()).isZero();
        trained = checkout.root().resolve("aot.trained");
        copy(checkout.aotDir(), trained);
        jarTime = Files.getLastModifiedTime(checkout.jar());
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (checkout != null) {
            checkout.close();
        }
    }

    @BeforeEach
    void backToOneTrainedCache() throws IOException {
        delete(checkout.aotDir());
        copy(trained, checkout.aotDir());
        Files.setLastModifiedTime(checkout.jar(), jarTime);
    }

    @Test
    void oneCacheIsMadeForThisJdkAndCpuThenMappedWithoutAWord() throws Exception {
        assertThat(checkout.keys()).hasSize(1);
        List<String> key = checkout.keys().get(1);
        assertThat(key.get(0)).contains("java=" + System.getProperty("java.home"))
                .contains("JAVA_RUNTIME_VERSION=\"" + System.getProperty("java.runtime.version") + "\"")
                .endsWith(" " + cpu + " kind=short"); // -t: the short commands' cache, not the daemon's
        Path cache = checkout.aotDir().resolve(key.get(1));
        assertThat(checkout.caches()).containsExactly(cache);

        Run shown = run(SHOW_AOT);
        assertThat(shown.stderr()).as(shown.describe()).contains("Opened AOT cache " + cache + ".")
                .contains("Using AOT-linked classes: true");

        Run plain = run(Map.of());
        assertThat(plain.code()).as(plain.describe()).isZero();
        assertThat(plain.stderr()).as(plain.describe()).contains("is OK");
        assertThat(jvmLogLines(plain)).as(plain.describe()).isEmpty();
        assertThat(checkout.caches()).as("mapped again, not made again").containsExactly(cache);
    }

    @Test
    void aCacheMadeForAnotherCpuOrJdkIsNeverUsed() throws Exception {
        String made = checkout.keys().get(1).get(1);
        String key = checkout.keys().get(1).get(0);
        // the same file, keyed as made on a CPU with more features, and by another build of the JDK
        writeKey(1, key + " avx512_fp16 amx_tile", made, Duration.ofHours(2));
        writeKey(2, key.replace("JAVA_RUNTIME_VERSION=\"", "JAVA_RUNTIME_VERSION=\"0"), made, Duration.ofHours(1));

        Run r = run(SHOW_AOT);
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(checkout.keys()).hasSize(3);
        List<String> own = checkout.keys().get(3);
        assertThat(own.get(0)).isEqualTo(key);
        assertThat(own.get(1)).isNotEqualTo(made);
        assertThat(r.stderr()).as(r.describe()).contains("Opened AOT cache " + checkout.aotDir().resolve(own.get(1)) + ".")
                .doesNotContain(made);
    }

    @Test
    void aCacheTheJvmRefusesIsSaidInOneLineAndTheProgramRunsWithout() throws Exception {
        Path cache = checkout.aotDir().resolve(checkout.keys().get(1).get(1));
        FileTime made = Files.getLastModifiedTime(cache);
        Files.write(cache, new byte[64 * 1024]);                    // not a cache any more, still newer than the jars
        Files.setLastModifiedTime(cache, made);

        Run r = run(Map.of());
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.stderr()).as(r.describe()).contains("is OK");
        assertThat(r.stdout()).as(r.describe()).doesNotContain("[cds]").doesNotContain("[aot]");
        assertThat(jvmLogLines(r)).as(r.describe()).hasSize(1).first().asString()
                .matches("\\[[0-9.]+s\\]\\[info\\]\\[cds\\] Opening of static archive " + java.util.regex.Pattern.quote(cache.toString()) + " failed");
    }

    @Test
    void aCacheOlderThanTheJarIsMadeAgain() throws Exception {
        String old = checkout.keys().get(1).get(1);
        Path oldCache = checkout.aotDir().resolve(old);
        // JDK 25.0.3 maps a cache whose jar changed and runs the cached (old) classes: the launcher must not offer it
        Files.setLastModifiedTime(checkout.jar(), FileTime.from(Files.getLastModifiedTime(oldCache).toInstant().plusSeconds(60)));

        Run r = run(SHOW_AOT);
        assertThat(r.code()).as(r.describe()).isZero();
        String now = checkout.keys().get(1).get(1);
        assertThat(now).isNotEqualTo(old);
        assertThat(checkout.caches()).containsExactly(checkout.aotDir().resolve(now));
        assertThat(r.stderr()).as(r.describe()).contains("Opened AOT cache " + checkout.aotDir().resolve(now) + ".");
    }

    @Test
    void atMostSixCachesTheOldestMadeGoesFirst() throws Exception {
        String made = checkout.keys().get(1).get(1);
        String key = checkout.keys().get(1).get(0);
        int[] hoursOld = {1, 3, 2, 4, 6, 5};                        // slot 5 is the oldest
        for (int slot = 1; slot <= 6; slot++) {
            writeKey(slot, key + " other" + slot, made, Duration.ofHours(hoursOld[slot - 1]));
        }

        Run r = run(Map.of());
        assertThat(r.code()).as(r.describe()).isZero();
        var keys = checkout.keys();
        assertThat(keys).hasSize(6);
        assertThat(keys.get(5).get(0)).isEqualTo(key);
        for (int slot : new int[] {1, 2, 3, 4, 6}) {
            assertThat(keys.get(slot).get(0)).endsWith(" other" + slot);
        }
        assertThat(checkout.caches()).hasSizeLessThanOrEqualTo(6);
    }

    /**
     * A daemon command line has the daemon's own cache made (as root: its start and stop run in a private network
     * namespace), keyed apart from the short commands'; every class a cache holds is loaded at start, so VRRP's
     * engine and the status endpoint come from it in the daemon and never in {@code -t}.
     */
    @Test
    void aDaemonCommandLineHasItsOwnCacheTrainedOnTheDaemonsStart() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "the daemon's training runs in a network namespace of its own: root only (elsewhere it is trained on -t)");
        String[] daemon = {"-n", "-l", "-f", checkout.root().resolve("no-such.conf").toString()};
        Run first = checkout.launch(Map.of(), daemon);
        assertThat(first.stdout() + first.stderr()).as(first.describe()).contains("cannot be read");
        var keys = checkout.keys();
        assertThat(keys).hasSize(2);
        assertThat(keys.get(1).get(0)).endsWith(" kind=short");
        assertThat(keys.get(2).get(0)).endsWith(" kind=daemon");

        Map<String, String> loads = Map.of("JAVALIVED_JAVA_OPTS", "-Xlog:class+load=info:stdout");
        Run d = checkout.launch(loads, daemon);
        assertThat(d.stdout()).as(d.describe())
                .contains("io.javalived.vrrp.runtime.VrrpEngine source: shared objects file")
                .contains("io.javalived.daemon.status.StatusHttpServer source: shared objects file");
        Run t = run(loads);
        assertThat(t.code()).as(t.describe()).isZero();
        assertThat(t.stdout()).as(t.describe()).doesNotContain("io.javalived.vrrp.runtime.VrrpEngine")
                .contains("io.javalived.parser.");
        assertThat(checkout.keys()).as("both mapped again, none made again").hasSize(2);
    }

    private static Run run(Map<String, String> env) throws Exception {
        return checkout.launch(env, "-t", "-f", checkout.smallConfig().toString());
    }

    /** Lines the JVM's unified logging wrote ("[0.004s][info][cds] ..."), on either stream. */
    static List<String> jvmLogLines(Run r) {
        return Stream.concat(r.stdout().lines(), r.stderr().lines()).filter(l -> l.matches("\\[[0-9.]+s\\]\\[.*")).toList();
    }

    private static void writeKey(int slot, String key, String file, Duration age) throws IOException {
        Path k = checkout.aotDir().resolve(slot + ".key");
        Files.writeString(k, key + "\n" + file + "\n");
        Files.setLastModifiedTime(k, FileTime.from(Instant.now().minus(age)));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }
}
