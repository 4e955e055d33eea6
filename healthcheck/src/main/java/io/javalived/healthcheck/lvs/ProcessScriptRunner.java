package io.javalived.healthcheck.lvs;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts each script as a process (argv, no shell) on a virtual thread and logs how it ended. */
public final class ProcessScriptRunner implements ScriptRunner {

    private static final Logger log = LoggerFactory.getLogger(ProcessScriptRunner.class);
    private final Executor executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("notify-", 0).factory());

    @Override
    public void run(String why, List<String> argv) {
        executor.execute(() -> {
            try {
                Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                int code = p.waitFor();
                if (code != 0) {
                    log.warn("{} script {} exited with {}", why, argv, code);
                }
            } catch (IOException e) {
                log.error("cannot run {} script {}: {}", why, argv, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
