package io.javalived.parser.lex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** What separates words on a keyword line, as keepalived's reader sees it, and splitting on it. */
final class Blanks {
    private Blanks() {}

    /** Space, tab, and the other characters Java counts as white space outside printable ASCII. */
    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || (c < ' ' || c > '~') && Character.isWhitespace(c);
    }

    /** The end of the word that starts at {@code i} in printable ASCII with tabs. */
    static int wordEnd(byte[] s, int i, int to) {
        while (i < to && s[i] != ' ' && s[i] != '\t') {
            i++;
        }
        return i;
    }

    /**
     * The words of {@code s[from, to)}: printable ASCII and tabs, with no quote or backslash; each through
     * {@code cache} if given. {@code scratch} is the caller's to reuse (grown when a line has more words).
     */
    static String[] split(byte[] s, int from, int to, WordCache cache, String[][] scratch) {
        String[] buf = scratch[0];
        int k = 0;
        for (int i = from; i < to; ) {
            if (s[i] == ' ' || s[i] == '\t') {
                i++;
                continue;
            }
            int end = wordEnd(s, i, to);
            if (k == buf.length) {
                buf = scratch[0] = Arrays.copyOf(buf, k * 2);
            }
            buf[k++] = cache != null ? cache.word(s, i, end) : new String(s, i, end - i, StandardCharsets.ISO_8859_1);
            i = end;
        }
        return Arrays.copyOf(buf, k);
    }
}
