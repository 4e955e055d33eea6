package io.javalived.parser.bind;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.model.ScriptCommand;
import io.javalived.parser.model.SourceLocation;
import io.javalived.parser.model.VrrpScript;
import io.javalived.parser.syntax.Node;

import java.time.Duration;
import java.util.Optional;
import io.javalived.parser.model.KeywordLocations;

/** {@code vrrp_script NAME}: keyword table and defaults (reference 1.4). */
final class VrrpScriptBinder {

    static final class Builder implements KeywordTable.Places {
        String name;
        ScriptCommand script;
        Duration interval = Duration.ofSeconds(1);
        Duration timeout;
        int weight;
        boolean reverse;
        int rise = 1;
        int fall = 1;
        boolean initFail;
        String user;
        String group;
        SourceLocation location;
        SourceLocation end;
        final java.util.Map<String, SourceLocation> places = new java.util.LinkedHashMap<>();

        @Override
        public java.util.Map<String, SourceLocation> places() {
            return places;
        }
    }

    private final BindContext ctx;
    private final KeywordTable<Builder> table = new KeywordTable<>("vrrp_script");

    VrrpScriptBinder(BindContext ctx) {
        this.ctx = ctx;
        table.value("script", (b, n) -> ctx.script(n).ifPresent(s -> b.script = s))
                .value("interval", (b, n) -> ctx.timer(n, 0, 0.001, 86400 * 365).ifPresent(v -> b.interval = v))
                .value("timeout", (b, n) -> ctx.timer(n, 0, 0.001, 86400 * 365).ifPresent(v -> b.timeout = v))
                .value("weight", (b, n) -> {
                    ctx.integer(n, 0, -253, 253).ifPresent(v -> b.weight = (int) v);
                    if (n.argCount() >= 2) {
                        if (n.arg(1).equals("reverse")) {
                            b.reverse = true;
                        } else if (!n.arg(1).equals("noreverse")) {
                            ctx.diagnostics().error(n.location(), DiagnosticCode.INVALID_VALUE,
                                    "weight: unknown option '" + n.arg(1) + "' - ignoring");
                        }
                    }
                })
                .value("rise", (b, n) -> ctx.integer(n, 0, 1, Integer.MAX_VALUE).ifPresent(v -> b.rise = (int) v))
                .value("fall", (b, n) -> ctx.integer(n, 0, 1, Integer.MAX_VALUE).ifPresent(v -> b.fall = (int) v))
                .value("init_fail", (b, n) -> b.initFail = true)
                .value("user", (b, n) -> ctx.string(n).ifPresent(v -> {
                    b.user = v;
                    b.group = n.argCount() > 1 ? (n.arg(1).startsWith(":") ? n.arg(1).substring(1) : n.arg(1)) : null;
                }));
    }

    KeywordTable<Builder> table() {
        return table;
    }

    /** Binds a vrrp_script block; empty when keepalived would remove it (no script). */
    Optional<VrrpScript> bind(Node node) {
        Builder b = new Builder();
        b.name = node.argCount() > 0 ? node.arg(0) : "";
        b.location = node.location();
        if (b.name.isEmpty()) {
            ctx.diagnostics().error(node.location(), DiagnosticCode.MISSING_PARAMETER, "vrrp_script has no name - ignoring");
            return Optional.empty();
        }
        table.bindAll(node, b, ctx);
        if (b.script == null) {
            ctx.diagnostics().error(SourceLocation.of(node.location().file(), node.lastLine()),
                    DiagnosticCode.MISSING_SCRIPT, "No script set for vrrp_script " + b.name + " - removing");
            return Optional.empty();
        }
        ScriptCommand script = b.script;
        if (b.user != null && script.user().isEmpty()) {
            script = new ScriptCommand(script.commandLine(), script.argv(), Optional.of(b.user), Optional.ofNullable(b.group));
        }
        return Optional.of(new VrrpScript(b.name, script, b.interval, b.timeout != null ? b.timeout : b.interval,
                b.weight, b.reverse, b.rise, b.fall, b.initFail, b.location,
                KeywordLocations.of(b.places)));
    }
}
