package io.javalived.vrrp.track;

import java.util.OptionalLong;

/**
 * A track_file's value and what it does to an instance, as keepalived 2.2.7 reads it: the file's first 127 bytes
 * read as C's {@code strtol(text, NULL, 0)} (leading blanks, a sign, {@code 0x} hex, a leading {@code 0} octal;
 * text without a number is 0, an absent or empty file is 0); a number outside the 32-bit range is ignored (the
 * last value stays). With weight 0 a non-zero value is FAULT (with {@code reverse}: zero is); otherwise the value
 * times the weight (negated with {@code reverse}), limited to -254..253, is added to the priority, and -254 is FAULT.
 */
public final class TrackFileValue {
    private TrackFileValue() {}

    /** keepalived reads at most this many bytes of the file. */
    public static final int MAX_BYTES = 127;

    /** The value of {@code text}, or empty when keepalived would ignore it (outside INT32_MIN..INT32_MAX+1). */
    public static OptionalLong parse(String text) {
        int i = 0;
        int n = Math.min(text.length(), MAX_BYTES);
        while (i < n && isSpace(text.charAt(i))) i++;
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < n && text.charAt(i) == '0' && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(text.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < n && text.charAt(i) == '0') {
            radix = 8;
        }
        long value = 0;
        boolean overflow = false;
        while (i < n) {
            char ch = text.charAt(i);
            int d = ch < 128 ? Character.digit(ch, radix) : -1;
            if (d < 0) break;
            if (!overflow) {
                value = value * radix + d;
                if (value > (1L << 40)) overflow = true; // far past 32 bits: strtol's ERANGE or a rejected value
            }
            i++;
        }
        if (overflow) return OptionalLong.empty();
        long v = negative ? -value : value;
        if (v < Integer.MIN_VALUE || v > (long) Integer.MAX_VALUE + 1) return OptionalLong.empty();
        return OptionalLong.of(v);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    /**
     * The tracker for {@code value} under {@code weight}: a fault, or the amount it adds to the priority.
     *
     * @param key  the tracker's key
     * @param name the track_file's name (for the fault's reason)
     */
    public static TrackedObject tracked(String key, String name, long value, TrackerWeight weight) {
        String fault = "track_file " + name + " has value " + value;
        if (weight.weight() == 0) {
            boolean faulted = (value != 0) != weight.reverse();
            return new TrackedObject(key, TrackerWeight.FAULT_WHEN_DOWN, !faulted, false, fault);
        }
        long s = value * weight.weight() * (weight.reverse() ? -1 : 1);
        int status = (int) Math.clamp(s, -254, 253);
        if (status == -254) return new TrackedObject(key, TrackerWeight.FAULT_WHEN_DOWN, false, false, fault);
        if (status == 0) return new TrackedObject(key, TrackerWeight.FAULT_WHEN_DOWN, true, false, fault);
        // a positive weight is added while up, a negative one while down (TrackerWeight): the amount itself
        return new TrackedObject(key, new TrackerWeight(status, false), status > 0, false, fault);
    }
}
