package io.javalived.healthcheck.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.net.poll.Epoll;
import io.javalived.net.poll.EventFd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The checkers' epoll loop: timers in deadline order, cancellation, tasks from other threads, watched descriptors. */
class EpollLoopTest {

    @Test
    void timersFireInDeadlineOrderAndNeverEarly() throws Exception {
        try (EpollLoop loop = new EpollLoop("test-loop")) {
            List<Integer> fired = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(3);
            long started = System.nanoTime();
            long[] firedAt = new long[3];
            loop.execute(() -> {
                for (int i : new int[] {2, 0, 1}) {
                    loop.schedule(Duration.ofMillis(20 + 20 * i), () -> {
                        firedAt[i] = System.nanoTime() - started;
                        fired.add(i);
                        done.countDown();
                    });
                }
            });
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(fired).containsExactly(0, 1, 2);
            for (int i = 0; i < 3; i++) {
                assertThat(firedAt[i]).isGreaterThanOrEqualTo(Duration.ofMillis(20 + 20 * i).toNanos());
            }
        }
    }

    @Test
    void timersDueWithinTheSlackRunInOneTurnAndNeverEarly() throws Exception {
        try (EpollLoop loop = new EpollLoop("test-loop")) {
            int n = 4;
            long[] turn = new long[n];
            long[] firedAt = new long[n];
            long[] scheduledAt = new long[1];
            CountDownLatch done = new CountDownLatch(n);
            loop.execute(() -> {
                scheduledAt[0] = EpollLoop.recentNanos();
                for (int i = 0; i < n; i++) {
                    int k = i;
                    // 1 ms apart, all within the slack of the first: one due every millisecond, as 1,000 checks at delay_loop 1
                    loop.schedule(Duration.ofMillis(20 + k), () -> {
                        turn[k] = EpollLoop.recentNanos();
                        firedAt[k] = System.nanoTime();
                        done.countDown();
                    });
                }
            });
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(EpollLoop.TIMER_SLACK_NANOS).isGreaterThanOrEqualTo(Duration.ofMillis(n - 1).toNanos());
            for (int i = 0; i < n; i++) {
                assertThat(turn[i]).as("timer %d ran in the first one's turn", i).isEqualTo(turn[0]);
                assertThat(firedAt[i] - scheduledAt[0]).isGreaterThanOrEqualTo(Duration.ofMillis(20 + i).toNanos());
            }
        }
    }

    @Test
    void aCancelledTimerNeverRunsWhereverItWasCancelledFrom() throws Exception {
        try (EpollLoop loop = new EpollLoop("test-loop")) {
            List<String> ran = Collections.synchronizedList(new ArrayList<>());
            CheckScheduler.Cancellable fromOutside = loop.schedule(Duration.ofMillis(30), () -> ran.add("outside"));
            fromOutside.cancel();
            CompletableFuture<Void> last = new CompletableFuture<>();
            loop.execute(() -> {
                CheckScheduler.Cancellable inside = loop.schedule(Duration.ofMillis(10), () -> ran.add("inside"));
                inside.cancel();
                loop.schedule(Duration.ofMillis(60), () -> last.complete(null));
            });
            last.get(5, TimeUnit.SECONDS);
            assertThat(ran).isEmpty();
        }
    }

    /**
     * A loop behind with its timers (more due than one turn starts) still runs a due I/O deadline in the next turn, not
     * after every overdue timer: a probe's connect_timeout is not delayed by the check starts waiting behind it.
     */
    @Test
    void aDueDeadlineRunsBeforeOverdueTimers() throws Exception {
        try (EpollLoop loop = new EpollLoop("test-loop")) {
            List<String> ran = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(1);
            int overdue = 5_000;
            loop.execute(() -> {
                long now = System.nanoTime();
                for (int i = 0; i < overdue; i++) {
                    int n = i;
                    loop.schedule(now - Duration.ofSeconds(10).toNanos() + i, Duration.ZERO, () -> {
                        ran.add("timer");
                        if (n == overdue - 1) {
                            done.countDown();
                        }
                    });
                }
                loop.scheduleDeadline(now, Duration.ofMillis(1), () -> ran.add("deadline"));
                long until = now + Duration.ofMillis(2).toNanos();
                while (System.nanoTime() < until) {
                    Thread.onSpinWait(); // the deadline is due when the next turn begins
                }
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).hasSize(overdue + 1);
            // This turn began before the deadline was due: it starts one slice of the overdue timers (512); the next runs
            // the deadline first.
            assertThat(ran.indexOf("deadline")).as("the deadline ran after at most one slice of overdue timers")
                    .isLessThanOrEqualTo(512);
        }
    }

    @Test
    void tasksFromManyThreadsAllRunOnTheLoopThread() throws Exception {
        try (EpollLoop loop = new EpollLoop("test-loop")) {
            int threads = 4;
            int each = 5_000;
            CountDownLatch done = new CountDownLatch(threads * each);
            List<String> names = Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < each; i++) {
                        loop.execute(() -> {
                            if (done.getCount() % 1000 == 0) names.add(Thread.currentThread().getName());
                            done.countDown();
                        });
                    }
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(names).isNotEmpty().allMatch("test-loop"::equals);
        }
    }

    @Test
    void aWatchedDescriptorCallsItsWatcherAndIsAbandonedWhenTheLoopStops() throws Exception {
        EventFd ready = EventFd.open();
        EventFd never = EventFd.open();
        CompletableFuture<Integer> events = new CompletableFuture<>();
        CompletableFuture<String> abandoned = new CompletableFuture<>();
        try (EpollLoop loop = new EpollLoop("test-loop")) {
            loop.execute(() -> {
                loop.watch(ready.fd(), Epoll.EPOLLIN, new EpollLoop.Watcher() {
                    public void ready(int e) {
                        loop.forget(ready.fd());
                        events.complete(e);
                    }

                    public void abandoned() {
                        abandoned.complete("ready");
                    }
                });
                loop.watch(never.fd(), Epoll.EPOLLIN, new EpollLoop.Watcher() {
                    public void ready(int e) {
                        events.completeExceptionally(new AssertionError("never was ready"));
                    }

                    public void abandoned() {
                        abandoned.complete(Thread.currentThread().getName());
                    }
                });
            });
            ready.signal();
            assertThat(events.get(5, TimeUnit.SECONDS) & Epoll.EPOLLIN).isNotZero();
        }
        assertThat(abandoned.get(5, TimeUnit.SECONDS)).isEqualTo("test-loop");
        ready.close();
        never.close();
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheLoop() throws Exception {
        try (EpollLoop loop = new EpollLoop("test-loop")) {
            loop.execute(() -> {
                throw new IllegalStateException("expected by the test");
            });
            CompletableFuture<String> after = new CompletableFuture<>();
            loop.schedule(Duration.ofMillis(1), () -> after.complete("ran"));
            assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo("ran");
        }
    }

    /**
     * The wheel gives back what it holds, earliest first (equal deadlines in the order they were added), never before
     * its deadline and all of it in the end, after any mix of removals, with deadlines over several turns of the wheel
     * and some already past when added.
     */
    @Property(tries = 300)
    void theTimerWheelGivesTimersOutInDeadlineOrderAndNeverEarly(
            @ForAll @Size(max = 80) List<@LongRange(min = -50_000_000L, max = 3L * TimerWheel.SLOTS << TimerWheel.TICK_SHIFT) Long> deadlines,
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 79) Integer> removals,
            @ForAll @Size(min = 1, max = 30) List<@LongRange(min = 0, max = 2_000_000_000L) Long> steps) {
        long start = 1L << 40;
        TimerWheel wheel = new TimerWheel(start);
        List<TimerWheel.Entry> entries = new ArrayList<>();
        for (long d : deadlines) {
            TimerWheel.Entry e = new TimerWheel.Entry(start + d);
            entries.add(e);
            wheel.add(e);
        }
        List<TimerWheel.Entry> left = new ArrayList<>(entries);
        for (int r : removals) {
            if (r < entries.size()) {
                boolean was = left.remove(entries.get(r));
                assertThat(wheel.remove(entries.get(r))).isEqualTo(was);
            }
        }
        assertThat(wheel.size()).isEqualTo(left.size());
        List<TimerWheel.Entry> out = new ArrayList<>();
        long now = start;
        List<Long> nows = new ArrayList<>(steps);
        nows.add(4L * TimerWheel.SLOTS << TimerWheel.TICK_SHIFT); // last: past every deadline
        for (long step : nows) {
            now += step;
            if (!wheel.isEmpty()) {
                assertThat(wheel.nextDeadline()).isLessThanOrEqualTo(left.stream().filter(x -> !out.contains(x))
                        .mapToLong(x -> x.deadline).min().orElseThrow());
            }
            TimerWheel.Entry e;
            while ((e = wheel.pollDue(now)) != null) {
                assertThat(e.deadline).isLessThanOrEqualTo(now);
                out.add(e);
            }
            for (TimerWheel.Entry x : left) {
                if (!out.contains(x)) {
                    assertThat(x.deadline).isGreaterThan(now);
                }
            }
        }
        assertThat(wheel.isEmpty()).isTrue();
        List<TimerWheel.Entry> expected = new ArrayList<>(left);
        expected.sort(java.util.Comparator.comparingLong(x -> x.deadline)); // stable: equal deadlines in the order added
        assertThat(out).containsExactlyElementsOf(expected);
    }
}
