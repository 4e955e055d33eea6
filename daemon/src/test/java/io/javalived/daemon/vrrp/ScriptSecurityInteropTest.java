package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.javalived.lab.LabProcess;
import io.javalived.net.ffm.Libc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VRRP side of keepalived's script security, javalived beside keepalived 2.2.7 on the same config in a
 * namespace: enable_script_security with script_user root, a vrrp_script in a world-writable directory (refused by
 * both, with the same two lines, never run) and a safe one with {@code user nobody} (run by both as nobody, with
 * nobody's group only).
 */
@Tag("netns")
@Tag("keepalived")
class ScriptSecurityInteropTest {
    VrrpLab lab;
    @TempDir
    Path dir;
    Path writable;
    Path unsafe;
    Path safe;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Libc.getuid() == 0, "needs root (runs in CI as root)");
        assumeTrue(Libc.getpwnam("nobody").isPresent(), "no user nobody on this host");
        lab = VrrpLab.withKeepalived();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        writable = Files.createDirectory(dir.resolve("w"));
        Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("rwxrwxrwx"));
        unsafe = Files.writeString(writable.resolve("chk.sh"), "#!/bin/sh\nid -u > \"$1\"\nexit 0\n");
        safe = Files.writeString(dir.resolve("ok.sh"), "#!/bin/sh\n{ id -u; id -G; } > \"$1\"\nexit 0\n");
        for (Path p : List.of(unsafe, safe)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void tearDown() {
        if (lab != null) lab.close();
    }

    private String config(String who) {
        String conf = VrrpLab.conf("lb01", 2, "BACKUP", 100, "1", null, List.of(), null, """
                  track_script {
                    chk
                    ok
                  }
                """);
        String scripts = """
                vrrp_script chk {
                  script "%s %s"
                  interval 1
                }
                vrrp_script ok {
                  script "%s %s"
                  interval 1
                  user nobody
                }
                """.formatted(unsafe, writable.resolve(who + "-chk"), safe, writable.resolve(who + "-ok"));
        // keepalived only finds vrrp_scripts defined before the instance that tracks them
        int instance = conf.indexOf("vrrp_instance");
        return conf.substring(0, instance).replace("global_defs {\n", "global_defs {\n  enable_script_security\n  script_user root\n")
                + scripts + conf.substring(instance);
    }

    /** Runs one router until the safe script has reported, then stops it; returns its log. */
    private String run(boolean keepalived) throws Exception {
        String who = keepalived ? "ka" : "jl";
        Path conf = lab.write(who + "-scripts.conf", config(who));
        LabProcess router = keepalived ? lab.keepalived("lb01", conf) : lab.javalived("lb01", conf);
        Path ok = writable.resolve(who + "-ok");
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(Files.exists(ok) && Files.readString(ok).lines().count() == 2) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        Thread.sleep(2500);   // two more intervals: the unsafe one would have run by now
        router.signal("TERM");
        assertThat(router.waitFor(Duration.ofSeconds(15))).isPresent();
        String log = router.output();
        var nobody = Libc.getpwnam("nobody").orElseThrow();
        assertThat(Files.readString(ok).lines().toList()).as(who + ": uid then groups; " + log)
                .containsExactly(Integer.toString(nobody.uid()), Integer.toString(nobody.gid()));
        assertThat(writable.resolve(who + "-chk")).as(who + ": the unsafe script never ran").doesNotExist();
        assertThat(log).as(who).contains("Unsafe permissions found for script '" + unsafe + "' - disabling.")
                .contains("Disabling track script chk due to insecure");
        return log;
    }

    @Test
    void bothRefuseTheUnsafeScriptAndRunTheSafeOneAsItsUser() throws Exception {
        run(true);
        run(false);
    }
}
