package io.javalived.daemon.cli;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The daemon's usual command lines ({@code -n -l -D -P -f FILE -p FILE ...}) read without building picocli's model:
 * picocli's classes are compiled for Java 5, so the JDK's AOT cache cannot hold them and building its model of
 * keepalived's ~50 options cost about 0.1 s of every daemon start. The option names come from
 * {@link KeepalivedOptions}' own {@code @Option} annotations, so the two cannot drift. Only the plain forms are taken:
 * each argument exactly one option's name, a flag at most once, a one-value option followed by its value (not empty,
 * not starting with '-' or '@'). Anything else ({@code --opt=value}, clustered flags, an option whose value is
 * optional, help, a subcommand, an {@code @file}, a repeated option) is left to picocli, so every other form keeps
 * picocli's exact behaviour and messages.
 */
public final class DaemonShortcut {
    private DaemonShortcut() {}

    /** The options {@code args} sets when it is such a command line, else empty (picocli reads it). */
    public static Optional<KeepalivedOptions> parse(String[] args) {
        Map<String, Field> byName = Names.BY_NAME;
        KeepalivedOptions o = new KeepalivedOptions();
        Set<Field> seen = new HashSet<>();
        try {
            for (int i = 0; i < args.length; i++) {
                Field f = byName.get(args[i]);
                if (f == null || !seen.add(f)) {
                    return Optional.empty();
                }
                if (f.getType() == boolean.class) {
                    f.setBoolean(o, true);
                    continue;
                }
                if (i + 1 >= args.length) {
                    return Optional.empty();
                }
                String v = args[++i];
                if (v.isEmpty() || v.startsWith("-") || v.startsWith("@")) {
                    return Optional.empty();
                }
                f.set(o, f.getType() == Path.class ? Path.of(v) : v);
            }
        } catch (IllegalAccessException | RuntimeException e) {
            return Optional.empty(); // e.g. a path the file system refuses: picocli reports it
        }
        return Optional.of(o);
    }

    /** Option name to field, for the options the shortcut takes (flags, and String or Path with one value). */
    private static final class Names {
        static final Map<String, Field> BY_NAME = read();

        private static Map<String, Field> read() {
            Map<String, Field> m = new HashMap<>();
            for (Field f : KeepalivedOptions.class.getFields()) {
                Option a = f.getAnnotation(Option.class);
                if (a == null || Modifier.isStatic(f.getModifiers()) || a.usageHelp() || a.versionHelp()
                        || !a.arity().isEmpty()) {
                    continue;
                }
                Class<?> t = f.getType();
                if (t == boolean.class || t == String.class || t == Path.class) {
                    for (String n : a.names()) m.put(n, f);
                }
            }
            return Map.copyOf(m);
        }
    }
}
