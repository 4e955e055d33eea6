package io.javalived.ipvs.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line tokenizer with popt's rules, as ipvsadm uses it: short options may be clustered
 * ({@code -Ln}) and take their argument attached or as the next word; long options take {@code =value}
 * or the next word; an optional argument ({@code -p [timeout]}) is taken from the next word only when
 * that does not start with '-'; words that are not options are left over (in order); {@code --} ends
 * the options.
 */
final class PoptParser {
    enum Arg { NONE, REQUIRED, OPTIONAL }

    record Spec(String longName, char shortName, Arg arg, int tag) {}

    /** One option as found: its tag and argument (null when none), or an error. */
    record Found(int tag, String value, String text) {}

    static final int ERROR_BADOPT = -11;
    static final int ERROR_NOARG = -10;

    private final List<Spec> specs;
    private final String[] argv;
    private int next = 1;
    private String cluster;
    private boolean endOfOptions;
    private final List<String> leftovers = new ArrayList<>();
    private String badOption;

    PoptParser(List<Spec> specs, String[] argv) {
        this.specs = specs;
        this.argv = argv;
    }

    String badOption() {
        return badOption;
    }

    /**
     * The last command-line word read, as popt's poptBadOption names an option the program refuses: the
     * option's own word, or its argument when that was the next word ({@code --start-daemon backup}).
     */
    String lastWord() {
        return argv[next - 1];
    }

    static String strerror(int code) {
        return switch (code) {
            case ERROR_NOARG -> "missing argument";
            case ERROR_BADOPT -> "unknown option";
            default -> "unknown error";
        };
    }

    /** The next option, null when there are none left, or a Found with a negative tag on error. */
    Found nextOption() {
        while (true) {
            if (cluster != null && !cluster.isEmpty()) {
                char c = cluster.charAt(0);
                String rest = cluster.substring(1);
                Spec spec = byShort(c);
                if (spec == null) {
                    badOption = "-" + c;
                    cluster = null;
                    return new Found(ERROR_BADOPT, null, badOption);
                }
                if (spec.arg == Arg.NONE) {
                    cluster = rest;
                    return new Found(spec.tag, null, "-" + c);
                }
                cluster = null;
                if (!rest.isEmpty()) {
                    return new Found(spec.tag, rest, "-" + c);
                }
                return withNextWord(spec, "-" + c);
            }
            cluster = null;
            if (next >= argv.length) {
                return null;
            }
            String word = argv[next++];
            if (endOfOptions || !word.startsWith("-") || word.equals("-")) {
                leftovers.add(word);
                continue;
            }
            if (word.equals("--")) {
                endOfOptions = true;
                continue;
            }
            if (word.startsWith("--")) {
                String name = word.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                Spec spec = byLong(name);
                if (spec == null) {
                    badOption = word;
                    return new Found(ERROR_BADOPT, null, word);
                }
                if (spec.arg == Arg.NONE) {
                    return new Found(spec.tag, null, word);
                }
                if (value != null) {
                    return new Found(spec.tag, value, word);
                }
                return withNextWord(spec, word);
            }
            cluster = word.substring(1);
        }
    }

    private Found withNextWord(Spec spec, String text) {
        if (spec.arg == Arg.OPTIONAL) {
            if (next < argv.length && !argv[next].startsWith("-")) {
                return new Found(spec.tag, argv[next++], text);
            }
            return new Found(spec.tag, null, text);
        }
        if (next >= argv.length) {
            badOption = text;
            return new Found(ERROR_NOARG, null, text);
        }
        return new Found(spec.tag, argv[next++], text);
    }

    /** The words that were not options, after every option has been read. */
    List<String> leftovers() {
        while (next < argv.length) {
            leftovers.add(argv[next++]);
        }
        return leftovers;
    }

    private Spec byShort(char c) {
        for (Spec s : specs) {
            if (s.shortName == c) {
                return s;
            }
        }
        return null;
    }

    private Spec byLong(String name) {
        for (Spec s : specs) {
            if (s.longName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
