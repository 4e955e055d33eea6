package io.javalived.healthcheck.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.healthcheck.probe.CheckResult;
import io.javalived.healthcheck.probe.Connection;
import io.javalived.healthcheck.probe.Failure;
import io.javalived.healthcheck.probe.TcpProbe;
import io.javalived.healthcheck.schedule.CheckSpec;
import io.javalived.healthcheck.schedule.CheckTiming;
import io.javalived.healthcheck.schedule.CheckUpdate;
import io.javalived.healthcheck.schedule.CheckerState;
import io.javalived.healthcheck.schedule.VirtualScheduler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CheckUpdateHandoffTest {

    record Applied(CheckUpdate update, Duration arrived) {
    }

    private final VirtualScheduler clock = new VirtualScheduler();
    private final CheckUpdateHandoff handoff = new CheckUpdateHandoff(clock);
    private final List<Applied> applied = new ArrayList<>();
    private final CheckUpdateHandoff.Slot slot = handoff.slot((u, at) -> applied.add(new Applied(u, at)));
    private static final CheckSpec SPEC = new CheckSpec(new TcpProbe(Connection.to(new InetSocketAddress("127.0.0.1", 80),
            Duration.ofSeconds(1))), CheckTiming.tcpDefaults(Duration.ofSeconds(1)), false);

    private static CheckUpdate stillUp(int latencyMs) {
        return new CheckUpdate(SPEC, CheckResult.Up.after(Duration.ofMillis(latencyMs)), new CheckerState(true, true, 0), Optional.empty());
    }

    private static CheckUpdate wentDown() {
        return new CheckUpdate(SPEC, new CheckResult.Down(Duration.ofSeconds(1), new Failure.Refused()), new CheckerState(false, true, 0),
                Optional.of(CheckerState.Transition.WENT_DOWN));
    }

    @Test
    void routineUpdatesWaitAndOnlyTheNewestIsAppliedWithTheTimeItArrived() {
        slot.offer(stillUp(1));
        clock.advance(Duration.ofMillis(50));
        slot.offer(stillUp(2));
        clock.advance(Duration.ofMillis(50));
        slot.offer(stillUp(3));
        assertThat(applied).isEmpty();
        clock.advance(CheckUpdateHandoff.ROUTINE_DELAY);
        assertThat(applied).containsExactly(new Applied(stillUp(3), Duration.ofMillis(100)));
        assertThat(clock.pending()).as("no drain left scheduled").isZero();
    }

    @Test
    void aTransitionIsAppliedAtOnceAndAnOlderRoutineUpdateNeverAfterIt() {
        slot.offer(stillUp(1));
        clock.advance(Duration.ofMillis(10));
        slot.offer(wentDown());
        assertThat(applied).containsExactly(new Applied(wentDown(), Duration.ofMillis(10)));
        clock.advance(Duration.ofSeconds(1));
        assertThat(applied).hasSize(1);
    }

    @Test
    void aMiscDynamicWeightIsAppliedAtOnce() {
        var weighted = new CheckUpdate(SPEC, new CheckResult.Up(Duration.ofMillis(1), OptionalInt.of(7)), new CheckerState(true, true, 0),
                Optional.empty());
        slot.offer(weighted);
        assertThat(applied).extracting(Applied::update).containsExactly(weighted);
    }

    @Test
    void drainAppliesWhatWaitsBeforeStatusIsRead() {
        CheckUpdateHandoff.Slot other = handoff.slot((u, at) -> applied.add(new Applied(u, at)));
        slot.offer(stillUp(1));
        other.offer(stillUp(2));
        handoff.drain();
        assertThat(applied).extracting(Applied::update).containsExactly(stillUp(1), stillUp(2));
        slot.offer(stillUp(4));
        clock.advance(CheckUpdateHandoff.ROUTINE_DELAY);
        assertThat(applied).extracting(Applied::update).containsExactly(stillUp(1), stillUp(2), stillUp(4));
    }
}
