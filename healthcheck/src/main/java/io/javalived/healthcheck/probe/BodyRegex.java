package io.javalived.healthcheck.probe;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A url block's {@code regex} (keepalived 2.2.7 with PCRE2), matched with java.util.regex against the response body
 * (after the headers): the url passes when the body matches, or with {@code regex_no_match} when it does not. A match
 * must start at or after {@code regex_min_offset} and at or before {@code regex_max_offset} (keepalived: "one beyond
 * the last acceptable position" is max + 1). As in keepalived, an empty body never matches.
 *
 * <p>Bytes are characters one to one (ISO-8859-1, PCRE2 without {@code utf}); with the {@code utf} option the body
 * is decoded as UTF-8 and offsets count characters. Matching runs under the fetch's deadline: a pattern that
 * backtracks past connect_timeout ends the fetch as a timeout instead of holding the checkers' loop.
 *
 * @param flags java.util.regex flags (from regex_options, see {@code RegexOptions} in the planner)
 * @param utf8  decode the body as UTF-8 (regex_options utf)
 */
public record BodyRegex(String pattern, int flags, boolean utf8, boolean noMatch, int minOffset, OptionalInt maxOffset) {

    /** The most of a body kept for matching: a health page larger than this is matched on its first 4 MiB. */
    public static final int MAX_SUBJECT = 4 << 20;

    public BodyRegex {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(maxOffset, "maxOffset");
        Pattern.compile(pattern, flags); // a bad pattern never gets this far (the planner reports it)
    }

    /** Whether the url passes: the body matched (or, with regex_no_match, did not). */
    public boolean passes(byte[] body, int length, long deadlineNanos) {
        return matches(body, length, deadlineNanos) != noMatch;
    }

    /** Whether {@code body[0, length)} has a match starting within the offsets. */
    boolean matches(byte[] body, int length, long deadlineNanos) {
        if (length == 0) {
            return false; // keepalived runs the regex only over received body bytes
        }
        String text = new String(body, 0, length, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        if (minOffset > text.length()) {
            return false;
        }
        Matcher m = Pattern.compile(pattern, flags).matcher(new DeadlineChars(text, deadlineNanos));
        m.region(minOffset, text.length()).useTransparentBounds(true).useAnchoringBounds(false);
        try {
            return m.find() && (maxOffset.isEmpty() || m.start() <= maxOffset.getAsInt());
        } catch (StackOverflowError e) {
            throw new RegexTooDeep();
        }
    }

    /** The pattern needed more stack than the thread has (PCRE2 would run out of its JIT stack). */
    public static final class RegexTooDeep extends RuntimeException {
        RegexTooDeep() {
            super("the regex ran out of stack on this body", null, false, false);
        }
    }

    /** The deadline passed while matching. */
    public static final class RegexTimeout extends RuntimeException {
        RegexTimeout() {
            super("the regex did not finish before connect_timeout", null, false, false);
        }
    }

    /** The body, checking the clock every 4096 character reads. */
    private static final class DeadlineChars implements CharSequence {
        private final String text;
        private final long deadline;
        private int reads;

        DeadlineChars(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 4095) == 0 && System.nanoTime() - deadline > 0) {
                throw new RegexTimeout();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
