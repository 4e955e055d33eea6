package io.javalived.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AutoPriorityTest {
    final RecordingRealtimePriority recorder = new RecordingRealtimePriority();

    @Test
    void aLateTimerRaisesOneStepAtATimeUpToTheMaximum() {
        AutoPriority p = new AutoPriority(recorder);
        p.configure(3, Duration.ofSeconds(1));
        p.fired(Duration.ofMillis(999).toNanos());
        assertThat(recorder.raises()).as("within the delay").isEmpty();
        for (int i = 0; i < 5; i++) p.fired(Duration.ofMillis(1500).toNanos());
        assertThat(recorder.raises()).containsExactly(1, 2, 3);
        assertThat(p.current()).isEqualTo(3);
    }

    @Test
    void withoutAMaximumNothingIsRaisedAndAMinusOneIsTheSame() {
        AutoPriority p = new AutoPriority(recorder);
        p.fired(Duration.ofSeconds(5).toNanos());
        p.configure(-1, Duration.ofMillis(1));
        p.fired(Duration.ofSeconds(5).toNanos());
        assertThat(recorder.raises()).isEmpty();
        assertThat(p.current()).isZero();
    }

    @Test
    void aRefusalKeepsTheThreadWhereItWasAndIsTriedAgainNextTime() {
        AutoPriority p = new AutoPriority(recorder);
        p.configure(99, Duration.ofMillis(10));
        recorder.refuse(true);
        p.fired(Duration.ofSeconds(1).toNanos());
        assertThat(p.current()).isZero();
        recorder.refuse(false);
        p.fired(Duration.ofSeconds(1).toNanos());
        assertThat(recorder.raises()).containsExactly(1);
    }
}
