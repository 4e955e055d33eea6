package io.javalived.parser.bind;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.model.KeywordLocations;
import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.SourceLocation;
import io.javalived.parser.model.TrackedInterface;
import io.javalived.parser.model.TrackedScript;
import io.javalived.parser.model.VrrpScript;
import io.javalived.parser.model.VrrpSyncGroup;
import io.javalived.parser.syntax.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code vrrp_sync_group NAME}: keyword table and checks (reference 1.5). */
final class VrrpSyncGroupBinder {

    static final class Builder implements KeywordTable.Keeps, KeywordTable.Places {
        String name;
        SourceLocation location;
        final List<String> group = new ArrayList<>();
        boolean groupSeen;
        final List<TrackedInterface> trackInterfaces = new ArrayList<>();
        final List<TrackerParsing.ScriptRef> trackScripts = new ArrayList<>();
        final NotifyBuilder notify = new NotifyBuilder();
        Boolean smtpAlert;
        boolean globalTracking;
        boolean trackingWeight;
        boolean notifyPriorityChanges;
        final List<RawValue> other = new ArrayList<>();
        final Map<String, SourceLocation> places = new java.util.LinkedHashMap<>();

        @Override
        public List<RawValue> other() {
            return other;
        }

        @Override
        public Map<String, SourceLocation> places() {
            return places;
        }
    }

    private final BindContext ctx;
    private final KeywordTable<Builder> table = new KeywordTable<>("vrrp_sync_group");

    VrrpSyncGroupBinder(BindContext ctx) {
        this.ctx = ctx;
        table.block("group", (b, n) -> {
                    b.groupSeen = true;
                    n.children().forEach(c -> b.group.addAll(c.words()));
                })
                .block("track_interface", (b, n) -> TrackerParsing.trackInterfaces(ctx, n, b.trackInterfaces))
                .block("track_script", (b, n) -> TrackerParsing.trackScripts(ctx, n, b.trackScripts))
                .value("notify_master", (b, n) -> ctx.script(n).ifPresent(s -> b.notify.master = s))
                .value("notify_backup", (b, n) -> ctx.script(n).ifPresent(s -> b.notify.backup = s))
                .value("notify_fault", (b, n) -> ctx.script(n).ifPresent(s -> b.notify.fault = s))
                .value("notify_stop", (b, n) -> ctx.script(n).ifPresent(s -> b.notify.stop = s))
                .value("notify", (b, n) -> ctx.script(n).ifPresent(s -> b.notify.generic = s))
                .value("smtp_alert", (b, n) -> b.smtpAlert = ctx.bool(n, 0))
                .deprecated("global_tracking", KeywordTable.Shape.VALUE,
                        "global_tracking is deprecated - please use 'sync_group_tracking_weight'",
                        (b, n) -> b.globalTracking = true)
                .value("sync_group_tracking_weight", (b, n) -> b.trackingWeight = true)
                .value("notify_priority_changes", (b, n) -> b.notifyPriorityChanges = ctx.bool(n, 0));
        Tables.raw(table, b -> b.other, "track_file", "track_process", "track_bfd");
    }

    KeywordTable<Builder> table() {
        return table;
    }

    Optional<Builder> bind(Node node) {
        if (node.argCount() < 1) {
            ctx.diagnostics().error(node.location(), DiagnosticCode.MISSING_PARAMETER, "vrrp_sync_group has no name - skipping it");
            return Optional.empty();
        }
        Builder b = new Builder();
        b.name = node.arg(0);
        b.location = node.location();
        table.bindAll(node, b, ctx);
        return Optional.of(b);
    }

    /**
     * As keepalived 2.2.7 (vrrp_sync.c, vrrp.c): unknown members and members already in an earlier group are
     * ignored with an error; a group left with no member is removed; a group of one is kept, with its error.
     *
     * @param claimed instances already in an earlier group; this group's members are added
     * @param smtpAlertDefault global smtp_alert_vrrp, else smtp_alert, else false (keepalived vrrp.c)
     */
    Optional<VrrpSyncGroup> resolve(Builder b, Set<String> instances, Set<String> claimed, Map<String, VrrpScript> scripts,
                                    boolean smtpAlertDefault) {
        if (b.group.isEmpty()) {
            ctx.diagnostics().error(b.location, DiagnosticCode.MISSING_REQUIRED,
                    "Sync group " + b.name + " has no virtual router(s). removing");
            return Optional.empty();
        }
        List<String> members = new ArrayList<>();
        for (String m : b.group) {
            if (!instances.contains(m)) {
                ctx.diagnostics().error(b.location, DiagnosticCode.UNKNOWN_REFERENCE,
                        "Virtual router " + m + " specified in sync group " + b.name + " doesn't exist - ignoring");
            } else if (!claimed.add(m)) {
                ctx.diagnostics().error(b.location, DiagnosticCode.DUPLICATE,
                        "Virtual router " + m + " cannot exist in more than one sync group; ignoring " + b.name);
            } else {
                members.add(m);
            }
        }
        if (members.isEmpty()) {
            ctx.diagnostics().error(b.location, DiagnosticCode.MISSING_REQUIRED, "Sync group " + b.name
                    + ", no matching virtual router found in group declaration - removing");
            return Optional.empty();
        }
        if (members.size() == 1) {
            ctx.diagnostics().error(b.location, DiagnosticCode.MISSING_REQUIRED, "Sync group " + b.name
                    + " has only 1 virtual router(s) - this probably isn't what you want");
        }
        List<TrackedScript> tracked = new ArrayList<>();
        for (TrackerParsing.ScriptRef ref : b.trackScripts) {
            VrrpScript s = scripts.get(ref.name());
            if (s == null) {
                ctx.diagnostics().warning(ref.node().location(), DiagnosticCode.UNKNOWN_REFERENCE,
                        "(" + b.name + ") track script " + ref.name() + " not found, ignoring...");
                continue;
            }
            tracked.add(new TrackedScript(ref.name(), ref.weight().orElse(s.weight()),
                    ref.reverse().orElse(ref.weight().isPresent() ? false : s.reverse()), ref.node().location()));
        }
        return Optional.of(new VrrpSyncGroup(b.name, members, b.trackInterfaces, tracked, b.notify.build(),
                b.smtpAlert != null ? b.smtpAlert : smtpAlertDefault,
                b.globalTracking, b.trackingWeight || b.globalTracking, b.notifyPriorityChanges, b.other, b.location,
                KeywordLocations.of(b.places)));
    }
}
