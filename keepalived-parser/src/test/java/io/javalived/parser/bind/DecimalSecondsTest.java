package io.javalived.parser.bind;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parser's decimal seconds: the same numbers, bounds and rounding as {@code BigDecimal}, which it replaced. */
class DecimalSecondsTest {
    private static final long INVALID = DecimalSeconds.INVALID;
    private static final long OUT = DecimalSeconds.OUT_OF_RANGE;

    /** What the parser did before: BigDecimal's reading, compared with the bounds, HALF_UP to microseconds. */
    private static long reference(String text, double minSeconds, double maxSeconds) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return INVALID;
        }
        if (seconds.compareTo(BigDecimal.valueOf(minSeconds)) < 0 || seconds.compareTo(BigDecimal.valueOf(maxSeconds)) > 0) {
            return OUT;
        }
        return seconds.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static long micros(String text, double minSeconds, double maxSeconds) {
        return DecimalSeconds.micros(text, DecimalSeconds.boundMicros(minSeconds), DecimalSeconds.boundMicros(maxSeconds));
    }

    @Test
    void plainForms() {
        assertThat(micros("1", 0.01, 255)).isEqualTo(1_000_000);
        assertThat(micros("0.01", 0.01, 255)).isEqualTo(10_000);
        assertThat(micros("1.5", 0.01, 255)).isEqualTo(1_500_000);
        assertThat(micros("3.", 0.01, 255)).isEqualTo(3_000_000);
        assertThat(micros(".5", 0.01, 255)).isEqualTo(500_000);
        assertThat(micros("+2", 0, 86400)).isEqualTo(2_000_000);
        assertThat(micros("007.250", 0, 86400)).isEqualTo(7_250_000);
        assertThat(micros("255", 0.01, 255)).isEqualTo(255_000_000);
        assertThat(micros("0", 0, 86400)).isZero();
        assertThat(micros("-0", 0, 86400)).as("minus zero is zero").isZero();
        assertThat(micros("-0.000", 0, 86400)).isZero();
    }

    @Test
    void roundsHalfUpToMicroseconds() {
        assertThat(micros("0.0000005", 0, 1)).isEqualTo(1);
        assertThat(micros("0.0000004999", 0, 1)).isZero();
        assertThat(micros("1.2345675", 0, 86400)).isEqualTo(1_234_568);
        assertThat(micros("1.23456749999999999999", 0, 86400)).isEqualTo(1_234_567);
    }

    @Test
    void boundsCompareTheExactValueNotTheRoundedOne() {
        assertThat(micros("255.0000001", 0.01, 255)).as("above 255 though it rounds to 255").isEqualTo(OUT);
        assertThat(micros("255.00000000000000000000", 0.01, 255)).isEqualTo(255_000_000);
        assertThat(micros("0.0099999", 0.01, 255)).as("below 0.01 though it rounds to 0.01").isEqualTo(OUT);
        assertThat(micros("0.0000001", 0, 1)).as("above 0, rounds to 0").isZero();
        assertThat(micros("0.00000049", 0.000001, 86400)).isEqualTo(OUT);
    }

    @Test
    void negativeNumbersAreOutOfRange() {
        assertThat(micros("-1", 0, 86400)).isEqualTo(OUT);
        assertThat(micros("-0.0000001", 0, 86400)).isEqualTo(OUT);
        assertThat(micros("-0", 0.01, 255)).isEqualTo(OUT);
    }

    @Test
    void garbageIsNoNumber() {
        for (String s : new String[] {"", "abc", ".", "+", "-", "+.", "1.2.3", "1,5", "0x10", "1s", " 1", "1 ", "--1",
                "+-1", "1-", "..5", "5..", "∞", "NaN", "e5", "1e", "1e+", "٣x"}) {
            assertThat(micros(s, 0, 86400)).as("'%s'", s).isEqualTo(INVALID);
        }
    }

    @Test
    void tooManyDigits() {
        assertThat(micros("123456789012345678901234567890", 0, 86400)).isEqualTo(OUT);
        assertThat(micros("999999999999", 0, 1e9)).isEqualTo(OUT);
        assertThat(micros("1000000000.0000001", 0, 1e9)).isEqualTo(OUT);
        assertThat(micros("1000000000", 0, 1e9)).isEqualTo(1_000_000_000_000_000L);
        assertThat(micros("-123456789012345678901234567890", 0, 86400)).isEqualTo(OUT);
        assertThat(micros("0000000000000000000000000000001.5", 0, 86400)).isEqualTo(1_500_000);
        assertThat(micros("1.50000000000000000000000000000000000001", 0, 86400)).isEqualTo(1_500_000);
    }

    @Test
    void formsOnlyBigDecimalTakesStillRead() {
        assertThat(micros("1e1", 0, 86400)).isEqualTo(10_000_000);
        assertThat(micros("15E-1", 0, 86400)).isEqualTo(1_500_000);
        assertThat(micros("1e9", 0, 86400)).isEqualTo(OUT);
        assertThat(micros("٣", 0, 86400)).as("ARABIC-INDIC DIGIT THREE").isEqualTo(3_000_000);
    }

    @Test
    void boundsMustBeWholeMicroseconds() {
        assertThatThrownBy(() -> DecimalSeconds.boundMicros(0.0000001)).isInstanceOf(IllegalArgumentException.class);
        assertThat(DecimalSeconds.boundMicros(0.000001)).isEqualTo(1);
        assertThat(DecimalSeconds.boundMicros(0.01)).isEqualTo(10_000);
        assertThat(DecimalSeconds.boundMicros(86400 * 365)).isEqualTo(31_536_000_000_000L);
    }

    @Test
    void plainDecimals() {
        assertThat(DecimalSeconds.plain(1_500_000_000L)).isEqualTo("1.5");
        assertThat(DecimalSeconds.plain(10_000_000L)).isEqualTo("0.01");
        assertThat(DecimalSeconds.plain(2_000_000_000L)).isEqualTo("2");
        assertThat(DecimalSeconds.plain(0)).isEqualTo("0");
        assertThat(DecimalSeconds.plain(2_000_001_000L)).isEqualTo("2.000001");
        assertThat(DecimalSeconds.plain(120_000_000_000L)).isEqualTo("120");
    }

    @Property(tries = 3000)
    void sameAsBigDecimal(@ForAll("decimals") String text, @ForAll("bounds") double[] bounds) {
        assertThat(micros(text, bounds[0], bounds[1])).as("'%s' in [%s, %s]", text, bounds[0], bounds[1])
                .isEqualTo(reference(text, bounds[0], bounds[1]));
    }

    @Property(tries = 1000)
    void plainIsBigDecimalsPlainString(@ForAll("nanos") long nanos) {
        assertThat(DecimalSeconds.plain(nanos))
                .isEqualTo(BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString());
    }

    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> anyOf = Arbitraries.strings().withChars("0123456789.+-eE1x ").ofMaxLength(24);
        Arbitrary<String> plain = Arbitraries.strings().withChars("0123456789").ofMaxLength(14)
                .flatMap(w -> Arbitraries.strings().withChars("0123456789").ofMaxLength(12)
                        .flatMap(f -> Arbitraries.of("", "+", "-").flatMap(sign -> Arbitraries.of(
                                sign + w + "." + f, sign + w, sign + "." + f, sign + w + "."))));
        return Arbitraries.oneOf(anyOf, plain);
    }

    @Provide
    Arbitrary<double[]> bounds() {
        // the parser's own bounds
        return Arbitraries.of(new double[] {0, 86400}, new double[] {0.000001, 86400}, new double[] {0.01, 255},
                new double[] {0.001, 86400 * 365}, new double[] {0, 1e9}, new double[] {0, 1}, new double[] {0, 3600},
                new double[] {0, 1000}, new double[] {0, 86400 * 31});
    }

    @Provide
    Arbitrary<Long> nanos() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 1_000_000_000_000_000L),
                Arbitraries.longs().between(0, 1_000_000).map(u -> u * 1000), Arbitraries.longs().between(0, 300_000)
                        .map(c -> c * 10_000_000L));
    }
}
