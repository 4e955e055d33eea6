package io.javalived.parser.lex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Hands out one String per distinct short word: a configuration repeats the same keywords and values
 * (weight, 1, TCP_CHECK, connect_timeout, 3, ...) on thousands of lines, so most words cost no
 * allocation. Direct-mapped by hash; a collision just replaces the entry. One per thread (not thread-safe).
 */
final class WordCache {
    private static final int SIZE = 1024;
    /** Longer words (paths, scripts, passwords) are rarely repeated: not worth hashing. */
    private static final int MAX_LENGTH = 32;

    private final String[] words = new String[SIZE];
    /** The bytes of {@link #words} where they came from bytes (ISO-8859-1), to compare without decoding. */
    private final byte[][] bytes = new byte[SIZE][];

    /** {@code line.substring(start, end)}, shared with earlier equal words where possible. */
    String word(String line, int start, int end) {
        int length = end - start;
        if (length > MAX_LENGTH) {
            return line.substring(start, end);
        }
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + line.charAt(i);
        }
        int slot = (h ^ (h >>> 10)) & (SIZE - 1);
        String cached = words[slot];
        if (cached != null && cached.length() == length && line.regionMatches(start, cached, 0, length)) {
            return cached;
        }
        String w = line.substring(start, end);
        words[slot] = w;
        bytes[slot] = null;
        return w;
    }

    /**
     * The word in the ISO-8859-1 bytes {@code text[start, end)}, shared with earlier equal words. Long
     * numbers and addresses (a digit first, more than five characters) are seldom repeated: not cached.
     */
    String word(byte[] text, int start, int end) {
        int length = end - start;
        if (length > MAX_LENGTH || length > 5 && text[start] >= '0' && text[start] <= '9') {
            return new String(text, start, length, StandardCharsets.ISO_8859_1);
        }
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + text[i];
        }
        int slot = (h ^ (h >>> 10)) & (SIZE - 1);
        byte[] cached = bytes[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, text, start, end)) {
            return words[slot];
        }
        String w = new String(text, start, length, StandardCharsets.ISO_8859_1);
        words[slot] = w;
        bytes[slot] = Arrays.copyOfRange(text, start, end);
        return w;
    }
}
