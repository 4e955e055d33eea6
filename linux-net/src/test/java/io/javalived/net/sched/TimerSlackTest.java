package io.javalived.net.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** prctl(PR_SET/GET_TIMERSLACK) through the foreign function API, on a thread of its own (the setting is per thread). */
class TimerSlackTest {
    @Test
    void setsTheCallingThreadsTimerSlackOnly() throws Exception {
        AtomicLong before = new AtomicLong(), after = new AtomicLong(), other = new AtomicLong();
        Thread t = Thread.ofPlatform().start(() -> {
            before.set(RealtimeScheduling.timerSlack());
            RealtimeScheduling.timerSlack(1);
            after.set(RealtimeScheduling.timerSlack());
        });
        t.join();
        Thread u = Thread.ofPlatform().start(() -> other.set(RealtimeScheduling.timerSlack()));
        u.join();
        assertThat(before.get()).as("the default slack (50 us unless the process changed it)").isGreaterThan(1);
        assertThat(after.get()).isEqualTo(1);
        assertThat(other.get()).as("another thread keeps its own").isEqualTo(before.get());
    }
}
