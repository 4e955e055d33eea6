package io.javalived.daemon.cli;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The common {@code -t} command lines ({@code -t}/{@code --config-test} with {@code -f}/{@code --use-file FILE}
 * and {@code -i}/{@code --config-id ID} and {@code --no-host-checks}, each at most once, in any order) run without building picocli's
 * model of the whole command line, which costs a tenth of a second at every start. Anything else (another
 * option, a repeated one, {@code --opt=value}, {@code -t LOGFILE}, a value that looks like an option) is left
 * to picocli, so every other form keeps picocli's exact behaviour and messages.
 */
public final class ConfigTestShortcut {
    private ConfigTestShortcut() {}

    /** The exit code when {@code args} is such a command line (after running it), else empty. */
    public static OptionalInt run(String[] args) {
        boolean test = false;
        String file = null;
        String id = null;
        boolean hostChecks = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-t", "--config-test" -> {
                    // picocli gives -t an optional LOGFILE: take it bare only when an option (or nothing) follows.
                    if (test || (i + 1 < args.length && !isOption(args[i + 1]))) {
                        return OptionalInt.empty();
                    }
                    test = true;
                }
                case "-f", "--use-file" -> {
                    if (file != null || i + 1 >= args.length || args[i + 1].startsWith("-")) {
                        return OptionalInt.empty();
                    }
                    file = args[++i];
                }
                case "-i", "--config-id" -> {
                    if (id != null || i + 1 >= args.length || args[i + 1].startsWith("-")) {
                        return OptionalInt.empty();
                    }
                    id = args[++i];
                }
                case "--no-host-checks" -> {
                    if (!hostChecks) {
                        return OptionalInt.empty();
                    }
                    hostChecks = false;
                }
                default -> {
                    return OptionalInt.empty();
                }
            }
        }
        if (!test) {
            return OptionalInt.empty();
        }
        Path config = file == null ? KeepalivedOptions.DEFAULT_CONFIG : Path.of(file);
        try {
            return OptionalInt.of(ConfigTest.run(config, id, hostChecks, System.err));
        } catch (RuntimeException e) {
            // as Main's picocli execution-exception handler does
            System.err.println("javalived: " + e.getMessage());
            return OptionalInt.of(1);
        }
    }

    private static boolean isOption(String next) {
        return switch (next) {
            case "-f", "--use-file", "-i", "--config-id" -> true;
            default -> false;
        };
    }
}
