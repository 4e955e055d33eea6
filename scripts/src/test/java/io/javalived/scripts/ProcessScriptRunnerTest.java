package io.javalived.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.javalived.net.ffm.Libc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only real processes show: process groups, grandchildren, stdin, output bounds, the script's user. */
class ProcessScriptRunnerTest {

    private final ProcessScriptRunner runner = new ProcessScriptRunner();
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        runner.close();
    }

    private static Script sh(String code) {
        return Script.asDaemon(List.of("/bin/sh", "-c", code));
    }

    private static ScriptOutcome await(java.util.concurrent.CompletableFuture<ScriptOutcome> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    private static long readPid(Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                String s = Files.readString(file).strip();
                if (!s.isEmpty()) return Long.parseLong(s);
            }
            Thread.sleep(10);
        }
        throw new AssertionError(file + " was never written");
    }

    private static void assertGone(long pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true) || isZombie(pid)) return;
            Thread.sleep(20);
        }
        throw new AssertionError("process " + pid + " is still alive");
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (Exception e) {
            return true;
        }
    }

    @Test
    void stdinIsDevNull() throws Exception {
        ScriptOutcome o = await(runner.run(sh("readlink /proc/self/fd/0"), Duration.ofSeconds(10)));
        assertThat(o.output().strip()).isEqualTo("/dev/null");
    }

    @Test
    void theScriptLeadsAProcessGroupOfItsOwn() throws Exception {
        // /proc/PID/stat: pid (comm) state ppid pgrp session
        ScriptOutcome o = await(runner.run(sh("read pid comm state ppid pgrp sid rest < /proc/$$/stat; echo $$ $pgrp $sid"),
                Duration.ofSeconds(10)));
        String[] f = o.output().strip().split(" ");
        assertThat(f[1]).as("pgid").isEqualTo(f[0]);
        assertThat(f[2]).as("session").isEqualTo(f[0]);
        assertThat(Long.parseLong(f[1])).isNotEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void outputIsBoundedAndAChattyScriptIsNotBlocked() throws Exception {
        ScriptOutcome o = await(runner.run(sh("head -c 1000000 /dev/zero | tr '\\0' a; echo done >&2; exit 4"),
                Duration.ofSeconds(10)));
        assertThat(o).isInstanceOf(ScriptOutcome.Exited.class);
        assertThat(((ScriptOutcome.Exited) o).status()).isEqualTo(4);
        assertThat(o.output()).startsWith("aaaa").contains("more bytes dropped").contains("done");
        assertThat(o.output().length()).isLessThan(2 * ProcessScriptRunner.OUTPUT_LIMIT + 100);
    }

    @Test
    void aTimeoutKillsTheWholeProcessGroup() throws Exception {
        Path pidFile = dir.resolve("grandchild");
        var f = runner.run(sh("sleep 300 & echo $! > " + pidFile + "; wait"), Duration.ofMillis(500));
        long grandchild = readPid(pidFile);
        assertThat(await(f)).isInstanceOf(ScriptOutcome.TimedOut.class);
        assertGone(grandchild);
    }

    @Test
    void aScriptThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
        var f = runner.run(sh("trap '' TERM; while :; do sleep 0.1; done"), Duration.ofMillis(300));
        long t0 = System.nanoTime();
        assertThat(await(f)).isInstanceOf(ScriptOutcome.TimedOut.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(ProcessScriptRunner.KILL_GRACE);
    }

    @Test
    void stopKillsRunningScriptsAndTheirGrandchildren() throws Exception {
        Path pidFile = dir.resolve("grandchild");
        Path scriptFile = dir.resolve("script");
        var f = runner.run(sh("echo $$ > " + scriptFile + "; sleep 300 & echo $! > " + pidFile + "; wait"), Optional.empty());
        long grandchild = readPid(pidFile);
        long script = readPid(scriptFile);
        runner.close();
        assertThat(await(f)).isInstanceOf(ScriptOutcome.Stopped.class);
        assertGone(script);
        assertGone(grandchild);
    }

    @Test
    void stopKillsChildrenThatOutlivedTheirScript() throws Exception {
        Path pidFile = dir.resolve("orphan");
        // the script leaves a background child behind and exits 0 at once
        ScriptOutcome o = await(runner.run(sh("sleep 300 >/dev/null 2>&1 & echo $! > " + pidFile), Duration.ofSeconds(10)));
        assertThat(o.succeeded()).isTrue();
        long orphan = readPid(pidFile);
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);
        runner.close();
        assertGone(orphan);
    }

    @Test
    void aMissingProgramIsNotStartedWithTheReason() throws Exception {
        String missing = dir.resolve("missing").toString();
        ScriptOutcome o = await(runner.run(Script.asDaemon(List.of(missing)), Duration.ofSeconds(10)));
        assertThat(o).isEqualTo(new ScriptOutcome.NotStarted("cannot run " + missing + ": No such file or directory"));
        // a script's own exit 127 stays an exit status
        assertThat(await(runner.run(sh("exit 127"), Duration.ofSeconds(10)))).isEqualTo(new ScriptOutcome.Exited(127, ""));
    }

    @Test
    void theScriptRunsAsItsUserWithoutSupplementaryGroups() throws Exception {
        assumeTrue(Libc.getuid() == 0, "needs root to change user (runs in CI as root)");
        var nobody = Libc.getpwnam("nobody");
        assumeTrue(nobody.isPresent(), "no user nobody on this machine");
        RunAs as = new RunAs("nobody", nobody.get().uid(), nobody.get().gid());
        ScriptOutcome o = await(runner.run(new Script(List.of("/bin/sh", "-c", "id -u; id -g; id -G"), as), Duration.ofSeconds(10)));
        assertThat(o.output().strip().split("\n")).containsExactly(Integer.toString(as.uid()), Integer.toString(as.gid()),
                Integer.toString(as.gid()));
    }

    @Test
    void aRootScriptLosesRootsSupplementaryGroups() throws Exception {
        assumeTrue(Libc.getuid() == 0, "needs root (runs in CI as root)");
        ScriptOutcome o = await(runner.run(sh("id -u; id -G"), Duration.ofSeconds(10)));
        assertThat(o.output().strip().split("\n")).containsExactly("0", Integer.toString(Libc.getgid()));
    }
}
