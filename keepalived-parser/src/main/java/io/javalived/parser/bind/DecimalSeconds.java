package io.javalived.parser.bind;

/**
 * Decimal seconds as keepalived's {@code <TIMER>} values write them ({@code 1}, {@code 0.01}, {@code 1.5}, {@code 3.},
 * {@code .5}, {@code +2}), read into whole microseconds, and durations written back as plain decimals, without
 * {@code java.math}: {@code BigDecimal}'s class initialisation (its caches, run interpreted at every start) was a
 * measurable part of the daemon's parse of a ten-line file. The language and the results are exactly those of
 * {@code new BigDecimal(text)} compared with the bounds and rounded HALF_UP to microseconds (the parser's tests check
 * them against it): an optional sign, digits with at most one decimal point, at least one digit. The forms only
 * {@code BigDecimal} takes and no configuration writes (an exponent, {@code 1e3}; digits of other scripts) are still
 * read by it, so nothing changes for them either.
 */
final class DecimalSeconds {
    /** {@link #micros}: the text is not a decimal number. */
    static final long INVALID = Long.MIN_VALUE;
    /** {@link #micros}: the number lies outside the bounds. */
    static final long OUT_OF_RANGE = Long.MIN_VALUE + 1;

    private static final long MICROS_PER_SECOND = 1_000_000;
    /** Whole seconds beyond which a value is certainly above every bound (the bounds stay below it). */
    private static final long HUGE_SECONDS = 1_000_000_000_000L;

    private DecimalSeconds() {}

    /**
     * The value of {@code text} in microseconds (rounded HALF_UP) when the exact value lies in [minMicros, maxMicros]
     * (0 <= minMicros <= maxMicros < 10^18), else {@link #OUT_OF_RANGE}; {@link #INVALID} when it is no number.
     */
    static long micros(String text, long minMicros, long maxMicros) {
        if (minMicros < 0 || maxMicros < minMicros || maxMicros >= HUGE_SECONDS * MICROS_PER_SECOND) {
            throw new IllegalArgumentException("bounds [" + minMicros + ", " + maxMicros + "] microseconds");
        }
        int n = text.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        int digits = 0;
        long whole = 0;          // the integer part, while it is below HUGE_SECONDS
        boolean huge = false;    // the integer part is HUGE_SECONDS or more
        for (; i < n && text.charAt(i) != '.'; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return unusual(text, minMicros, maxMicros);
            }
            digits++;
            if (!huge) {
                whole = whole * 10 + d;
                huge = whole >= HUGE_SECONDS;
            }
        }
        long fraction = 0;       // the first six fraction digits: microseconds
        int seventh = 0;         // the seventh, which decides the rounding
        boolean beyond = false;  // a non-zero digit after the seventh
        if (i < n) {
            int places = 0;
            for (i++; i < n; i++) {
                int d = text.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    return unusual(text, minMicros, maxMicros);
                }
                digits++;
                places++;
                if (places <= 6) {
                    fraction += d * POWERS[6 - places];
                } else if (places == 7) {
                    seventh = d;
                } else if (d != 0) {
                    beyond = true;
                }
            }
        }
        if (digits == 0) {
            return INVALID;
        }
        boolean zero = !huge && whole == 0 && fraction == 0 && seventh == 0 && !beyond;
        if (huge || (negative && !zero)) {
            return OUT_OF_RANGE; // above every bound, or below zero (and so below the lowest bound)
        }
        long truncated = whole * MICROS_PER_SECOND + fraction;
        boolean above = seventh != 0 || beyond; // the exact value is above the truncated microseconds
        if (truncated < minMicros || truncated > maxMicros || (truncated == maxMicros && above)) {
            return OUT_OF_RANGE;
        }
        return seventh >= 5 ? truncated + 1 : truncated;
    }

    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000};

    /** An exponent or another script's digits: only {@code BigDecimal} reads those (anything else is no number). */
    private static long unusual(String text, long minMicros, long maxMicros) {
        boolean bigDecimalMayTakeIt = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E' || (c > 127 && Character.isDigit(c))) {
                bigDecimalMayTakeIt = true;
                break;
            }
        }
        if (!bigDecimalMayTakeIt) {
            return INVALID;
        }
        java.math.BigDecimal seconds;
        try {
            seconds = new java.math.BigDecimal(text);
        } catch (NumberFormatException e) {
            return INVALID;
        }
        if (seconds.compareTo(java.math.BigDecimal.valueOf(minMicros, 6)) < 0
                || seconds.compareTo(java.math.BigDecimal.valueOf(maxMicros, 6)) > 0) {
            return OUT_OF_RANGE;
        }
        return seconds.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    /** Whole microseconds for a bound given in seconds (each is a constant with at most six decimals). */
    static long boundMicros(double seconds) {
        long micros = Math.round(seconds * MICROS_PER_SECOND);
        if (micros / (double) MICROS_PER_SECOND != seconds) {
            throw new IllegalArgumentException(seconds + " s is not a whole number of microseconds");
        }
        return micros;
    }

    /** A non-negative duration in nanoseconds as plain decimal seconds without trailing zeros: 1.5, 0.01, 2. */
    static String plain(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative: " + nanos);
        }
        long whole = nanos / 1_000_000_000L;
        long fraction = nanos % 1_000_000_000L;
        if (fraction == 0) {
            return Long.toString(whole);
        }
        StringBuilder sb = new StringBuilder(20).append(whole).append('.');
        String f = Long.toString(fraction);
        sb.repeat('0', 9 - f.length()).append(f);
        int end = sb.length();
        while (sb.charAt(end - 1) == '0') {
            end--;
        }
        sb.setLength(end);
        return sb.toString();
    }
}
