package io.javalived.lab;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The qemu VM with a real IPVS kernel (Debian's), driven through {@code lab/bin/vm-run} (bundled in this jar).
 * The guest sees the host's root read-only at the same paths, so the host's java, ipvsadm, keepalived and
 * build output run there unchanged; /tmp, /run, /var/tmp and /var/log are fresh tmpfs in the guest.
 *
 * <pre>{@code
 * var a = Vm.availability();
 * Assumptions.assumeTrue(a.available(), a.reason());
 * VmResult r = Vm.run(List.of("ipvsadm", "-Ln"), Duration.ofMinutes(2));
 * JUnitSummary s = Vm.runJUnit(System.getProperty("java.class.path"), "io.javalived.ipvs.NetlinkIpvsDriverVmTest");
 * assertThat(s.allPassed()).as(s.report()).isTrue();
 * }</pre>
 */
public final class Vm {
    private static final Logger log = LoggerFactory.getLogger(Vm.class);
    private static final Pattern READY = Pattern.compile("vm-run: boot-to-ready ([0-9.]+) s");
    /** The JUnit Platform version used when the caller's classpath does not tell. */
    static final String DEFAULT_PLATFORM_VERSION = "1.11.4";

    /**
     * JVM flags that make a guest JVM start and run tests about 4x faster under emulation (C1 only, serial GC:
     * C2's compile threads are what TCG makes slow). {@link #runJUnit(String, String...)} uses them; pass your
     * own list to the long form for benchmarks that need C2.
     */
    public static final List<String> FAST_JVM_ARGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static volatile Availability availability;
    private static volatile Path script;

    private Vm() {
    }

    /**
     * Options for one run. {@code cpu} is qemu's CPU model, or null for vm-run's default ({@code max}: every
     * feature TCG emulates); e.g. {@code qemu64}, an x86-64 without SSE4/AVX, to run code made on this machine
     * on a CPU with fewer features.
     */
    public record Options(Duration timeout, Map<String, String> env, List<Path> writable, Path cwd,
                          List<String> extraModules, boolean echo, String cpu) {
        public Options {
            env = Map.copyOf(env);
            writable = List.copyOf(writable);
            extraModules = List.copyOf(extraModules);
        }

        public static Options timeout(Duration timeout) {
            return new Options(timeout, Map.of(), List.of(), Path.of("").toAbsolutePath(), List.of(), false, null);
        }

        /** Also set these variables in the guest (JAVA_HOME, PATH, HOME, JAVALIVED_* pass by themselves). */
        public Options withEnv(Map<String, String> more) {
            var m = new java.util.HashMap<>(env);
            m.putAll(more);
            return new Options(timeout, m, writable, cwd, extraModules, echo, cpu);
        }

        /** Share this existing host folder read-write at the same path (not under /tmp or /run). */
        public Options withWritable(Path dir) {
            var w = new ArrayList<>(writable);
            w.add(dir.toAbsolutePath());
            return new Options(timeout, env, w, cwd, extraModules, echo, cpu);
        }

        /** Working directory inside the guest (default: this JVM's). */
        public Options withCwd(Path dir) {
            return new Options(timeout, env, writable, dir.toAbsolutePath(), extraModules, echo, cpu);
        }

        /** Load these kernel modules too (ip_vs, its schedulers, bridge and veth always are). */
        public Options withModules(String... modules) {
            var m = new ArrayList<>(extraModules);
            m.addAll(Arrays.asList(modules));
            return new Options(timeout, env, writable, cwd, m, echo, cpu);
        }

        /** Also copy the guest command's output to this JVM's stdout/stderr while it runs (e.g. a drill). */
        public Options withEcho() {
            return new Options(timeout, env, writable, cwd, extraModules, true, cpu);
        }

        /** Emulate this qemu CPU model (vm-run --cpu), e.g. {@code qemu64}. */
        public Options withCpu(String model) {
            return new Options(timeout, env, writable, cwd, extraModules, echo, model);
        }
    }

    /** Whether the VM can run here (root, qemu, static busybox, kmod, cpio, a kernel package or cache); why not. */
    public static Availability availability() {
        Availability a = availability;
        if (a == null) {
            if (!Commands.isRoot()) {
                a = Availability.no("the VM needs root");
            } else {
                var r = Commands.run(List.of("bash", script().toString(), "--check"), Duration.ofSeconds(60));
                a = r.ok() ? Availability.YES
                        : Availability.no((r.stderr() + r.stdout()).strip().lines().reduce((x, y) -> y).orElse("vm-run --check failed"));
            }
            availability = a;
        }
        return a;
    }

    public static boolean isAvailable() {
        return availability().available();
    }

    /**
     * True inside the lab VM (its kernel command line carries javalived.run=). Test classes meant to run only
     * in the guest (through {@link #runJUnit}) start with
     * {@code assumeTrue(Vm.inGuest(), "runs inside the lab VM, started by XyzVmTest")}, so that surefire on the
     * host reports them skipped instead of failing on a kernel without IPVS.
     */
    public static boolean inGuest() {
        try {
            return Files.readString(Path.of("/proc/cmdline")).contains("javalived.run=");
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command in a fresh VM. The first run on a machine also downloads and prepares the kernel. */
    public static VmResult run(List<String> command, Duration timeout) {
        return run(command, Options.timeout(timeout));
    }

    public static VmResult run(List<String> command, Options options) {
        List<String> cmd = new ArrayList<>(List.of("bash", script().toString(), "--timing", "--quiet",
                "--timeout", Long.toString(Math.max(1, options.timeout().toSeconds())),
                "--cwd", options.cwd().toString()));
        options.env().forEach((k, v) -> cmd.addAll(List.of("--env", k + "=" + v)));
        options.writable().forEach(w -> cmd.addAll(List.of("--writable", w.toString())));
        if (!options.extraModules().isEmpty()) {
            cmd.addAll(List.of("--modules", String.join(" ", options.extraModules())));
        }
        if (options.cpu() != null) {
            cmd.addAll(List.of("--cpu", options.cpu()));
        }
        cmd.add("--");
        cmd.addAll(command);
        long t0 = System.nanoTime();
        // the script kills qemu at the time limit; the extra margin covers preparing the cache on first use
        ExecResult r = Commands.run(cmd, options.timeout().plusMinutes(5), null, Map.of(), options.echo(), true);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        Optional<Duration> ready = Optional.empty();
        Matcher m = READY.matcher(r.stderr());
        if (m.find()) {
            ready = Optional.of(Duration.ofNanos((long) (Double.parseDouble(m.group(1)) * 1e9)));
        }
        int code = r.timedOut() ? 124 : r.exitCode();
        var result = new VmResult(command, code, r.stdout(), r.stderr(), elapsed, ready);
        log.debug("VM run of {} exited {} after {} ms", command, code, elapsed.toMillis());
        return result;
    }

    /**
     * Runs JUnit test classes inside the VM with the JUnit Platform console launcher, on the given classpath
     * (typically the host test's own {@code java.class.path}: the same paths work in the guest), with this
     * JVM's java. Returns the launcher's summary; tag-filtered tests are not excluded, so the classes run
     * whatever their tags.
     */
    public static JUnitSummary runJUnit(String classpath, String... testClasses) {
        return runJUnit(classpath, List.of(testClasses), FAST_JVM_ARGS, Options.timeout(Duration.ofMinutes(10)));
    }

    /**
     * As {@link #runJUnit(String, String...)}, with the guest JVM's arguments (used as given: add
     * {@link #FAST_JVM_ARGS} unless you need C2; --enable-native-access=ALL-UNNAMED and -Djavalived.repo are
     * always given) and run options (time limit, environment, writable folders).
     */
    public static JUnitSummary runJUnit(String classpath, List<String> testClasses, List<String> jvmArgs,
                                        Options options) {
        if (testClasses.isEmpty()) {
            throw new IllegalArgumentException("name at least one test class to run in the VM");
        }
        Path console = consoleLauncher(classpath);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        String repo = System.getProperty("javalived.repo");
        if (repo != null) {
            cmd.add("-Djavalived.repo=" + repo);
        }
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", console.toString(), "execute", "--disable-banner", "--disable-ansi-colors",
                "--details=tree", "--fail-if-no-tests", "--class-path", withoutConsole(classpath),
                // the host's files are read-only in the guest: jqwik keeps its database in the guest's /tmp
                "--config=jqwik.database=/tmp/.jqwik-database",
                // the standalone jar brings these engines; nobody here writes JUnit 4 tests or suites
                "--exclude-engine=junit-vintage", "--exclude-engine=junit-platform-suite"));
        for (String c : testClasses) {
            cmd.addAll(List.of("--select-class", c));
        }
        return JUnitSummary.parse(run(cmd, options));
    }

    /**
     * Finds junit-platform-console-standalone: the system property javalived.junit.console, the classpath,
     * or the local Maven repository (the version of junit-platform on the classpath, else 1.11.4). The lab
     * module's build fetches it into the local repository, so it is there after any build of the lab module.
     */
    static Path consoleLauncher(String classpath) {
        String explicit = System.getProperty("javalived.junit.console");
        if (explicit != null && Files.isRegularFile(Path.of(explicit))) {
            return Path.of(explicit);
        }
        String version = DEFAULT_PLATFORM_VERSION;
        for (String entry : classpath.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName() == null ? "" : Path.of(entry).getFileName().toString();
            if (name.startsWith("junit-platform-console-standalone-") && name.endsWith(".jar")) {
                return Path.of(entry);
            }
            Matcher m = Pattern.compile("junit-platform-(?:engine|commons)-(\\d[^/]*)\\.jar").matcher(name);
            if (m.matches()) {
                version = m.group(1);
            }
        }
        String local = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        Path jar = Path.of(local, "org", "junit", "platform", "junit-platform-console-standalone", version,
                "junit-platform-console-standalone-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new LabException("junit-platform-console-standalone " + version + " is not at " + jar
                    + "; build the lab module once (./mvnw -pl lab verify) or set -Djavalived.junit.console=JAR");
        }
        return jar;
    }

    private static String withoutConsole(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(e -> !e.contains("junit-platform-console-standalone"))
                .reduce((a, b) -> a + File.pathSeparator + b).orElse("");
    }

    /** The bundled vm-run script, written to a private file once per JVM. */
    static Path script() {
        Path s = script;
        if (s == null) {
            synchronized (Vm.class) {
                s = script;
                if (s == null) {
                    try (InputStream in = Vm.class.getResourceAsStream("vm-run")) {
                        if (in == null) {
                            throw new LabException("vm-run is missing from the lab jar (io/javalived/lab/vm-run)");
                        }
                        s = Files.createTempFile("javalived-vm-run-", ".sh",
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                        Files.write(s, in.readAllBytes());
                        s.toFile().deleteOnExit();
                        script = s;
                    } catch (IOException e) {
                        throw new LabException("cannot unpack vm-run: " + e.getMessage(), e);
                    }
                }
            }
        }
        return s;
    }
}
