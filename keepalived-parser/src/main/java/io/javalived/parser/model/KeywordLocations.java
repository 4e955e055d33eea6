package io.javalived.parser.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each recognised keyword of one block was written (the last time, when repeated): so a later stage can
 * name the exact {@code file:line} of a setting that the model keeps only as a value (a flag such as
 * {@code use_vmac}, a resolved default). Not part of a block's configuration: {@link #equals} and
 * {@link #toString} ignore the lines, so moving a block in the file changes nothing that compares it.
 */
public final class KeywordLocations {
    public static final KeywordLocations NONE = new KeywordLocations(Map.of());

    private final Map<String, SourceLocation> byKeyword;

    private KeywordLocations(Map<String, SourceLocation> byKeyword) {
        this.byKeyword = byKeyword;
    }

    /** A copy of {@code byKeyword} (keyword as written to where it was), in file order. */
    public static KeywordLocations of(Map<String, SourceLocation> byKeyword) {
        return byKeyword.isEmpty() ? NONE : new KeywordLocations(Collections.unmodifiableMap(new LinkedHashMap<>(byKeyword)));
    }

    /** Where {@code keyword} was written in this block, if it was. */
    public Optional<SourceLocation> of(String keyword) {
        return Optional.ofNullable(byKeyword.get(keyword));
    }

    /** The keywords written in this block, in file order. */
    public Set<String> keywords() {
        return byKeyword.keySet();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeywordLocations k && k.byKeyword.keySet().equals(byKeyword.keySet());
    }

    @Override
    public int hashCode() {
        return byKeyword.keySet().hashCode();
    }

    @Override
    public String toString() {
        return "keywords " + byKeyword.keySet();
    }
}
