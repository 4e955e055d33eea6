package io.javalived.healthcheck.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/** The stall age on a fake clock: small while the loop runs its tasks, growing while the loop is blocked. */
class LoopHeartbeatTest {

    static final Duration PERIOD = Duration.ofMillis(500);

    /** A loop that runs its tasks only when the test lets it: blocked in between. */
    static final class ManualLoop implements CheckScheduler {
        final Deque<Runnable> ready = new ArrayDeque<>();
        final Deque<long[]> timers = new ArrayDeque<>();
        final java.util.List<Object[]> scheduled = new java.util.ArrayList<>();
        Duration clock = Duration.ZERO;

        public Duration now() {
            return clock;
        }

        public Cancellable schedule(Duration delay, Runnable task) {
            Object[] t = {clock.plus(delay), task};
            scheduled.add(t);
            return () -> scheduled.remove(t);
        }

        public void execute(Runnable task) {
            ready.add(task);
        }

        /** The loop turns: runs what is ready and every timer due by now. */
        void turn() {
            while (!ready.isEmpty()) {
                ready.poll().run();
            }
            for (Object[] t : java.util.List.copyOf(scheduled)) {
                if (((Duration) t[0]).compareTo(clock) <= 0) {
                    scheduled.remove(t);
                    ((Runnable) t[1]).run();
                }
            }
        }
    }

    final ManualLoop loop = new ManualLoop();
    final LoopHeartbeat heartbeat = new LoopHeartbeat(loop, () -> loop.clock, PERIOD);

    void advance(Duration d, boolean loopRuns) {
        for (long ms = 0; ms < d.toMillis(); ms += 100) {
            loop.clock = loop.clock.plusMillis(100);
            if (loopRuns) {
                loop.turn();
            }
        }
    }

    @Test
    void staysBelowThePeriodWhileTheLoopRunsAndGrowsWhileItIsBlocked() {
        heartbeat.start();
        loop.turn();
        advance(Duration.ofSeconds(10), true);
        assertThat(heartbeat.stallAge()).isLessThanOrEqualTo(PERIOD);

        advance(Duration.ofSeconds(7), false); // something blocks the loop for 7 s
        assertThat(heartbeat.stallAge()).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
        Duration earlier = heartbeat.stallAge();
        advance(Duration.ofSeconds(3), false);
        assertThat(heartbeat.stallAge()).isEqualTo(earlier.plusSeconds(3));

        loop.turn(); // unblocked: the overdue note runs at once
        assertThat(heartbeat.stallAge()).isZero();
        advance(Duration.ofSeconds(2), true);
        assertThat(heartbeat.stallAge()).isLessThanOrEqualTo(PERIOD);
    }

    @Test
    void stoppedItNotesNoMore() {
        heartbeat.start();
        loop.turn();
        heartbeat.stop();
        loop.turn();
        advance(Duration.ofSeconds(2), true);
        assertThat(heartbeat.stallAge()).isEqualTo(Duration.ofSeconds(2));
    }
}
