package io.javalived.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** vm-run's own mistakes and missing prerequisites: one line on stderr, exit 125, no VM started. */
class VmRunScriptTest {

    @BeforeAll
    static void needRoot() {
        assumeTrue(Commands.isRoot(), "vm-run checks root before anything else; these checks need root");
    }

    private static ExecResult vmRun(Map<String, String> env, String... args) {
        var cmd = new java.util.ArrayList<>(List.of("bash", Vm.script().toString()));
        cmd.addAll(List.of(args));
        return Commands.run(cmd, Duration.ofSeconds(60), null, env);
    }

    @Test
    void missingQemuIsOneClearLine() {
        var r = vmRun(Map.of("JAVALIVED_VM_QEMU", "/nonexistent/qemu"), "--", "true");
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.stderr().strip()).isEqualTo(
                "vm-run: qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)");
    }

    @Test
    void missingBusyboxIsOneClearLine() {
        var r = vmRun(Map.of("JAVALIVED_VM_BUSYBOX", ""), "--", "true");
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.stderr().strip()).isEqualTo("vm-run: busybox is not installed (apt-get install busybox-static)");
    }

    @Test
    void cacheUnderTmpIsRefused() {
        var r = vmRun(Map.of("JAVALIVED_LAB_CACHE", "/tmp/lab-cache"), "--", "true");
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.stderr().lines().toList()).singleElement().asString()
                .startsWith("vm-run: cache folder /tmp/lab-cache is under /tmp or /run");
    }

    @Test
    void unknownOptionAndBadTimeout() {
        var r = vmRun(Map.of(), "--frobnicate", "--", "true");
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.stderr().strip()).isEqualTo("vm-run: unknown option --frobnicate (see vm-run --help)");
        var t = vmRun(Map.of(), "--timeout", "soon", "--", "true");
        assertThat(t.exitCode()).isEqualTo(125);
        assertThat(t.stderr().strip()).isEqualTo("vm-run: --timeout wants whole seconds, got 'soon'");
        var w = vmRun(Map.of(), "-w", "/nonexistent/share", "--", "true");
        assertThat(w.exitCode()).isEqualTo(125);
        assertThat(w.stderr().strip()).isEqualTo("vm-run: writable folder /nonexistent/share does not exist");
        var c = vmRun(Map.of(), "--cpu", "qemu64 -snapshot", "--", "true");
        assertThat(c.exitCode()).isEqualTo(125);
        assertThat(c.stderr().strip()).isEqualTo("vm-run: --cpu wants a qemu CPU model such as qemu64 or max, got 'qemu64 -snapshot'");
        var m = vmRun(Map.of(), "--timeout");
        assertThat(m.exitCode()).isEqualTo(125);
        assertThat(m.stderr().strip()).isEqualTo("vm-run: option --timeout needs a value (see vm-run --help)");
    }
}
