package io.javalived.vrrp.runtime;

import io.javalived.scripts.Script;
import io.javalived.scripts.ScriptOutcome;
import io.javalived.scripts.ScriptRunner;
import io.javalived.vrrp.state.VrrpState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches notify scripts on state changes, as keepalived does: the state's own script with only its configured
 * arguments, then the generic {@code notify} with {@code INSTANCE|GROUP name STATE priority} appended, then a line
 * {@code INSTANCE|GROUP "name" STATE priority} to each notify FIFO. Nothing waits for the scripts except shutdown,
 * which gives STOP scripts a second; FIFO writes never block. Notify scripts have no timeout (keepalived never kills
 * them): a slow one is reaped whenever it ends; at stop the runner kills the process group of any still running.
 */
public final class NotifyDispatcher {
    private static final Logger log = LoggerFactory.getLogger(NotifyDispatcher.class);
    private final ScriptRunner runner;
    private final List<CompletableFuture<ScriptOutcome>> stopScripts = new ArrayList<>();
    private final List<NotifyFifo> fifos = new java.util.concurrent.CopyOnWriteArrayList<>();

    public NotifyDispatcher(ScriptRunner runner) {
        this.runner = runner;
    }

    /** Adds a FIFO that gets a line per event from now on. */
    public void addFifo(NotifyFifo fifo) {
        fifos.add(fifo);
    }

    /** Closes the FIFOs (after the STOP lines). */
    public void closeFifos() {
        for (NotifyFifo f : fifos) f.close();
        fifos.clear();
    }

    public void instanceChanged(String instance, Notifies n, VrrpState state, int priority) {
        fire("INSTANCE", instance, n, state, priority);
    }

    public void groupChanged(String group, Notifies n, VrrpState state) {
        fire("GROUP", group, n, state, 0);
    }

    /** keepalived's MASTER_RX_LOWER_PRI event: notify_master_rx_lower_pri (its own arguments only), then the FIFO line. */
    public void masterRxLowerPriority(String instance, Notifies n, int priority) {
        n.masterRxLowerPri().ifPresent(script -> launch(script, VrrpState.MASTER));
        fifoLine("INSTANCE", instance, "MASTER_RX_LOWER_PRI", priority);
    }

    /** notify_priority_changes: the FIFO line MASTER_PRIORITY (as MASTER) or BACKUP_PRIORITY (any other state). */
    public void priorityChanged(String instance, VrrpState state, int priority) {
        fifoLine("INSTANCE", instance, state == VrrpState.MASTER ? "MASTER_PRIORITY" : "BACKUP_PRIORITY", priority);
    }

    private void fifoLine(String kind, String name, String what, int priority) {
        if (fifos.isEmpty()) return;
        String line = kind + " \"" + name + "\" " + what + " " + priority + "\n";
        for (NotifyFifo f : fifos) {
            if (!f.write(line)) log.debug("notify FIFO {} full: dropped {}", f.name(), line.strip());
        }
    }

    private void fire(String kind, String name, Notifies n, VrrpState state, int priority) {
        Optional<Script> specific = switch (state) {
            case MASTER -> n.master();
            case BACKUP -> n.backup();
            case FAULT -> n.fault();
            case STOP -> n.stop();
            case INIT -> Optional.empty();
        };
        if (state == VrrpState.INIT) return;
        specific.ifPresent(script -> launch(script, state));
        n.generic().ifPresent(script ->
                launch(script.withArguments(List.of(kind, name, state.name(), Integer.toString(priority))), state));
        fifoLine(kind, name, state.name(), priority);
    }

    private void launch(Script script, VrrpState state) {
        log.debug("notify: {}", script.argv());
        CompletableFuture<ScriptOutcome> f = runner.run(script, Optional.empty());
        f.thenAccept(outcome -> {
            if (!outcome.succeeded()) log.warn("notify '{}' {}", script.commandLine(), outcome.describe());
        });
        if (state == VrrpState.STOP) {
            synchronized (stopScripts) {
                stopScripts.add(f);
            }
        }
    }

    /** Waits (at most {@code max}) for the STOP scripts launched so far. */
    public void awaitStopScripts(Duration max) {
        List<CompletableFuture<ScriptOutcome>> fs;
        synchronized (stopScripts) {
            fs = List.copyOf(stopScripts);
        }
        try {
            CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.debug("STOP notify scripts still running after {} ms", max.toMillis());
        }
    }
}
