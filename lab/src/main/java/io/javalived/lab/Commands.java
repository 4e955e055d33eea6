package io.javalived.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs host commands with a time limit, capturing their output. Kills the whole tree on timeout. */
final class Commands {
    /** Long commands (VM runs) still running: killed with their children (qemu) if the JVM shuts down. */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> RUNNING.forEach(p -> killTree(p.toHandle())), "javalived-lab-commands"));
    }

    private Commands() {
    }

    static ExecResult run(List<String> command, Duration timeout) {
        return run(command, timeout, null, Map.of());
    }

    static ExecResult run(List<String> command, Duration timeout, String stdin, Map<String, String> env) {
        return run(command, timeout, stdin, env, false, false);
    }

    /**
     * As above; with {@code echo}, output is also copied line by line to this JVM's stdout/stderr as it comes;
     * with {@code killOnShutdown}, the command and its children are killed if the JVM shuts down meanwhile
     * (not for teardown commands, which other shutdown hooks run).
     */
    static ExecResult run(List<String> command, Duration timeout, String stdin, Map<String, String> env,
                          boolean echo, boolean killOnShutdown) {
        var pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new LabException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        }
        if (killOnShutdown) {
            RUNNING.add(p);
        }
        CompletableFuture<String> out = drain(p.getInputStream(), echo ? System.out : null);
        CompletableFuture<String> err = drain(p.getErrorStream(), echo ? System.err : null);
        try {
            if (stdin != null) {
                try (var in = p.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the command may have exited without reading; its status tells the story
                }
            }
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                killTree(p.toHandle());
                p.waitFor(5, TimeUnit.SECONDS);
            }
            return new ExecResult(command, done ? p.exitValue() : -1, get(out), get(err), !done);
        } catch (InterruptedException e) {
            killTree(p.toHandle());
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + String.join(" ", command), e);
        } finally {
            RUNNING.remove(p);
        }
    }

    /** SIGTERM to the process (vm-run's trap then stops qemu and cleans up), SIGKILL to the whole tree after 2 s. */
    static void killTree(ProcessHandle h) {
        List<ProcessHandle> all = new ArrayList<>(h.descendants().toList());
        all.add(h);
        h.destroy();
        try {
            h.onExit().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // still there: forced below
        }
        all.forEach(ProcessHandle::destroyForcibly);
    }

    /** Sends a signal (name like TERM, KILL, HUP, USR1) to a pid, or to a process group when pid is negative. */
    static boolean signal(long pid, String signal) {
        var r = run(List.of("kill", "-s", signal, "--", Long.toString(pid)), Duration.ofSeconds(10));
        return r.ok();
    }

    private static CompletableFuture<String> drain(InputStream in, java.io.PrintStream echo) {
        return CompletableFuture.supplyAsync(() -> {
            if (echo == null) {
                try (in) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            }
            var sb = new StringBuilder();
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    echo.println(line);
                    sb.append(line).append('\n');
                }
            } catch (IOException e) {
                // the process went away; keep what we have
            }
            return sb.toString();
        }, Thread::startVirtualThread);
    }

    private static String get(CompletableFuture<String> f) {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return "";
        }
    }

    static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return false;
    }
}
