package io.javalived.vrrp.runtime;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands as child processes, without a shell (argv as configured; a shell only when the config names one),
 * each watched by a virtual thread so nobody waits for it. A command that outlives its timeout is killed and
 * reported as -1; one that cannot start is reported as 127, with the reason logged.
 */
public final class ProcessScriptRunner implements ScriptRunner {
    private static final Logger log = LoggerFactory.getLogger(ProcessScriptRunner.class);

    @Override
    public CompletableFuture<Integer> run(List<String> argv, Duration timeout) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread.ofVirtual().name("script-" + (argv.isEmpty() ? "?" : argv.getFirst())).start(() -> {
            Process p;
            try {
                p = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
            } catch (IOException | RuntimeException e) {
                log.error("cannot run '{}': {}", String.join(" ", argv), e.getMessage());
                result.complete(127);
                return;
            }
            try {
                if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    result.complete(p.exitValue());
                } else {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    log.warn("'{}' did not finish within {} ms; killed", String.join(" ", argv), timeout.toMillis());
                    result.complete(-1);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                result.complete(-1);
                Thread.currentThread().interrupt();
            }
        });
        return result;
    }
}
