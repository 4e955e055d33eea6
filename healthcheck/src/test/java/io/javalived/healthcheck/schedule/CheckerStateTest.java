package io.javalived.healthcheck.schedule;

import static io.javalived.healthcheck.schedule.ScriptedProber.DOWN;
import static io.javalived.healthcheck.schedule.ScriptedProber.UP;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.healthcheck.probe.Connection;
import io.javalived.healthcheck.probe.TcpProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The checker rows of reference section 3.2, on a virtual clock. */
class CheckerStateTest {

    static final Duration DELAY_LOOP = Duration.ofSeconds(10);
    static final Duration BEFORE_RETRY = Duration.ofSeconds(2);
    static final Duration LATENCY = Duration.ofMillis(5);

    final VirtualScheduler clock = new VirtualScheduler();
    final List<CheckUpdate> updates = new ArrayList<>();

    CheckRunner runner(ScriptedProber prober, int retry, boolean alpha, RandomGenerator random) {
        TcpProbe probe = new TcpProbe(Connection.to(new InetSocketAddress("127.0.0.1", 80), Duration.ofSeconds(1)));
        CheckRunner r = new CheckRunner(new CheckSpec(probe, new CheckTiming(DELAY_LOOP, DELAY_LOOP, retry, BEFORE_RETRY), alpha),
                prober, clock);
        r.subscribe(updates::add);
        r.start(random);
        return r;
    }

    static RandomGenerator fixed(long value) {
        return new RandomGenerator() {
            public long nextLong() {
                return value;
            }

            public long nextLong(long bound) {
                return Math.min(value, bound - 1);
            }
        };
    }

    List<CheckerState.Transition> transitions() {
        return updates.stream().flatMap(u -> u.transition().stream()).toList();
    }

    @Test
    void startupWithoutAlphaAssumesUpAndFirstProbeComesWithinWarmup() {
        ScriptedProber prober = new ScriptedProber(clock, LATENCY, UP);
        CheckRunner r = runner(prober, 1, false, fixed(Duration.ofSeconds(7).toNanos()));
        assertThat(r.state().up()).isTrue();
        clock.advance(Duration.ofSeconds(30));
        assertThat(prober.probedAt.getFirst()).isEqualTo(Duration.ofSeconds(7));
        assertThat(transitions()).isEmpty();
    }

    @Test
    void warmupJitterNeverExceedsWarmup() {
        for (long seed = 0; seed < 50; seed++) {
            VirtualScheduler c = new VirtualScheduler();
            ScriptedProber prober = new ScriptedProber(c, LATENCY, UP);
            TcpProbe probe = new TcpProbe(Connection.to(new InetSocketAddress("127.0.0.1", 80), Duration.ofSeconds(1)));
            new CheckRunner(new CheckSpec(probe, new CheckTiming(DELAY_LOOP, Duration.ofSeconds(3), 1, BEFORE_RETRY), false),
                    prober, c).start(new java.util.SplittableRandom(seed));
            c.advance(Duration.ofSeconds(3));
            assertThat(prober.probedAt).hasSize(1);
            assertThat(prober.probedAt.getFirst()).isBetween(Duration.ZERO, Duration.ofSeconds(3));
        }
    }

    @Test
    void alphaStartsDownAndOneSuccessBringsItUp() {
        ScriptedProber prober = new ScriptedProber(clock, LATENCY, UP);
        CheckRunner r = runner(prober, 1, true, fixed(0));
        assertThat(r.state().up()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(r.state().up()).isTrue();
        assertThat(transitions()).containsExactly(CheckerState.Transition.WENT_UP);
    }

    @Test
    void alphaStaysDownWhileFailingAndProbesEveryDelayLoop() {
        ScriptedProber prober = new ScriptedProber(clock, LATENCY, DOWN);
        CheckRunner r = runner(prober, 3, true, fixed(0));
        clock.advance(Duration.ofSeconds(35));
        assertThat(r.state().up()).isFalse();
        assertThat(transitions()).isEmpty();
        assertThat(prober.probedAt).containsExactly(Duration.ZERO, DELAY_LOOP.plus(LATENCY),
                DELAY_LOOP.plus(LATENCY).multipliedBy(2), DELAY_LOOP.plus(LATENCY).multipliedBy(3));
    }

    @Test
    void firstFailureAtStartupIsEnoughWhateverRetrySays() {
        ScriptedProber prober = new ScriptedProber(clock, LATENCY, DOWN);
        CheckRunner r = runner(prober, 5, false, fixed(0));
        clock.advance(Duration.ofSeconds(1));
        assertThat(prober.probedAt).hasSize(1);
        assertThat(r.state().up()).isFalse();
        assertThat(transitions()).containsExactly(CheckerState.Transition.WENT_DOWN);
    }

    @Test
    void failingWhileUpIsRetriedAndGoesDownAfterRetryPlusOneConsecutiveFailures() {
        ScriptedProber prober = new ScriptedProber(clock, LATENCY, UP).then(UP, DOWN, DOWN, DOWN);
        CheckRunner r = runner(prober, 2, false, fixed(0));
        clock.advance(DELAY_LOOP.plus(LATENCY)); // first probe ok; second probe at 10.005 fails
        clock.advance(LATENCY);
        assertThat(r.state()).isEqualTo(new CheckerState(true, true, 1));
        clock.advance(BEFORE_RETRY.plus(LATENCY)); // retry 1 fails
        assertThat(r.state()).isEqualTo(new CheckerState(true, true, 2));
        assertThat(transitions()).isEmpty();
        clock.advance(BEFORE_RETRY.plus(LATENCY)); // retry 2 fails: 3 = retry + 1 failures
        assertThat(r.state().up()).isFalse();
        assertThat(transitions()).containsExactly(CheckerState.Transition.WENT_DOWN);
        Duration second = DELAY_LOOP.plus(LATENCY);
        assertThat(prober.probedAt).containsExactly(Duration.ZERO, second,
                second.plus(LATENCY).plus(BEFORE_RETRY), second.plus(LATENCY).plus(BEFORE_RETRY).multipliedBy(1).plus(LATENCY).plus(BEFORE_RETRY));
    }

    @Test
    void retryZeroGoesDownOnTheFirstFailureAfterASuccess() {
        ScriptedProber prober = new ScriptedProber(clock, LATENCY, DOWN).then(UP);
        CheckRunner r = runner(prober, 0, false, fixed(0));
        clock.advance(DELAY_LOOP.plus(LATENCY).plus(LATENCY));
        assertThat(r.state().up()).isFalse();
        assertThat(prober.probedAt).hasSize(2);
    }

    @Test
    void aSuccessDuringRetriesResetsTheCount() {
        ScriptedProber prober = new ScriptedProber(clock, LATENCY, UP).then(UP, DOWN, UP, DOWN, UP);
        CheckRunner r = runner(prober, 1, false, fixed(0));
        clock.advance(Duration.ofSeconds(60));
        assertThat(transitions()).isEmpty();
        assertThat(r.state()).isEqualTo(new CheckerState(true, true, 0));
    }

    @Test
    void oneSuccessBringsADownServerBack() {
        ScriptedProber prober = new ScriptedProber(clock, LATENCY, UP).then(UP, DOWN, DOWN, UP);
        CheckRunner r = runner(prober, 1, false, fixed(0));
        clock.advance(Duration.ofSeconds(60));
        assertThat(transitions()).containsExactly(CheckerState.Transition.WENT_DOWN, CheckerState.Transition.WENT_UP);
        assertThat(r.state().up()).isTrue();
    }

    @Test
    void stopCancelsTheNextProbe() {
        ScriptedProber prober = new ScriptedProber(clock, LATENCY, UP);
        CheckRunner r = runner(prober, 1, false, fixed(0));
        clock.advance(Duration.ofSeconds(1));
        r.stop();
        clock.advance(Duration.ofSeconds(100));
        assertThat(prober.probedAt).hasSize(1);
        assertThat(clock.pending()).isZero();
    }

    CheckRunner httpWithoutFastRecovery(ScriptedProber prober, boolean alpha) {
        TcpProbe probe = new TcpProbe(Connection.to(new InetSocketAddress("127.0.0.1", 80), Duration.ofSeconds(1)));
        CheckRunner r = new CheckRunner(new CheckSpec(probe, new CheckTiming(DELAY_LOOP, DELAY_LOOP, 0, BEFORE_RETRY, true), alpha),
                prober, clock);
        r.subscribe(updates::add);
        r.start(fixed(0));
        return r;
    }

    /** When each transition happened, on the virtual clock. */
    List<String> timeline() {
        return updates.stream().flatMap(u -> u.transition().stream()).map(Enum::name).toList();
    }

    @Test
    void withoutFastRecoveryADownHttpCheckComesBackOnlyWhenASecondProbeDelayLoopLaterPasses() {
        ScriptedProber prober = new ScriptedProber(clock, LATENCY, UP).then(UP, DOWN, UP, UP);
        CheckRunner r = httpWithoutFastRecovery(prober, false);
        clock.advance(DELAY_LOOP.plus(LATENCY).multipliedBy(2).plus(Duration.ofSeconds(1))); // up, down, first success
        assertThat(transitions()).containsExactly(CheckerState.Transition.WENT_DOWN);
        assertThat(r.state()).isEqualTo(new CheckerState(false, true, 0, CheckerState.Down.CONFIRMING));
        clock.advance(DELAY_LOOP);
        assertThat(transitions()).containsExactly(CheckerState.Transition.WENT_DOWN, CheckerState.Transition.WENT_UP);
        Duration step = DELAY_LOOP.plus(LATENCY);
        assertThat(prober.probedAt).containsExactly(Duration.ZERO, step, step.multipliedBy(2), step.multipliedBy(3));
    }

    @Test
    void aFailureWhileConfirmingIsRetriedAfterDelayBeforeRetryAndTheNextSuccessBringsItUp() {
        ScriptedProber prober = new ScriptedProber(clock, LATENCY, UP).then(UP, DOWN, UP, DOWN, UP);
        CheckRunner r = httpWithoutFastRecovery(prober, false);
        clock.advance(Duration.ofSeconds(60));
        assertThat(transitions()).containsExactly(CheckerState.Transition.WENT_DOWN, CheckerState.Transition.WENT_UP);
        Duration step = DELAY_LOOP.plus(LATENCY);
        assertThat(prober.probedAt.subList(0, 5)).containsExactly(Duration.ZERO, step, step.multipliedBy(2), step.multipliedBy(3),
                step.multipliedBy(3).plus(LATENCY).plus(BEFORE_RETRY));
        assertThat(r.state().up()).isTrue();
    }

    @Test
    void withoutFastRecoveryAlphaStillComesUpOnItsFirstSuccessAsKeepalivedHasNoFailedUrlYet() {
        ScriptedProber prober = new ScriptedProber(clock, LATENCY, UP);
        CheckRunner r = httpWithoutFastRecovery(prober, true);
        clock.advance(Duration.ofSeconds(1));
        assertThat(r.state().up()).isTrue();
        assertThat(transitions()).containsExactly(CheckerState.Transition.WENT_UP);
    }
}
