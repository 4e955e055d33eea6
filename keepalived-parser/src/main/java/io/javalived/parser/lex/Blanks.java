package io.javalived.parser.lex;

import java.nio.charset.StandardCharsets;
import java.util.List;

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
     * {@code cache} if given.
     */
    static List<String> split(byte[] s, int from, int to, WordCache cache) {
        String[] words = new String[count(s, from, to)];
        int k = 0;
        for (int i = from; i < to; ) {
            if (s[i] == ' ' || s[i] == '\t') {
                i++;
            } else {
                int end = wordEnd(s, i, to);
                words[k++] = cache != null ? cache.word(s, i, end)
                        : new String(s, i, end - i, StandardCharsets.ISO_8859_1);
                i = end;
            }
        }
        return new Words(words);
    }

    private static int count(byte[] s, int from, int to) {
        int count = 0;
        boolean inWord = false;
        for (int i = from; i < to; i++) {
            boolean blank = s[i] == ' ' || s[i] == '\t';
            if (!blank && !inWord) {
                count++;
            }
            inWord = !blank;
        }
        return count;
    }
}
