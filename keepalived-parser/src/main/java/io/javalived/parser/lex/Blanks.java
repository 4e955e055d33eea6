package io.javalived.parser.lex;

import java.util.List;

/** What separates words on a keyword line, as keepalived's reader sees it, and splitting on it. */
final class Blanks {
    private Blanks() {}

    /** Space, tab, and the other characters Java counts as white space outside printable ASCII. */
    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || (c < ' ' || c > '~') && Character.isWhitespace(c);
    }

    /** The end of the word that starts at {@code i}. */
    static int wordEnd(String s, int i, int to) {
        while (i < to && !isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The words of {@code s[from, to)}, a text with no quote or backslash; through {@code cache} if given. */
    static List<String> split(String s, int from, int to, WordCache cache) {
        int count = 0;
        for (int i = from; i < to; ) {
            if (isBlank(s.charAt(i))) {
                i++;
            } else {
                count++;
                i = wordEnd(s, i, to);
            }
        }
        String[] words = new String[count];
        int k = 0;
        for (int i = from; i < to; ) {
            if (isBlank(s.charAt(i))) {
                i++;
            } else {
                int end = wordEnd(s, i, to);
                words[k++] = cache != null ? cache.word(s, i, end) : s.substring(i, end);
                i = end;
            }
        }
        return new Words(words);
    }
}
