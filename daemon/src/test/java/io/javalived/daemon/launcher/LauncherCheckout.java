package io.javalived.daemon.launcher;

import io.javalived.daemon.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A checkout as the {@code ./javalived} launcher sees it, made from this build: the real launcher script (and the
 * scripts it runs) in a folder of its own, with {@code daemon/target/daemon-0.1.0-SNAPSHOT.jar} and
 * {@code daemon/target/lib/} from this test's classpath (class folders packed into jars: an AOT cache takes classes
 * from jars only). It lives under the daemon module's {@code target/}, so the lab VM sees it at the same path
 * (the guest replaces /tmp). The launcher runs with {@code JAVALIVED_NO_BUILD=1}: no Maven inside a test.
 */
final class LauncherCheckout implements AutoCloseable {

    static final Path REPO = Path.of(System.getProperty("javalived.repo", "..")).toAbsolutePath().normalize();

    private final Path root;

    private LauncherCheckout(Path root) {
        this.root = root;
    }

    /** A fresh checkout named after this JVM and the given tag, replacing one a killed run left behind. */
    static LauncherCheckout create(String tag) throws IOException {
        Path root = REPO.resolve("daemon/target/launcher-" + tag + "-" + ProcessHandle.current().pid());
        delete(root);
        for (String script : scripts()) {
            Path to = root.resolve(script);
            Files.createDirectories(to.getParent());
            Files.copy(REPO.resolve(script), to, StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path target = root.resolve("daemon/target");
        Path lib = Files.createDirectories(target.resolve("lib"));
        Path daemonClasses = location(Main.class);
        for (String entry : classpath()) {
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (p.equals(daemonClasses)) {
                packed(p, target.resolve("daemon-0.1.0-SNAPSHOT.jar"));
            } else if (Files.isDirectory(p) && !p.endsWith("test-classes")) {
                packed(p, lib.resolve(p.getParent().getParent().getFileName() + "-classes.jar"));
            } else if (Files.isRegularFile(p) && p.toString().endsWith(".jar")
                    && !Files.exists(lib.resolve(p.getFileName()), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(lib.resolve(p.getFileName()), p);
            }
        }
        if (!Files.isRegularFile(target.resolve("daemon-0.1.0-SNAPSHOT.jar"))) {
            throw new IllegalStateException("the daemon's classes (" + daemonClasses + ") are not on the test classpath");
        }
        return new LauncherCheckout(root);
    }

    /** The launcher and the scripts it runs from the checkout ("$root/....sh": find-jdk25.sh, gen-config.sh). */
    private static List<String> scripts() throws IOException {
        List<String> scripts = new ArrayList<>(List.of("javalived"));
        Matcher m = Pattern.compile("\\$root/([A-Za-z0-9_./-]+\\.sh)").matcher(Files.readString(REPO.resolve("javalived")));
        while (m.find()) {
            if (!scripts.contains(m.group(1)) && Files.isRegularFile(REPO.resolve(m.group(1)))) {
                scripts.add(m.group(1));
            }
        }
        return scripts;
    }

    Path root() {
        return root;
    }

    Path jar() {
        return root.resolve("daemon/target/daemon-0.1.0-SNAPSHOT.jar");
    }

    /** Where the launcher keeps its caches and their keys (N.key: the key line, then the cache file's name). */
    Path aotDir() {
        return root.resolve("daemon/target/aot");
    }

    /** A small valid configuration (javalived -t answers 0) inside the checkout, so the VM sees it too. */
    Path smallConfig() throws IOException {
        Path conf = root.resolve("small.conf");
        if (!Files.exists(conf)) {
            Files.writeString(conf, """
                    global_defs {
                        router_id aot_test
                    }
                    virtual_server 127.0.0.1 18999 {
                        delay_loop 6
                        lvs_sched rr
                        lvs_method NAT
                        protocol TCP
                        real_server 127.0.0.1 18998 {
                            TCP_CHECK {
                                connect_timeout 1
                            }
                        }
                    }
                    """);
        }
        return conf;
    }

    /** The key files, slot number to {key line, cache file name}. */
    Map<Integer, List<String>> keys() throws IOException {
        Map<Integer, List<String>> keys = new LinkedHashMap<>();
        for (int n = 1; n <= 9; n++) {
            Path k = aotDir().resolve(n + ".key");
            if (Files.exists(k)) {
                keys.put(n, Files.readAllLines(k));
            }
        }
        return keys;
    }

    /** The cache files present. */
    List<Path> caches() throws IOException {
        if (!Files.isDirectory(aotDir())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(aotDir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".aot")).sorted().toList();
        }
    }

    record Run(int code, String stdout, String stderr) {
        String describe() {
            return "exit " + code + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** {@code ./javalived ARGS} in this checkout; {@code env} adds variables (JAVALIVED_JAVA_OPTS...). */
    Run launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("javalived").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("JAVALIVED_"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("JAVALIVED_NO_BUILD", "1");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("launch", ".out");
        Path err = Files.createTempFile("launch", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("./javalived " + String.join(" ", args) + " ran over 5 minutes");
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** This machine's CPU feature flags as the launcher reads them (the first CPU's flags line), or null. */
    static String cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags") || line.startsWith("Features")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        delete(root);
    }

    static List<String> classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return List.of(cp.split(java.io.File.pathSeparator));
    }

    private static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void packed(Path classes, Path jar) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
