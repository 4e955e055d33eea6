package io.javalived.scripts;

import io.javalived.net.ffm.Libc;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Who a script runs as, by keepalived 2.2.7's rules (lib/notify.c): a script's own {@code user USER [GROUP]}, else
 * the global {@code script_user USER [GROUP]}, else {@code keepalived_script} when that user exists, else the
 * daemon's own user (root). With {@code enable_script_security} the last fallback is refused: a configuration
 * without script_user on a host without keepalived_script runs no script at all. A group given by name replaces
 * the user's primary group. Names are resolved through the name service (getpwnam_r/getgrnam_r).
 */
public final class ScriptUsers {

    /** The default script user keepalived looks for. */
    public static final String DEFAULT_USER = "keepalived_script";

    /** Resolves user and group names. */
    public interface NameService {
        Optional<RunAs> user(String name);

        OptionalInt group(String name);

        /** The host's name service. */
        NameService SYSTEM = new NameService() {
            public Optional<RunAs> user(String name) {
                return Libc.getpwnam(name).map(p -> new RunAs(name, p.uid(), p.gid()));
            }

            public OptionalInt group(String name) {
                return Libc.getgrnam(name);
            }
        };
    }

    /** A resolved user, or the message keepalived logs when it cannot be. */
    public sealed interface Resolution {
        record Resolved(RunAs user) implements Resolution {}

        record Failed(String message) implements Resolution {}
    }

    private final NameService names;
    private final RunAs daemon;

    public ScriptUsers(NameService names, RunAs daemon) {
        this.names = names;
        this.daemon = daemon;
    }

    public static ScriptUsers system() {
        return new ScriptUsers(NameService.SYSTEM, RunAs.daemon());
    }

    /** {@code USER [GROUP]}: keepalived's set_uid_gid. */
    public Resolution resolve(String user, Optional<String> group) {
        Optional<RunAs> u = names.user(user);
        if (u.isEmpty()) return new Resolution.Failed("Script user '" + user + "' does not exist");
        if (group.isEmpty()) return new Resolution.Resolved(u.get());
        OptionalInt g = names.group(group.get());
        if (g.isEmpty()) return new Resolution.Failed("Script group '" + group.get() + "' does not exist");
        return new Resolution.Resolved(new RunAs(user + ":" + group.get(), u.get().uid(), g.getAsInt()));
    }

    /**
     * The user of scripts without their own: {@code script_user} when configured, else keepalived_script, else the
     * daemon's user unless script security is enabled.
     */
    public Resolution defaultUser(Optional<String> scriptUser, Optional<String> scriptGroup, boolean security) {
        if (scriptUser.isPresent()) {
            Resolution r = resolve(scriptUser.get(), scriptGroup);
            return r instanceof Resolution.Failed f ? new Resolution.Failed(f.message() + "; Error setting global script uid/gid") : r;
        }
        Optional<RunAs> ks = names.user(DEFAULT_USER);
        if (ks.isPresent()) return new Resolution.Resolved(ks.get());
        if (security) return new Resolution.Failed("Unable to set default user " + DEFAULT_USER + " for script");
        return new Resolution.Resolved(daemon);
    }
}
