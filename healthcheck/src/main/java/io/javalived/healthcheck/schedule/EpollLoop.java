package io.javalived.healthcheck.schedule;

import io.javalived.net.poll.Epoll;
import io.javalived.net.poll.EventFd;
import java.time.Duration;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkers' event loop without Netty: one platform thread blocked in epoll_wait (linux-net's {@link Epoll}), which
 * runs the check timers (a {@link TimerWheel}), the tasks other threads hand it (woken through an {@link EventFd}) and
 * the callbacks of the descriptors it watches (the TCP_CHECK probes' sockets). Everything a check touches runs on
 * this thread, so nothing needs a lock. A task that throws is logged and the loop runs on.
 *
 * <p>The thread is started by the constructor, so it lives in the network namespace of the thread that makes the
 * loop, and so do the sockets its callbacks open.
 */
public final class EpollLoop implements CheckScheduler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EpollLoop.class);
    private static final long WAKEUP_TOKEN = -1L;
    private static final int READY_PER_WAIT = 1024;
    /**
     * Due timers run per turn at most: a burst of probes due together (thousands of checks on one delay_loop) starts
     * in slices, with the sockets that became ready handled in between, as Netty's loop shares its time between I/O
     * and tasks.
     */
    private static final int TIMERS_PER_TURN = 512;
    /**
     * How late a timer of {@link #schedule} may run (timer slack, as the kernel gives its own timers): the loop sleeps
     * until the earliest timer is this much overdue, then runs every timer due by then in one turn. Checks spread
     * evenly over their delay_loop (1,000 real servers at delay_loop 1: one due every millisecond) then start a few at
     * a time instead of one per turn, and each turn's epoll_wait and clock readings serve several probes. A check's
     * next run comes at most this much later (0.4 % of a delay_loop of 1 s); I/O deadlines ({@link #scheduleDeadline},
     * a probe's connect_timeout) get no slack.
     */
    static final long TIMER_SLACK_NANOS = 4_000_000L;

    /** The owner of a watched descriptor. */
    public interface Watcher {
        /** The descriptor is ready: {@code events} as epoll reports them (EPOLLOUT, EPOLLERR, EPOLLHUP...). */
        void ready(int events);

        /** The loop stops while the descriptor is still watched: release it. */
        void abandoned();
    }

    private final Epoll epoll;
    private final EventFd wakeup;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean woken = new AtomicBoolean();
    private final long origin = System.nanoTime();
    private final TimerWheel timers = new TimerWheel(origin);
    /**
     * The deadlines of I/O under way ({@link #scheduleDeadline}), apart from {@link #timers}: they run before the turn's
     * slice of due timers, so a loop that is behind with its checks (more due than it can start) still ends the probes it
     * started on time instead of after every overdue check start, as keepalived ends a connect at its timeout.
     */
    private final TimerWheel deadlines = new TimerWheel(origin);
    private Watcher[] watchers = new Watcher[1024];
    private int[] generations = new int[1024];
    private volatile boolean running = true;
    /** When the current turn began (after epoll_wait returned), on {@link System#nanoTime()}'s clock; the loop's thread only. */
    private long turnStart = System.nanoTime();

    public EpollLoop(String threadName) {
        this.epoll = Epoll.open(READY_PER_WAIT);
        this.wakeup = EventFd.open();
        epoll.add(wakeup.fd(), Epoll.EPOLLIN, WAKEUP_TOKEN);
        this.thread = new LoopThread(threadName, this);
        thread.start();
    }

    /** Whether the caller runs on this loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public Duration now() {
        return Duration.ofNanos(System.nanoTime() - origin);
    }

    @Override
    public Duration at(long nanoTime) {
        return Duration.ofNanos(nanoTime - origin);
    }

    /**
     * On a loop's thread, when its current turn began (a {@link System#nanoTime()} reading the loop took already, at most
     * a turn old); elsewhere {@link System#nanoTime()}. For time stamps that may be that coarse (when a result came),
     * not for timeouts.
     */
    public static long recentNanos() {
        return Thread.currentThread() instanceof LoopThread t ? t.loop.turnStart : System.nanoTime();
    }

    /** The loop's thread, which knows its loop ({@link #recentNanos()}). */
    private static final class LoopThread extends Thread {
        final EpollLoop loop;

        LoopThread(String name, EpollLoop loop) {
            super(loop::run, name);
            this.loop = loop;
            setDaemon(true);
        }
    }

    /**
     * Runs {@code task} on the loop after {@code delay}. From the loop's own thread the delay counts from the start of
     * the loop's current turn (one clock reading per turn instead of one per timer: where the clock is a system call,
     * as in a VM without a stable TSC, that is a system call less per check), so it may fire up to that turn's length
     * early; a timer that must not, counts from a time of its own ({@link #schedule(long, Duration, Runnable)}).
     */
    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return schedule(inLoop() ? turnStart : System.nanoTime(), delay, task);
    }

    /** Runs {@code task} on the loop {@code delay} after {@code fromNanos} ({@link System#nanoTime()}'s clock). */
    public Cancellable schedule(long fromNanos, Duration delay, Runnable task) {
        return add(timers, fromNanos, delay, task);
    }

    /**
     * The deadline of I/O under way (a probe's connect_timeout): runs {@code task} {@code delay} after {@code fromNanos}
     * ({@link System#nanoTime()}'s clock), never early, and once due before any due timer of {@link #schedule}.
     */
    public Cancellable scheduleDeadline(long fromNanos, Duration delay, Runnable task) {
        return add(deadlines, fromNanos, delay, task);
    }

    private Cancellable add(TimerWheel wheel, long fromNanos, Duration delay, Runnable task) {
        Timer t = new Timer(wheel, fromNanos + Math.max(0, delay.toNanos()), task);
        if (inLoop()) {
            wheel.add(t);
        } else {
            execute(() -> {
                if (!t.cancelled) {
                    wheel.add(t);
                }
            });
        }
        return t;
    }

    @Override
    public void execute(Runnable task) {
        if (inLoop()) {
            task.run();
            return;
        }
        tasks.add(task);
        if (woken.compareAndSet(false, true)) {
            wakeup.signal();
        }
    }

    /**
     * Watches {@code fd} for {@code events} until {@link #forget}; on the loop's thread only. A descriptor number
     * reused after a close is told apart from the old one, so a stale readiness never reaches the new owner.
     */
    public void watch(int fd, int events, Watcher watcher) {
        if (fd >= watchers.length) {
            int n = Math.max(fd + 1, watchers.length * 2);
            watchers = Arrays.copyOf(watchers, n);
            generations = Arrays.copyOf(generations, n);
        }
        int generation = ++generations[fd];
        epoll.add(fd, events, ((long) generation << 32) | fd);
        watchers[fd] = watcher;
    }

    /** Stops calling the watcher of {@code fd}; on the loop's thread, before the descriptor is closed (which takes it out of epoll). */
    public void forget(int fd) {
        if (fd < watchers.length) {
            watchers[fd] = null;
        }
    }

    private void run() {
        try {
            while (running) {
                int n = epoll.await(timeoutMillis());
                turnStart = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    dispatch(epoll.token(i), epoll.events(i));
                }
                woken.set(false);
                runTasks();
                runTimers();
            }
        } catch (Throwable t) {
            log.error("the checkers' loop stopped: {}", t.toString(), t);
        } finally {
            shutDown();
        }
    }

    private int timeoutMillis() {
        if (!tasks.isEmpty()) {
            return 0;
        }
        long nextTimer = timers.nextDeadline();
        long next = Math.min(nextTimer == Long.MAX_VALUE ? Long.MAX_VALUE : nextTimer + TIMER_SLACK_NANOS,
                deadlines.nextDeadline());
        if (next == Long.MAX_VALUE) {
            return -1;
        }
        long wait = next - System.nanoTime();
        if (wait <= 0) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, (wait + 999_999) / 1_000_000);
    }

    private void dispatch(long token, int events) {
        if (token == WAKEUP_TOKEN) {
            wakeup.drain();
            return;
        }
        int fd = (int) token;
        Watcher w = fd < watchers.length ? watchers[fd] : null;
        if (w == null || generations[fd] != (int) (token >>> 32)) {
            return;
        }
        try {
            w.ready(events);
        } catch (RuntimeException e) {
            log.error("checker callback for fd {} failed", fd, e);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            safely(task);
        }
    }

    private void runTimers() {
        long now = turnStart;
        TimerWheel.Entry e;
        while ((e = deadlines.pollDue(now)) != null) {
            fire((Timer) e);
        }
        int fired = 0;
        while (fired++ < TIMERS_PER_TURN && (e = timers.pollDue(now)) != null) {
            fire((Timer) e);
        }
    }

    private static void fire(Timer t) {
        if (!t.cancelled) {
            t.cancelled = true;
            safely(t.task);
        }
    }

    private static void safely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("checker task failed", e);
        }
    }

    private void shutDown() {
        for (int fd = 0; fd < watchers.length; fd++) {
            Watcher w = watchers[fd];
            if (w != null) {
                watchers[fd] = null;
                try {
                    w.abandoned();
                } catch (RuntimeException e) {
                    log.error("releasing fd {} failed", fd, e);
                }
            }
        }
        wakeup.close();
        epoll.close();
    }

    /** Stops the loop (its watchers are {@linkplain Watcher#abandoned abandoned}) and waits up to 2 s for its thread. */
    @Override
    public void close() {
        running = false;
        if (inLoop()) {
            return;
        }
        wakeup.signal();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A timer; cancelling it from the loop's thread takes it out of its wheel at once. */
    private final class Timer extends TimerWheel.Entry implements Cancellable {
        final TimerWheel wheel;
        final Runnable task;
        volatile boolean cancelled;

        Timer(TimerWheel wheel, long deadline, Runnable task) {
            super(deadline);
            this.wheel = wheel;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
            if (inLoop()) {
                wheel.remove(this);
            }
        }
    }
}
