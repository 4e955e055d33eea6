package io.javalived.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.javalived.net.ffm.Libc;
import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.ParseOptions;
import io.javalived.vrrp.packet.IpFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mapper applies keepalived's script security to real files: a vrrp_script that a non-root user can rewrite is
 * removed from the instance (it runs as if it did not track it) and an unsafe notify script is dropped, each with
 * keepalived's message at its place in the file; a safe script runs as its user.
 */
class ScriptSecurityMappingTest {

    @TempDir
    Path dir;

    @Test
    void unsafeScriptsAreDisabledAndSafeOnesRunAsTheirUser() throws Exception {
        assumeTrue(Libc.getuid() == 0, "needs root: the scripts must be root's files (runs in CI as root)");
        var nobody = Libc.getpwnam("nobody");
        assumeTrue(nobody.isPresent(), "no user nobody on this host");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path w = Files.createDirectory(dir.resolve("w"));
        Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path unsafe = Files.writeString(w.resolve("chk.sh"), "#!/bin/sh\nexit 0\n");
        Path safe = Files.writeString(dir.resolve("ok.sh"), "#!/bin/sh\nexit 0\n");
        for (Path p : new Path[] {unsafe, safe}) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), """
                global_defs {
                    enable_script_security
                    script_user root
                }
                vrrp_script chk {
                    script "%1$s"
                }
                vrrp_script ok {
                    script "%2$s"
                    user nobody
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    notify_master "%1$s"
                    notify_backup "%2$s"
                    virtual_ipaddress {
                        10.0.0.3
                    }
                    track_script {
                        chk
                        ok
                    }
                }
                """.formatted(unsafe, safe));
        var parsed = KeepalivedParser.parse(conf, new ParseOptions("lb01", "lb01"));
        VrrpPlan plan = VrrpConfigMapper.map(parsed.config(), (ifname, fam) ->
                fam == IpFamily.IPV4 ? Optional.of(MapperFixture.ip("10.0.0.5")) : Optional.empty());
        var i = plan.instances().getFirst();
        assertThat(i.trackScripts()).extracting(t -> t.name()).containsExactly("ok");
        assertThat(i.trackScripts().getFirst().script().user().uid()).isEqualTo(nobody.get().uid());
        assertThat(i.notifies().master()).isEmpty();
        assertThat(i.notifies().backup()).map(s -> s.user().uid()).contains(0);
        assertThat(plan.problems()).containsExactly(
                conf + ":5: Unsafe permissions found for script '" + unsafe + "' - disabling.",
                conf + ":5: Disabling track script chk due to insecure",
                conf + ":12: Unsafe permissions found for script '" + unsafe + "' - disabling.");
    }
}
