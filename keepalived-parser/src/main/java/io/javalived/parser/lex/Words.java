package io.javalived.parser.lex;

import java.util.AbstractList;
import java.util.RandomAccess;

/** The words of one keyword line: an unmodifiable list over the lexer's array, which nobody else holds. */
final class Words extends AbstractList<String> implements RandomAccess {
    private final String[] words;

    Words(String[] words) {
        this.words = words;
    }

    @Override
    public String get(int index) {
        return words[index];
    }

    @Override
    public int size() {
        return words.length;
    }
}
