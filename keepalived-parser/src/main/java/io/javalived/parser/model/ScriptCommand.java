package io.javalived.parser.model;

import java.util.List;
import java.util.Optional;

/**
 * A command keepalived would run (notify scripts, {@code vrrp_script} {@code script}, {@code misc_path},
 * {@code quorum_up}/{@code quorum_down}). {@code commandLine} is the text as configured (quotes removed);
 * {@code argv} is it split shell-like (single and double quotes, backslash escapes). {@code user} and
 * {@code group} are the optional trailing {@code user [[:]group]} words keepalived accepts after a quoted
 * command; when absent the script runs as {@code global_defs script_user} (keepalived_script, else root).
 */
public record ScriptCommand(String commandLine, List<String> argv, Optional<String> user, Optional<String> group) {
    public ScriptCommand {
        argv = List.copyOf(argv);
    }
}
