package io.javalived.vrrp.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** keepalived 2.2.7's reading of a track file (strtol base 0) and what a value does with a weight. */
class TrackFileValueTest {
    @ParameterizedTest(name = "''{0}'' reads {1}")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "5\\n|5", "'  -12  '|-12", "+7|7", "0x1f|31", "0X10|16", "010|8", "08|0", "0x|0", "abc|0", "''|0", "12abc|12",
            "2147483648|2147483648", "-2147483648|-2147483648"})
    void readsAsStrtolWithBaseZero(String text, long value) {
        assertThat(TrackFileValue.parse(text.replace("\\n", "\n"))).hasValue(value);
    }

    @Test
    void aNumberOutsideThe32BitRangeIsIgnored() {
        assertThat(TrackFileValue.parse("2147483649")).isEqualTo(OptionalLong.empty());
        assertThat(TrackFileValue.parse("-2147483649")).isEqualTo(OptionalLong.empty());
        assertThat(TrackFileValue.parse("99999999999999999999999")).isEqualTo(OptionalLong.empty());
    }

    @Test
    void onlyTheFirst127BytesCount() {
        assertThat(TrackFileValue.parse(" ".repeat(127) + "5")).hasValue(0);
    }

    private static Health health(int base, long value, int weight, boolean reverse) {
        return EffectivePriority.compute(base, java.util.List.of(
                TrackFileValue.tracked("file f", "f", value, new TrackerWeight(weight, reverse))));
    }

    @Test
    void valueTimesWeightMovesThePriority() {
        assertThat(health(100, 2, 10, false).effectivePriority()).isEqualTo(120);
        assertThat(health(100, -3, 10, false).effectivePriority()).isEqualTo(70);
        assertThat(health(100, 3, -10, false).effectivePriority()).isEqualTo(70);
        assertThat(health(100, 2, 10, true).effectivePriority()).isEqualTo(80);
        assertThat(health(100, 0, 10, false).effectivePriority()).isEqualTo(100);
        assertThat(health(100, 0, 10, false).fault()).isFalse();
    }

    @Test
    void theAmountIsLimitedTo253AndMinus254IsFault() {
        assertThat(health(100, 1000, 1, false).effectivePriority()).isEqualTo(254);
        assertThat(health(100, -253, 1, false).fault()).isFalse();
        assertThat(health(100, -253, 1, false).effectivePriority()).isEqualTo(1);
        assertThat(health(100, -254, 1, false).fault()).isTrue();
        assertThat(health(100, -1000, 1, false).fault()).isTrue();
        assertThat(health(100, -1000, 1, false).reason()).isEqualTo("track_file f has value -1000");
    }

    @Test
    void weightZeroFaultsOnANonZeroValueAndReverseOnZero() {
        assertThat(health(100, 1, 0, false).fault()).isTrue();
        assertThat(health(100, -5, 0, false).fault()).isTrue();
        assertThat(health(100, 0, 0, false).fault()).isFalse();
        assertThat(health(100, 0, 0, true).fault()).isTrue();
        assertThat(health(100, 3, 0, true).fault()).isFalse();
        assertThat(health(100, 3, 0, true).effectivePriority()).isEqualTo(100);
    }
}
