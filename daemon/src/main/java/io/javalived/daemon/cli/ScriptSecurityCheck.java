package io.javalived.daemon.cli;

import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.MiscCheck;
import io.javalived.parser.model.NotifyScripts;
import io.javalived.parser.model.RealServer;
import io.javalived.parser.model.ScriptCommand;
import io.javalived.parser.model.SourceLocation;
import io.javalived.parser.model.VirtualServer;
import io.javalived.parser.model.VrrpInstance;
import io.javalived.parser.model.VrrpScript;
import io.javalived.parser.model.VrrpSyncGroup;
import io.javalived.scripts.ScriptPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code -t}'s part of keepalived's script checks: every script the configuration would run, checked as the VRRP
 * and checker subsystems check them at start (same {@link ScriptPolicy}, same messages with the place in the file),
 * and keepalived's "SECURITY VIOLATION" summary per subsystem, which makes {@code -t} exit 6 as keepalived 2.2.7's does.
 *
 * @param lines      what to print, in order
 * @param disabled   whether a script would not run (missing, unsafe, no such user)
 * @param violations whether scripts would run without enable_script_security
 */
public record ScriptSecurityCheck(List<String> lines, boolean disabled, boolean violations) {

    /** keepalived's -t exit status for a security violation (KEEPALIVED_CHK_EXIT_CONFIG_TEST_SECURITY). */
    public static final int EXIT_SECURITY = 6;

    /**
     * The checks; with {@code vrrpStopped} (an interface the VRRP side needs does not exist) the VRRP scripts are not
     * checked: keepalived 2.2.7's VRRP side stops at "Non-existent interface specified in configuration", before its
     * script checks, so its -t prints no SECURITY VIOLATION for them and exits 5, not 6.
     */
    public static ScriptSecurityCheck of(KeepalivedConfig cfg, boolean vrrpStopped) {
        var g = cfg.globalDefs();
        Supplier<ScriptPolicy> policy = () -> ScriptPolicy.of(g.enableScriptSecurity(), g.scriptUser(), g.scriptGroup());
        List<String> lines = new ArrayList<>();
        boolean[] disabled = {false};
        boolean violations = false;
        if (!cfg.vrrpInstances().isEmpty() && !vrrpStopped) {
            ScriptPolicy vrrp = policy.get();
            for (VrrpScript s : cfg.vrrpScripts()) {
                check(vrrp, ScriptPolicy.Kind.TRACK_SCRIPT, s.name(), Optional.of(s.script()), s.location(), lines, disabled);
            }
            for (VrrpInstance i : cfg.vrrpInstances()) notifies(vrrp, i.notifyScripts(), i.location(), lines, disabled);
            for (VrrpSyncGroup sg : cfg.vrrpSyncGroups()) notifies(vrrp, sg.notifyScripts(), sg.location(), lines, disabled);
            Optional<String> v = vrrp.violation("scripts");
            v.ifPresent(lines::add);
            violations |= v.isPresent();
        }
        if (!cfg.virtualServers().isEmpty()) {
            ScriptPolicy checks = policy.get();
            for (VirtualServer vs : cfg.virtualServers()) {
                for (RealServer rs : vs.realServers()) {
                    for (var c : rs.checkers()) {
                        if (c instanceof MiscCheck m) {
                            check(checks, ScriptPolicy.Kind.MISC_CHECK, "misc_path", Optional.of(m.miscPath()), c.location(),
                                    lines, disabled);
                        }
                    }
                }
            }
            for (VirtualServer vs : cfg.virtualServers()) {
                check(checks, ScriptPolicy.Kind.NOTIFY, "quorum_up", vs.quorumUp(), vs.location(), lines, disabled);
                check(checks, ScriptPolicy.Kind.NOTIFY, "quorum_down", vs.quorumDown(), vs.location(), lines, disabled);
                for (RealServer rs : vs.realServers()) {
                    check(checks, ScriptPolicy.Kind.NOTIFY, "notify_up", rs.notifyUp(), rs.location(), lines, disabled);
                    check(checks, ScriptPolicy.Kind.NOTIFY, "notify_down", rs.notifyDown(), rs.location(), lines, disabled);
                }
            }
            Optional<String> v = checks.violation("check scripts");
            v.ifPresent(lines::add);
            violations |= v.isPresent();
        }
        if (g.startupScript().isPresent() || g.shutdownScript().isPresent()) {
            ScriptPolicy startStop = policy.get();
            g.startupScript().ifPresent(s -> check(startStop, ScriptPolicy.Kind.NOTIFY, "startup", Optional.of(s.command()),
                    s.location(), lines, disabled));
            g.shutdownScript().ifPresent(s -> check(startStop, ScriptPolicy.Kind.NOTIFY, "shutdown", Optional.of(s.command()),
                    s.location(), lines, disabled));
            Optional<String> v = startStop.violation("start/shutdown scripts");
            v.ifPresent(lines::add);
            violations |= v.isPresent();
        }
        return new ScriptSecurityCheck(List.copyOf(lines), disabled[0], violations);
    }

    private static void notifies(ScriptPolicy p, NotifyScripts n, SourceLocation at, List<String> lines, boolean[] disabled) {
        check(p, ScriptPolicy.Kind.NOTIFY, "notify_backup", n.backup(), at, lines, disabled);
        check(p, ScriptPolicy.Kind.NOTIFY, "notify_master", n.master(), at, lines, disabled);
        check(p, ScriptPolicy.Kind.NOTIFY, "notify_fault", n.fault(), at, lines, disabled);
        check(p, ScriptPolicy.Kind.NOTIFY, "notify_stop", n.stop(), at, lines, disabled);
        check(p, ScriptPolicy.Kind.NOTIFY, "notify_deleted", n.deleted(), at, lines, disabled);
        check(p, ScriptPolicy.Kind.NOTIFY, "notify", n.generic(), at, lines, disabled);
        check(p, ScriptPolicy.Kind.NOTIFY, "notify_master_rx_lower_pri", n.masterRxLowerPri(), at, lines, disabled);
    }

    private static void check(ScriptPolicy p, ScriptPolicy.Kind kind, String name, Optional<ScriptCommand> command,
                              SourceLocation at, List<String> lines, boolean[] disabled) {
        command.ifPresent(c -> {
            ScriptPolicy.Prepared prepared = p.prepare(kind, name, c.argv(), c.user(), c.group());
            prepared.messages().forEach(m -> lines.add(at + ": " + m));
            if (prepared.script().isEmpty()) disabled[0] = true;
        });
    }

    /** The -t exit status with these findings: a violation makes 0 or 5 into 6; a disabled script makes 0 into 5. */
    public int exitCode(int parseCode) {
        if (parseCode != 0 && parseCode != 5) return parseCode;
        if (violations) return EXIT_SECURITY;
        return disabled ? Math.max(parseCode, 5) : parseCode;
    }
}
