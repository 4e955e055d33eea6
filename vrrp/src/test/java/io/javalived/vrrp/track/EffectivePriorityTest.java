package io.javalived.vrrp.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EffectivePriorityTest {

    static TrackedObject t(String n, int w, boolean reverse, boolean up) {
        return new TrackedObject(n, new TrackerWeight(w, reverse), up);
    }

    @Test
    void weightsAddWhileUpOrSubtractWhileDownAndClampTo1And254() {
        assertThat(EffectivePriority.compute(100, List.of(t("a", 20, false, true))).effectivePriority()).isEqualTo(120);
        assertThat(EffectivePriority.compute(100, List.of(t("a", 20, false, false))).effectivePriority()).isEqualTo(100);
        assertThat(EffectivePriority.compute(100, List.of(t("a", -30, false, false))).effectivePriority()).isEqualTo(70);
        assertThat(EffectivePriority.compute(100, List.of(t("a", -30, false, true))).effectivePriority()).isEqualTo(100);
        assertThat(EffectivePriority.compute(250, List.of(t("a", 20, false, true))).effectivePriority()).isEqualTo(254);
        assertThat(EffectivePriority.compute(10, List.of(t("a", -100, false, false))).effectivePriority()).isEqualTo(1);
    }

    @Test
    void reverseNegatesTheWeightAsKeepalivedDoes() {
        // keepalived 2.2.7 in a namespace: priority 100, "weight 10 reverse" up and "weight -20 reverse" down -> 110
        assertThat(EffectivePriority.compute(100, List.of(t("a", 10, true, true), t("b", -20, true, false)))
                .effectivePriority()).isEqualTo(110);
        assertThat(EffectivePriority.compute(100, List.of(t("a", 10, true, false))).effectivePriority()).isEqualTo(100);
        assertThat(EffectivePriority.compute(100, List.of(t("a", -30, true, true))).effectivePriority()).isEqualTo(100);
        assertThat(EffectivePriority.compute(100, List.of(t("a", -30, true, false))).effectivePriority()).isEqualTo(130);
        assertThat(EffectivePriority.compute(100, List.of(t("a", 0, true, true))).fault()).isTrue();
    }

    @Test
    void ownerIsNeverAdjustedAndWeightZeroDownMeansFault() {
        assertThat(EffectivePriority.compute(255, List.of(t("a", -100, false, false))).effectivePriority()).isEqualTo(255);
        Health h = EffectivePriority.compute(100, List.of(t("eth1", 0, false, false), t("eth2", 0, false, true)));
        assertThat(h.fault()).isTrue();
        assertThat(h.reason()).isEqualTo("eth1 is down");
    }

    @Test
    void scriptNeedsRiseSuccessesAndFallFailuresInARow() {
        var s = new ScriptTracker(2, 3, false);
        assertThat(s.record(true)).isTrue();
        assertThat(s.status()).isEqualTo(ScriptTracker.Status.UP);
        assertThat(s.record(false)).isFalse();
        assertThat(s.record(false)).isFalse();
        assertThat(s.record(true)).isFalse();
        assertThat(s.record(false)).isFalse();
        assertThat(s.record(false)).isFalse();
        assertThat(s.record(false)).isTrue();
        assertThat(s.status()).isEqualTo(ScriptTracker.Status.DOWN);
        assertThat(s.record(true)).isFalse();
        assertThat(s.record(true)).isTrue();
        assertThat(new ScriptTracker(1, 1, true).status()).isEqualTo(ScriptTracker.Status.DOWN);
    }
}
