package io.javalived.scripts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A program to run: its argv (no shell unless the argv names one) and the user it runs as.
 *
 * @param argv the command and its arguments, never empty
 * @param user the uid/gid it runs with
 */
public record Script(List<String> argv, RunAs user) {
    public Script {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || argv.getFirst().isBlank()) throw new IllegalArgumentException("empty command");
        Objects.requireNonNull(user, "user");
    }

    /** A script that runs as the daemon's own user (tests, and configs without script users on a non-root run). */
    public static Script asDaemon(List<String> argv) {
        return new Script(argv, RunAs.daemon());
    }

    /** The same script with {@code extra} appended to its arguments (the generic notify's INSTANCE name STATE prio). */
    public Script withArguments(List<String> extra) {
        List<String> all = new ArrayList<>(argv);
        all.addAll(extra);
        return new Script(all, user);
    }

    /** The same command with argv[0] replaced (a path search or symbolic links resolved by the security check). */
    public Script withProgram(String program) {
        List<String> all = new ArrayList<>(argv);
        all.set(0, program);
        return new Script(all, user);
    }

    /** The command line for messages, words joined by spaces. */
    public String commandLine() {
        return String.join(" ", argv);
    }

    /** keepalived's cmd_str: each word in single quotes ('/bin/chk' 'arg'), as its misc-check messages print it. */
    public String quoted() {
        StringBuilder b = new StringBuilder();
        for (String w : argv) {
            if (!b.isEmpty()) b.append(' ');
            b.append('\'').append(w).append('\'');
        }
        return b.toString();
    }
}
