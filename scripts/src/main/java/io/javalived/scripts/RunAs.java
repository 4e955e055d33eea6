package io.javalived.scripts;

import io.javalived.net.ffm.Libc;

/**
 * The user a script runs as: its uid, its primary gid (the only group it keeps: supplementary groups are
 * dropped, as keepalived's setgroups(1, &gid)), and the name for messages.
 */
public record RunAs(String name, int uid, int gid) {

    /** The daemon's own real uid and gid (root in production). */
    public static RunAs daemon() {
        int uid = Libc.getuid();
        return new RunAs(uid == 0 ? "root" : Integer.toString(uid), uid, Libc.getgid());
    }

    /** Whether the script would run with root's user or group (keepalived then checks its whole path). */
    public boolean rootOrRootGroup() {
        return uid == 0 || gid == 0;
    }

    @Override
    public String toString() {
        return name + " (" + uid + ":" + gid + ")";
    }
}
