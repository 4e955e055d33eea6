package io.javalived.healthcheck.probe;

import io.netty.channel.EventLoopGroup;
import java.io.File;
import java.io.IOException;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * MISC_CHECK: starts the program on a virtual thread (fork/exec never stalls the event loop), waits for
 * its exit without a thread, and kills it (SIGTERM, then SIGKILL a second later, descendants too) when
 * misc_timeout runs out. Exit 0 up; 1 down; 2..255 up, with misc_dynamic carrying weight exit - 2.
 * A process killed by a signal shows as 128 + signal (Java cannot tell it from such an exit code).
 */
final class MiscProber {

    private static final File DEV_NULL = new File("/dev/null");

    private final EventLoopGroup group;
    private final Executor starter;

    MiscProber(EventLoopGroup group, Executor starter) {
        this.group = group;
        this.starter = starter;
    }

    CompletableFuture<CheckResult> probe(MiscProbe probe) {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        Stopwatch watch = Stopwatch.start();
        starter.execute(() -> run(probe, watch, result));
        return result;
    }

    private void run(MiscProbe probe, Stopwatch watch, CompletableFuture<CheckResult> result) {
        Process process;
        try {
            process = new ProcessBuilder(probe.command())
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            result.complete(new CheckResult.Down(watch.elapsed(), new Failure.IoError("cannot run " + probe.command().getFirst()
                    + ": " + e.getMessage())));
            return;
        }
        long remaining = probe.timeout().toNanos() - watch.elapsed().toNanos();
        var deadline = group.next().schedule(() -> {
            if (result.complete(new CheckResult.Down(watch.elapsed(), new Failure.Timeout(Failure.Phase.SCRIPT)))) {
                kill(process);
            }
        }, Math.max(0, remaining), TimeUnit.NANOSECONDS);
        process.onExit().thenAccept(exited -> {
            deadline.cancel(false);
            result.complete(classify(exited.exitValue(), probe.dynamic(), watch));
        });
    }

    static CheckResult classify(int exitCode, boolean dynamic, Stopwatch watch) {
        return switch (exitCode) {
            case 0 -> CheckResult.Up.after(watch.elapsed());
            case 1 -> new CheckResult.Down(watch.elapsed(), new Failure.ExitCode(1));
            default -> new CheckResult.Up(watch.elapsed(), dynamic ? OptionalInt.of(exitCode - 2) : OptionalInt.empty());
        };
    }

    private void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        group.next().schedule(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }, 1, TimeUnit.SECONDS);
    }
}
