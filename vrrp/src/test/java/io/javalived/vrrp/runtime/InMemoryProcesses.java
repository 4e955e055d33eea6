package io.javalived.vrrp.runtime;

import io.javalived.vrrp.track.ProcessPattern;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The in-memory twin of {@link ProcessWatcher}: processes are (comm, command line) by pid; {@link #start} and
 * {@link #kill} tell the followers whose count changed at once, on the caller's thread.
 */
public final class InMemoryProcesses implements ProcessWatcher {
    private record Proc(String comm, byte[] cmdline) {}

    private record Followed(ProcessPattern pattern, IntConsumer changed, AtomicInteger last) {}

    private final Map<Integer, Proc> procs = new ConcurrentHashMap<>();
    private final List<Followed> followed = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextPid = new AtomicInteger(100);

    /** Starts a process with this command line (its comm is the first word's last path part, at most 15 chars). */
    public int start(String... argv) {
        StringBuilder b = new StringBuilder();
        for (String a : argv) b.append(a).append('\0');
        String base = argv[0].substring(argv[0].lastIndexOf('/') + 1);
        int pid = nextPid.incrementAndGet();
        procs.put(pid, new Proc(base.length() > 15 ? base.substring(0, 15) : base, b.toString().getBytes(StandardCharsets.UTF_8)));
        tell();
        return pid;
    }

    public void kill(int pid) {
        procs.remove(pid);
        tell();
    }

    private void tell() {
        for (Followed f : followed) {
            int n = count(f.pattern());
            if (f.last().getAndSet(n) != n) f.changed().accept(n);
        }
    }

    @Override
    public FileWatcher.Subscription follow(ProcessPattern pattern, IntConsumer changed) {
        Followed f = new Followed(pattern, changed, new AtomicInteger(count(pattern)));
        followed.add(f);
        return () -> followed.remove(f);
    }

    @Override
    public int count(ProcessPattern pattern) {
        return (int) procs.values().stream().filter(p -> pattern.matches(p.comm(), p.cmdline())).count();
    }
}
