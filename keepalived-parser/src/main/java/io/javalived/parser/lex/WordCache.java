package io.javalived.parser.lex;

/**
 * Hands out one String per distinct short word: a configuration repeats the same keywords and values
 * (weight, 1, TCP_CHECK, connect_timeout, 3, ...) on thousands of lines, so most words cost no
 * allocation. Direct-mapped by hash; a collision just replaces the entry. One per lexer (not thread-safe).
 */
public final class WordCache {
    private static final int SIZE = 1024;
    /** Longer words (paths, scripts, passwords) are rarely repeated: not worth hashing. */
    private static final int MAX_LENGTH = 32;

    private final String[] words = new String[SIZE];

    /** {@code line.substring(start, end)}, shared with earlier equal words where possible. */
    public String word(String line, int start, int end) {
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
        return w;
    }
}
