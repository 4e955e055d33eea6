package io.javalived.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.javalived.net.ffm.Libc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keepalived 2.2.7's script security on real files, real users and real processes. keepalived 2.2.7's own answers
 * to the same cases (keepalived -t and a run in a namespace) are in this module's README; the messages asserted
 * here are its messages.
 */
class ScriptSecurityTest {

    @TempDir
    Path dir;   // under /tmp (root, sticky): a safe place for root's scripts
    Path unsafeDir;
    Path safeScript;
    Path unsafeScript;
    RunAs nobody;

    @BeforeEach
    void files() throws Exception {
        assumeTrue(Libc.getuid() == 0, "needs root: script ownership and the user switch (runs in CI as root)");
        Optional<RunAs> n = ScriptUsers.NameService.SYSTEM.user("nobody");
        assumeTrue(n.isPresent(), "no user nobody on this host");
        nobody = n.get();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        unsafeDir = Files.createDirectory(dir.resolve("w"));
        Files.setPosixFilePermissions(unsafeDir, PosixFilePermissions.fromString("rwxrwxrwx"));   // any user may replace files here
        safeScript = script(dir.resolve("safe.sh"));
        unsafeScript = script(unsafeDir.resolve("chk.sh"));
    }

    private static Path script(Path p) throws Exception {
        Files.writeString(p, "#!/bin/sh\nid -u\nid -g\nid -G\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static ScriptPolicy policy(boolean security, String scriptUser) {
        return ScriptPolicy.of(security, Optional.ofNullable(scriptUser), Optional.empty());
    }

    private static ScriptPolicy.Prepared track(ScriptPolicy p, Path script) {
        return p.prepare(ScriptPolicy.Kind.TRACK_SCRIPT, "chk", List.of(script.toString()), Optional.empty(), Optional.empty());
    }

    @Test
    void aUserWritableScriptRunAsRootIsRefusedWithScriptSecurity() {
        ScriptPolicy p = policy(true, "root");
        ScriptPolicy.Prepared track = track(p, unsafeScript);
        assertThat(track.script()).isEmpty();
        assertThat(track.messages()).containsExactly(
                "Unsafe permissions found for script '" + unsafeScript + "' - disabling.",
                "Disabling track script chk due to insecure");
        ScriptPolicy.Prepared misc = p.prepare(ScriptPolicy.Kind.MISC_CHECK, "misc_path", List.of(unsafeScript.toString(), "a"),
                Optional.empty(), Optional.empty());
        assertThat(misc.script()).isEmpty();
        assertThat(misc.messages()).containsExactly(
                "Unsafe permissions found for script '" + unsafeScript + "' - disabling.",
                "Disabling misc script '" + unsafeScript + "' 'a' due to insecure");
        ScriptPolicy.Prepared notify = p.prepare(ScriptPolicy.Kind.NOTIFY, "notify_master", List.of(unsafeScript.toString()),
                Optional.empty(), Optional.empty());
        assertThat(notify.script()).isEmpty();
        assertThat(p.violation("scripts")).isEmpty();
    }

    @Test
    void withoutScriptSecurityItRunsAndIsReportedAsAViolation() {
        ScriptPolicy p = policy(false, null);
        ScriptPolicy.Prepared track = track(p, unsafeScript);
        assertThat(track.script()).isPresent();
        assertThat(track.messages()).containsExactly("Unsafe permissions found for script '" + unsafeScript + "'.");
        assertThat(p.violation("scripts")).contains(
                "SECURITY VIOLATION - scripts are being executed but script_security not enabled. There are insecure scripts.");
        ScriptPolicy safe = policy(false, null);
        assertThat(track(safe, safeScript).script()).isPresent();
        assertThat(safe.violation("check scripts")).contains(
                "SECURITY VIOLATION - check scripts are being executed but script_security not enabled.");
    }

    @Test
    void ownershipAndGroupWritesDecideAsInKeepalived() throws Exception {
        ScriptPolicy p = policy(true, "root");
        Path owned = script(dir.resolve("owned.sh"));
        Files.setAttribute(owned, "unix:uid", nobody.uid());
        assertThat(track(p, owned).script()).as("owned by another user").isEmpty();
        Path groupWritable = script(dir.resolve("group.sh"));
        Files.setAttribute(groupWritable, "unix:gid", nobody.gid());
        Files.setPosixFilePermissions(groupWritable, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertThat(track(p, groupWritable).script()).as("writable by a non-root group").isEmpty();
        Path rootGroupWritable = script(dir.resolve("rootgroup.sh"));
        Files.setAttribute(rootGroupWritable, "unix:gid", 0);
        Files.setPosixFilePermissions(rootGroupWritable, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertThat(track(p, rootGroupWritable).script()).as("writable by group root only").isPresent();
        // a directory writable by all but sticky (as /tmp) is safe; without the sticky bit it is not
        Path sticky = Files.createDirectory(dir.resolve("sticky"));
        Files.setPosixFilePermissions(sticky, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        assertThat(track(p, script(sticky.resolve("s.sh"))).script()).isPresent();
    }

    @Test
    void aSymbolicLinkIsJudgedWhereItLeads() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("chk.sh"), unsafeScript);
        ScriptPolicy.Prepared p = track(policy(true, "root"), link);
        assertThat(p.script()).isEmpty();
        assertThat(p.messages()).first().isEqualTo("Unsafe permissions found for script '" + unsafeScript + "' - disabling.");
    }

    @Test
    void aScriptRunAsAnotherUserIsNotPathChecked() {
        // keepalived checks the path only when the script would run as root (or its group as root)
        ScriptPolicy.Prepared p = track(policy(true, "nobody"), unsafeScript);
        assertThat(p.script()).map(Script::user).contains(nobody);
        assertThat(p.messages()).isEmpty();
    }

    @Test
    void aSafeScriptRunsAsTheScriptUserWithItsSupplementaryGroupsDropped() throws Exception {
        Script s = track(policy(true, "nobody"), safeScript).script().orElseThrow();
        try (ProcessScriptRunner runner = new ProcessScriptRunner()) {
            ScriptOutcome o = runner.run(s, Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);
            assertThat(o.output().strip().split("\n")).containsExactly(
                    Integer.toString(nobody.uid()), Integer.toString(nobody.gid()), Integer.toString(nobody.gid()));
        }
    }

    @Test
    void aScriptsOwnUserAndGroupWin() throws Exception {
        ScriptPolicy.Prepared p = policy(true, "root").prepare(ScriptPolicy.Kind.NOTIFY, "notify", List.of(safeScript.toString()),
                Optional.of("nobody"), Optional.of("root"));
        Script s = p.script().orElseThrow();
        assertThat(s.user().uid()).isEqualTo(nobody.uid());
        assertThat(s.user().gid()).isZero();
        ScriptPolicy.Prepared bad = policy(true, "root").prepare(ScriptPolicy.Kind.NOTIFY, "notify_master",
                List.of(safeScript.toString()), Optional.of("no-such-user-here"), Optional.empty());
        assertThat(bad.script()).isEmpty();
        assertThat(bad.messages()).containsExactly("Script user 'no-such-user-here' does not exist",
                "Invalid user/group for notify_master script " + safeScript + " - ignoring");
    }

    /** Name services with and without keepalived_script, for the default-user rules. */
    private static ScriptUsers users(boolean keepalivedScript) {
        return new ScriptUsers(new ScriptUsers.NameService() {
            public Optional<RunAs> user(String name) {
                return keepalivedScript && name.equals(ScriptUsers.DEFAULT_USER)
                        ? Optional.of(new RunAs(name, 990, 990)) : ScriptUsers.NameService.SYSTEM.user(name);
            }

            public OptionalInt group(String name) {
                return ScriptUsers.NameService.SYSTEM.group(name);
            }
        }, RunAs.daemon());
    }

    @Test
    void theDefaultUserIsKeepalivedScriptElseRootButNotRootUnderScriptSecurity() {
        ScriptPolicy withKs = ScriptPolicy.of(users(true), new ScriptSecurity(true), Optional.empty(), Optional.empty());
        assertThat(track(withKs, safeScript).script()).map(s -> s.user().uid()).contains(990);
        ScriptPolicy rootFallback = ScriptPolicy.of(users(false), new ScriptSecurity(false), Optional.empty(), Optional.empty());
        assertThat(track(rootFallback, safeScript).script()).map(s -> s.user().uid()).contains(0);
        ScriptPolicy refused = ScriptPolicy.of(users(false), new ScriptSecurity(true), Optional.empty(), Optional.empty());
        assertThat(track(refused, safeScript)).isEqualTo(new ScriptPolicy.Prepared(Optional.empty(), List.of(
                "Unable to set default user keepalived_script for script", "Unable to set default user for vrrp script chk - removing")));
        assertThat(refused.prepare(ScriptPolicy.Kind.MISC_CHECK, "misc_path", List.of(safeScript.toString()), Optional.empty(),
                Optional.empty()).messages()).containsExactly("Unable to set default user for misc script '" + safeScript + "' - removing");
    }

    @Test
    void missingNotExecutableAndBareNames() throws Exception {
        ScriptPolicy p = policy(true, "root");
        Path missing = dir.resolve("missing.sh");
        ScriptPolicy.Prepared m = track(p, missing);
        assertThat(m.script()).isEmpty();
        assertThat(m.messages()).containsExactly("Script " + missing + " cannot be accessed - No such file or directory",
                "Disabling track script chk since not found/accessible");
        Path plain = dir.resolve("plain.sh");
        Files.writeString(plain, "#!/bin/sh\n");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
        ScriptPolicy.Prepared n = policy(true, "nobody").prepare(ScriptPolicy.Kind.TRACK_SCRIPT, "chk", List.of(plain.toString()),
                Optional.empty(), Optional.empty());
        assertThat(n.script()).isEmpty();
        assertThat(n.messages()).containsExactly("WARNING - script '" + plain + "' is not executable for uid:gid "
                + nobody.uid() + ":" + nobody.gid() + " - disabling.");
        ScriptSecurity search = new ScriptSecurity(true, dir + ":/usr/bin");
        ScriptSecurity.Verdict v = search.check(new Script(List.of("safe.sh", "x"), RunAs.daemon()));
        assertThat(v.script().argv()).containsExactly(safeScript.toString(), "x");
        assertThat(v.log()).containsExactly("WARNING - script `safe.sh` resolved by path search to `" + safeScript
                + "`. Please specify full path.");
    }
}
