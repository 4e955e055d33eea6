package io.javalived.scripts;

import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.ffm.Libc;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scripts as real processes, each in a process group of its own, as keepalived does. The JVM starts
 * <pre>
 *   setpriv --pdeathsig TERM -- setsid --wait --fork sh -c 'echo "javalived-script-group $$" >&2; exec "$@"' \
 *       javalived-script setpriv [--reuid U --regid G --groups G] --pdeathsig TERM -- argv...
 * </pre>
 * (the line the forked child writes names its process group even when the script ends before the runner looks;
 * it is taken out of the script's output)
 * util-linux's {@code setsid --fork --wait} is the script's parent: it forks, the child makes a new session (so
 * the script's pid is its process group id) and {@code setpriv} execs the script in place with the script
 * user's uid and gid and no other groups. The waiter reports how the script ended exactly: its exit status,
 * or, for a death by signal, "setsid: child PID did not exit normally" with the signal number as status
 * (Java's own {@code exitValue} cannot tell exit 137 from SIGKILL). Both processes get SIGTERM when their
 * parent dies (the waiter's parent is one long-lived platform thread of this JVM, so a crash of the daemon
 * takes its scripts down with it, as keepalived's PR_SET_PDEATHSIG does).
 * <p>
 * stdin is /dev/null; stdout and stderr are drained, the first {@value #OUTPUT_LIMIT} bytes of each kept for
 * the outcome. A timeout sends SIGTERM to the script's whole process group, SIGKILL {@link #KILL_GRACE} later.
 * {@link #close()} does the same to every running script and to the groups of scripts whose children outlived
 * them, so nothing javalived started is left behind.
 */
public final class ProcessScriptRunner implements ScriptRunner {
    private static final Logger log = LoggerFactory.getLogger(ProcessScriptRunner.class);

    static final int OUTPUT_LIMIT = 4096;
    static final Duration KILL_GRACE = Duration.ofSeconds(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(1);
    private static final int SIGKILL = 9;
    private static final int SIGTERM = 15;
    private static final String GROUP_MARK = "javalived-script-group ";
    private static final Pattern GROUP = Pattern.compile(GROUP_MARK + "(\\d+)\\n?");
    private static final Pattern ABNORMAL = Pattern.compile("setsid: child (\\d+) did not exit normally[^\\n]*\\n?");
    private static final File DEV_NULL = new File("/dev/null");

    /**
     * The one thread that starts processes: a platform thread living as long as the JVM, so the parent-death
     * signal (tied to the thread that forked) fires only when the daemon dies.
     */
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("script-spawner").daemon(true).factory());
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("script-timer").daemon(true).factory());

    private final Optional<String> setsid = helper("setsid");
    private final Optional<String> setpriv = helper("setpriv");
    private final RunAs self = RunAs.daemon();
    private final Set<Run> running = ConcurrentHashMap.newKeySet();
    private final Set<Integer> lingering = ConcurrentHashMap.newKeySet();
    private final Map<String, String> environment;
    private volatile boolean closed;

    public ProcessScriptRunner() {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.putIfAbsent("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        this.environment = Map.copyOf(env);
    }

    private static Optional<String> helper(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return Optional.of(p.toString());
        }
        return Optional.empty();
    }

    /** One script run: the waiter process and, once found, the script's pid (= its process group id). */
    private static final class Run {
        final Script script;
        final CompletableFuture<ScriptOutcome> result = new CompletableFuture<>();
        final BoundedOutput stdout = new BoundedOutput(OUTPUT_LIMIT);
        final BoundedOutput stderr = new BoundedOutput(OUTPUT_LIMIT);
        volatile Process waiter;
        volatile int group;            // 0 until the waiter has forked the script
        volatile Duration timedOut;    // set when the timeout killed it
        volatile boolean stopped;      // set when close() killed it

        Run(Script script) {
            this.script = script;
        }
    }

    @Override
    public CompletableFuture<ScriptOutcome> run(Script script, Optional<Duration> timeout) {
        Run run = new Run(script);
        if (closed) {
            run.result.complete(new ScriptOutcome.NotStarted("the script runner is stopped"));
            return run.result;
        }
        Optional<String> refusal = refusal(script);
        if (refusal.isPresent()) {
            log.error("cannot run '{}': {}", script.commandLine(), refusal.get());
            run.result.complete(new ScriptOutcome.NotStarted(refusal.get()));
            return run.result;
        }
        running.add(run);
        try {
            SPAWNER.execute(() -> start(run, timeout));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            finish(run, new ScriptOutcome.NotStarted("the script runner is stopped"));
        }
        return run.result;
    }

    private Optional<String> refusal(Script script) {
        if (setsid.isEmpty() || setpriv.isEmpty()) {
            return Optional.of("util-linux's setsid and setpriv are needed to run scripts (not found in /usr/bin, /bin)");
        }
        RunAs as = script.user();
        if ((as.uid() != self.uid() || as.gid() != self.gid()) && self.uid() != 0) {
            return Optional.of("javalived is not root, so it cannot run the script as " + as);
        }
        return Optional.empty();
    }

    List<String> command(Script script) {
        List<String> cmd = new ArrayList<>(List.of(setpriv.orElseThrow(), "--pdeathsig", "TERM", "--",
                setsid.orElseThrow(), "--wait", "--fork",
                // the forked child names its pid (= its session and process group) before it becomes the script:
                // a script that exits at once may be reaped before the runner sees it, its leftovers still to kill
                "/bin/sh", "-c", "echo \"" + GROUP_MARK + "$$\" >&2; exec \"$@\"", "javalived-script",
                setpriv.orElseThrow()));
        RunAs as = script.user();
        if (self.uid() == 0) {
            // keepalived: setgid, setgroups(1, &gid), setuid; as root even for root scripts (drops root's extra groups)
            cmd.addAll(List.of("--reuid", Integer.toString(as.uid()), "--regid", Integer.toString(as.gid()),
                    "--groups", Integer.toString(as.gid())));
        }
        cmd.addAll(List.of("--pdeathsig", "TERM", "--"));
        cmd.addAll(script.argv());
        return cmd;
    }

    private void start(Run run, Optional<Duration> timeout) {
        if (closed) {
            finish(run, new ScriptOutcome.NotStarted("the script runner is stopped"));
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(command(run.script)).redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        pb.environment().clear();
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            log.error("cannot run '{}': {}", run.script.commandLine(), e.getMessage());
            finish(run, new ScriptOutcome.NotStarted(e.getMessage()));
            return;
        }
        run.waiter = p;
        Thread out = Thread.ofVirtual().name("script-out-" + p.pid()).start(() -> run.stdout.drain(p.getInputStream()));
        Thread err = Thread.ofVirtual().name("script-err-" + p.pid()).start(() -> run.stderr.drain(p.getErrorStream()));
        timeout.ifPresent(t -> TIMERS.schedule(() -> expire(run, t), t.toNanos(), TimeUnit.NANOSECONDS));
        Thread.ofVirtual().name("script-" + p.pid()).start(() -> watch(run, p, out, err));
    }

    /** Finds the script (the waiter's only child), waits for the waiter and classifies the end. */
    private void watch(Run run, Process p, Thread out, Thread err) {
        findGroup(run, p);
        int status;
        try {
            status = p.waitFor();
            out.join(200);
            err.join(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        String errText = run.stderr.text();
        Matcher mark = GROUP.matcher(errText);
        if (mark.find()) {
            if (run.group == 0) run.group = Integer.parseInt(mark.group(1));
            errText = errText.substring(0, mark.start()) + errText.substring(mark.end());
        }
        int group = run.group;
        if (!lingering.isEmpty()) lingering.removeIf(g -> !groupExists(g));
        if (group > 0 && groupExists(group)) lingering.add(group);   // children outlived the script: killed at stop
        Matcher m = ABNORMAL.matcher(errText);
        Integer signal = null;
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) == group || group == 0) {
                signal = status & 0x7f;
                errText = errText.substring(0, m.start()) + errText.substring(m.end());
                m = ABNORMAL.matcher(errText);
            }
        }
        String output = run.stdout.text() + errText;
        ScriptOutcome outcome;
        String execFailure = "setpriv: failed to execute " + run.script.argv().getFirst() + ": ";
        int at = errText.indexOf(execFailure);
        if (status == 127 && at >= 0 && signal == null) {
            // the program itself could not be executed (missing, not executable): not an exit status of the script
            String why = errText.substring(at + execFailure.length()).lines().findFirst().orElse("").strip();
            outcome = new ScriptOutcome.NotStarted("cannot run " + run.script.argv().getFirst() + ": " + why);
        } else if (run.stopped) outcome = new ScriptOutcome.Stopped(output);
        else if (run.timedOut != null) outcome = new ScriptOutcome.TimedOut(run.timedOut, output);
        else if (signal != null) outcome = new ScriptOutcome.Killed(signal, output);
        else outcome = new ScriptOutcome.Exited(status, output);
        finish(run, outcome);
    }

    private static void findGroup(Run run, Process p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (run.group == 0 && System.nanoTime() < deadline) {
            Optional<ProcessHandle> child = p.children().findFirst();
            if (child.isPresent()) {
                run.group = (int) child.get().pid();
                return;
            }
            if (!p.isAlive()) return;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void finish(Run run, ScriptOutcome outcome) {
        running.remove(run);
        run.result.complete(outcome);
    }

    private void expire(Run run, Duration after) {
        if (run.result.isDone() || run.stopped) return;
        run.timedOut = after;
        log.warn("'{}' did not finish within {} ms: killing its process group", run.script.commandLine(), after.toMillis());
        signal(run, SIGTERM);
        TIMERS.schedule(() -> {
            if (!run.result.isDone()) signal(run, SIGKILL);
        }, KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Signals the script's process group; before the script exists, the waiter itself (it has no child to leave). */
    private void signal(Run run, int sig) {
        Process p = run.waiter;
        if (run.group == 0 && p != null) findGroupNow(run, p);
        if (run.group > 0) {
            killGroup(run.group, sig);
        } else if (p != null) {
            if (sig == SIGKILL) p.destroyForcibly(); else p.destroy();
        }
    }

    private static void findGroupNow(Run run, Process p) {
        p.children().findFirst().ifPresent(c -> run.group = (int) c.pid());
    }

    private static void killGroup(int group, int sig) {
        try {
            Libc.kill(-group, sig);
        } catch (ErrnoException e) {
            log.warn("cannot signal process group {}: {}", group, e.getMessage());
        }
    }

    private static boolean groupExists(int group) {
        try {
            return Libc.kill(-group, 0);
        } catch (ErrnoException e) {
            return true;   // EPERM: it exists, owned by someone else
        }
    }

    /** The process groups this runner would still kill at stop (running scripts and their leftovers); for tests. */
    Set<Integer> groups() {
        Set<Integer> all = new java.util.HashSet<>(lingering);
        for (Run r : running) if (r.group > 0) all.add(r.group);
        return all;
    }

    @Override
    public void close() {
        closed = true;
        List<Run> runs = List.copyOf(running);
        for (Run r : runs) {
            r.stopped = true;
            signal(r, SIGTERM);
        }
        lingering.removeIf(g -> !groupExists(g));
        for (int g : lingering) killGroup(g, SIGTERM);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Run r : runs) {
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            try {
                r.result.get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // still running: killed below
            }
        }
        for (Run r : runs) if (!r.result.isDone()) signal(r, SIGKILL);
        for (int g : lingering) if (groupExists(g)) killGroup(g, SIGKILL);
        lingering.clear();
        if (!runs.isEmpty()) log.info("stopped {} running script(s)", runs.size());
    }
}
