package io.javalived.parser.model;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@code umask} value as keepalived 2.2.7 reads it: in global_defs either one number (C's base-0 reading: 0 then
 * octal, 0x hex, else decimal) or the bits by name joined with '|' ({@code IWGRP|IWOTH}, words may be split by
 * spaces); on the command line ({@code -u}) a number only. Only the permission bits 0777 are allowed.
 */
public record FileModeMask(int bits) {
    private static final Map<String, Integer> NAMES = Map.of("IRUSR", 0400, "IWUSR", 0200, "IXUSR", 0100,
            "IRGRP", 040, "IWGRP", 020, "IXGRP", 010, "IROTH", 04, "IWOTH", 02, "IXOTH", 01);

    /** The config keyword's words after {@code umask}; {@code error} hears keepalived's message when they are bad. */
    public static java.util.Optional<FileModeMask> parseKeyword(List<String> args, Consumer<String> error) {
        if (args.isEmpty()) {
            error.accept("Missing parameter(s) to umask option");
            return java.util.Optional.empty();
        }
        if (Character.isDigit(args.getFirst().charAt(0))) {
            if (args.size() != 1) {
                error.accept("Extra parameter(s) to umask option");
                return java.util.Optional.empty();
            }
            var n = number(args.getFirst());
            if (n.isEmpty()) error.accept("invalid umask value " + args.getFirst());
            return n;
        }
        int bits = 0;
        boolean needOr = false;
        for (String word : args) {
            int i = 0;
            while (i < word.length()) {
                if (needOr) {
                    if (word.charAt(i) != '|') {
                        error.accept("Invalid umask syntax " + word);
                        return java.util.Optional.empty();
                    }
                    needOr = false;
                    i++;
                    continue;
                }
                Integer bit = word.length() >= i + 5 ? NAMES.get(word.substring(i, i + 5)) : null;
                if (bit == null) {
                    error.accept("Unknown umask bit " + word.substring(i));
                    return java.util.Optional.empty();
                }
                bits |= bit;
                i += 5;
                needOr = true;
            }
        }
        if (!needOr) {
            error.accept("umask missing bit value");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new FileModeMask(bits));
    }

    /** A number as C's strtol(s, &end, 0) reads it, whole, within 0-0777. */
    public static java.util.Optional<FileModeMask> number(String s) {
        long v;
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) v = Long.parseLong(s.substring(2), 16);
            else if (s.length() > 1 && s.startsWith("0")) v = Long.parseLong(s.substring(1), 8);
            else v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
        if (v < 0 || (v & ~0777L) != 0) return java.util.Optional.empty();
        return java.util.Optional.of(new FileModeMask((int) v));
    }

    /** As {@code umask} prints it: 0077. */
    @Override
    public String toString() {
        return String.format("%04o", bits);
    }
}
