package io.javalived.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Tools the namespace and VM tests need besides the lab's own: checked so a machine without them skips with the reason. */
public final class Prerequisites {
    private Prerequisites() {}

    /** Skips the calling test unless {@code busybox httpd} can run here (the web servers of the live tests). */
    public static void assumeBusyboxHttpd() {
        Optional<String> missing = busyboxHttpdMissing();
        Assumptions.assumeTrue(missing.isEmpty(), missing.orElse(""));
    }

    /** Why {@code busybox httpd} cannot run here, or empty when it can. */
    public static Optional<String> busyboxHttpdMissing() {
        return busyboxHttpdMissing(onPath("busybox"));
    }

    static Optional<String> busyboxHttpdMissing(Optional<Path> busybox) {
        if (busybox.isEmpty()) {
            return Optional.of("busybox is not installed (apt-get install busybox-static): the real servers here are busybox httpd");
        }
        try {
            Process p = new ProcessBuilder(busybox.get().toString(), "--list").redirectErrorStream(true).start();
            String applets = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.SECONDS) || applets.lines().noneMatch("httpd"::equals)) {
                return Optional.of(busybox.get() + " has no httpd applet (busybox --list); the real servers here are busybox httpd");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot run " + busybox.get() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking busybox for its applets");
        }
    }

    static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
