package io.javalived.scripts;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Prepares the scripts of one configuration for the runner, as keepalived 2.2.7 does at start and reload: gives
 * each its user ({@link ScriptUsers}), checks it ({@link ScriptSecurity}) and disables it when keepalived would,
 * with keepalived's messages. It remembers what it saw, for the summary keepalived prints when scripts run
 * without {@code enable_script_security} ({@link #violation}). One policy per subsystem and configuration.
 */
public final class ScriptPolicy {

    /** What a script is, for keepalived's wording. */
    public enum Kind {
        /** A vrrp_script (named). */
        TRACK_SCRIPT,
        /** A MISC_CHECK's misc_path. */
        MISC_CHECK,
        /** notify_master..., notify, quorum_up/down, notify_up/down (named by keyword). */
        NOTIFY
    }

    /**
     * A prepared script.
     *
     * @param script   the script to run; empty when disabled
     * @param messages what to log (keepalived's lines), in order
     */
    public record Prepared(Optional<Script> script, List<String> messages) {
        public Prepared {
            messages = List.copyOf(messages);
        }
    }

    private final ScriptUsers users;
    private final ScriptSecurity security;
    private final ScriptUsers.Resolution defaultUser;
    private final boolean checked;
    private final EnumSet<ScriptSecurity.Flag> seen = EnumSet.noneOf(ScriptSecurity.Flag.class);
    private boolean defaultUserReported;

    private ScriptPolicy(ScriptUsers users, ScriptSecurity security, ScriptUsers.Resolution defaultUser, boolean checked) {
        this.users = users;
        this.security = security;
        this.defaultUser = defaultUser;
        this.checked = checked;
    }

    /** The policy of a configuration, on this host (its users, its files). */
    public static ScriptPolicy of(boolean enableScriptSecurity, Optional<String> scriptUser, Optional<String> scriptGroup) {
        return of(ScriptUsers.system(), new ScriptSecurity(enableScriptSecurity), scriptUser, scriptGroup);
    }

    public static ScriptPolicy of(ScriptUsers users, ScriptSecurity security, Optional<String> scriptUser,
                                  Optional<String> scriptGroup) {
        return new ScriptPolicy(users, security, users.defaultUser(scriptUser, scriptGroup, security.enabled()), true);
    }

    /** For unit tests of mapping logic only: every script runs as the daemon's user, nothing is checked. */
    public static ScriptPolicy unchecked() {
        return new ScriptPolicy(null, new ScriptSecurity(false), new ScriptUsers.Resolution.Resolved(RunAs.daemon()), false);
    }

    /**
     * Prepares one configured command.
     *
     * @param kind  what it is
     * @param name  the vrrp_script's name, or the keyword (notify_master, quorum_up...)
     * @param argv  the command
     * @param user  its own {@code user}, if any
     * @param group its own group, if any
     */
    public synchronized Prepared prepare(Kind kind, String name, List<String> argv, Optional<String> user, Optional<String> group) {
        List<String> messages = new ArrayList<>();
        String program = argv.getFirst();
        if (!checked) return new Prepared(Optional.of(new Script(argv, RunAs.daemon())), messages);
        ScriptUsers.Resolution who = user.isPresent() ? users.resolve(user.get(), group) : defaultUser;
        if (who instanceof ScriptUsers.Resolution.Failed f) {
            if (user.isPresent()) {
                messages.add(f.message());
                messages.add("Invalid user/group for " + name + " script " + program + " - ignoring");
            } else {
                if (!defaultUserReported) messages.add(f.message());
                defaultUserReported = true;
                messages.add(switch (kind) {
                    case TRACK_SCRIPT -> "Unable to set default user for vrrp script " + name + " - removing";
                    case MISC_CHECK -> "Unable to set default user for misc script '" + program + "' - removing";
                    case NOTIFY -> "Failed to set default user for " + name + " script " + program + " - ignoring";
                });
            }
            return new Prepared(Optional.empty(), messages);
        }
        RunAs as = ((ScriptUsers.Resolution.Resolved) who).user();
        ScriptSecurity.Verdict v = security.check(new Script(argv, as));
        seen.addAll(v.flags());
        messages.addAll(v.log());
        if (v.runnable()) return new Prepared(Optional.of(v.script()), messages);
        if (v.flags().contains(ScriptSecurity.Flag.INHIBIT)) {
            switch (kind) {
                case TRACK_SCRIPT -> messages.add("Disabling track script " + name + " due to insecure");
                case MISC_CHECK -> messages.add("Disabling misc script " + v.script().quoted() + " due to insecure");
                case NOTIFY -> { }
            }
        } else if (v.flags().contains(ScriptSecurity.Flag.NOT_FOUND)) {
            switch (kind) {
                case TRACK_SCRIPT -> messages.add("Disabling track script " + name + " since not found/accessible");
                case MISC_CHECK -> messages.add("Disabling misc script " + v.script().quoted() + " since not found/accessible");
                case NOTIFY -> { }
            }
        }
        return new Prepared(Optional.empty(), messages);
    }

    /**
     * keepalived's summary after checking a subsystem's scripts without enable_script_security, e.g.
     * "SECURITY VIOLATION - scripts are being executed but script_security not enabled. There are insecure scripts."
     * ({@code what} is "scripts" for VRRP, "check scripts" for the checkers); empty when there is nothing to say.
     */
    public synchronized Optional<String> violation(String what) {
        if (security.enabled() || !checked || !seen.contains(ScriptSecurity.Flag.IS_SCRIPT)) return Optional.empty();
        return Optional.of("SECURITY VIOLATION - " + what + " are being executed but script_security not enabled."
                + (seen.contains(ScriptSecurity.Flag.INSECURE) ? " There are insecure scripts." : ""));
    }
}
