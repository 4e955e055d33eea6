package io.javalived.daemon.cli;

import io.javalived.daemon.config.ConfigLoader;
import io.javalived.daemon.config.HostChecks;
import io.javalived.daemon.config.HostInterfaces;
import io.javalived.parser.ParseOptions;
import io.javalived.parser.ParseResult;
import io.javalived.parser.diag.Diagnostic;

import java.io.PrintStream;
import java.nio.file.Path;
import io.javalived.parser.diag.Severity;

/**
 * {@code -t/--config-test}: parse, print every diagnostic, check the scripts as keepalived does (users, unsafe
 * paths, the SECURITY VIOLATION summary), return keepalived's exit code (0, 5 problems, 4 cannot run, 6 security).
 * The diagnostics are the daemon's own ({@link ConfigLoader}: the parser's, then what javalived does not apply,
 * KA400/KA401), then, unless {@code --no-host-checks}, what this host lacks ({@link HostChecks}: interfaces, as
 * keepalived's -t).
 */
public final class ConfigTest {
    private ConfigTest() {}

    public static ParseResult parse(Path file, String configId) {
        ParseOptions options = ParseOptions.forThisHost();
        if (configId != null) {
            options = options.withConfigId(configId);
        }
        return ConfigLoader.load(file, options);
    }

    /** {@link #parse} plus the host checks unless {@code hostChecks} is false. */
    public static ParseResult parse(Path file, String configId, boolean hostChecks) {
        ParseResult result = parse(file, configId);
        return hostChecks ? ConfigLoader.plus(result, HostChecks.check(result.config(), HostInterfaces.netlink())) : result;
    }

    public static int run(Path file, String configId, PrintStream out) {
        return run(file, configId, true, out);
    }

    public static int run(Path file, String configId, boolean hostChecks, PrintStream out) {
        ParseResult result = parse(file, configId, hostChecks);
        for (Diagnostic d : result.diagnostics()) {
            out.println(d.format());
        }
        ScriptSecurityCheck scripts = ScriptSecurityCheck.of(result.config(),
                HostChecks.stopsVrrp(result.diagnostics()));
        scripts.lines().forEach(out::println);
        int code = scripts.exitCode(result.configTestExitCode());
        out.println(summary(file, result, code, scripts.lines().size()));
        return code;
    }

    static String summary(Path file, ParseResult result, int code) {
        return summary(file, result, code, 0);
    }

    static String summary(Path file, ParseResult result, int code, int scriptProblems) {
        long n = scriptProblems
                + result.diagnostics().stream().filter(d -> d.severity() != Severity.INFO).count();
        var c = result.config();
        String content = c.vrrpInstances().size() + " vrrp_instance(s), " + c.virtualServers().size()
                + " virtual_server(s) with " + c.virtualServers().stream().mapToInt(v -> v.realServers().size()).sum()
                + " real_server(s)";
        return switch (code) {
            case 0 -> "Configuration " + file + " is OK: " + content + ".";
            case 5 -> "Configuration " + file + ": " + n + " problem(s), but it would run with " + content + ".";
            case ScriptSecurityCheck.EXIT_SECURITY -> "Configuration " + file + ": SECURITY VIOLATION (scripts would run without"
                    + " enable_script_security), but it would run with " + content + ".";
            default -> "Configuration " + file + " cannot run (" + n + " problem(s)).";
        };
    }
}
