package io.javalived.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoPriorityTest {
    final List<Integer> raised = new ArrayList<>();
    final RealtimePriority recorder = new RealtimePriority() {
        @Override
        public int min() {
            return 1;
        }

        @Override
        public int max() {
            return 99;
        }

        @Override
        public void raiseCurrentThread(int priority) {
            raised.add(priority);
        }
    };

    @Test
    void aLateTimerRaisesOneStepAtATimeUpToTheMaximum() {
        AutoPriority p = new AutoPriority(recorder);
        p.configure(3, Duration.ofSeconds(1));
        p.fired(Duration.ofMillis(999).toNanos());
        assertThat(raised).as("within the delay").isEmpty();
        for (int i = 0; i < 5; i++) p.fired(Duration.ofMillis(1500).toNanos());
        assertThat(raised).containsExactly(1, 2, 3);
        assertThat(p.current()).isEqualTo(3);
    }

    @Test
    void withoutAMaximumNothingIsRaisedAndAMinusOneIsTheSame() {
        AutoPriority p = new AutoPriority(recorder);
        p.fired(Duration.ofSeconds(5).toNanos());
        p.configure(-1, Duration.ofMillis(1));
        p.fired(Duration.ofSeconds(5).toNanos());
        assertThat(raised).isEmpty();
        assertThat(p.current()).isZero();
    }

    @Test
    void aRefusalKeepsTheThreadWhereItWasAndIsTriedAgainNextTime() {
        boolean[] refuse = {true};
        AutoPriority p = new AutoPriority(new RealtimePriority() {
            @Override
            public int min() {
                return 1;
            }

            @Override
            public int max() {
                return 99;
            }

            @Override
            public void raiseCurrentThread(int priority) {
                if (refuse[0]) throw new NetworkActionException("sched_setscheduler: EPERM");
                raised.add(priority);
            }
        });
        p.configure(99, Duration.ofMillis(10));
        p.fired(Duration.ofSeconds(1).toNanos());
        assertThat(p.current()).isZero();
        refuse[0] = false;
        p.fired(Duration.ofSeconds(1).toNanos());
        assertThat(raised).containsExactly(1);
    }
}
