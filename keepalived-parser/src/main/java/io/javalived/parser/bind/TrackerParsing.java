package io.javalived.parser.bind;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.model.TrackedInterface;
import io.javalived.parser.syntax.Node;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code track_interface} and {@code track_script} entries, shared by vrrp_instance and vrrp_sync_group. */
final class TrackerParsing {
    private TrackerParsing() {}

    /** A track_script entry before resolution against its vrrp_script. */
    record ScriptRef(String name, OptionalInt weight, Optional<Boolean> reverse, Node node) {}

    static void trackInterfaces(BindContext ctx, Node block, List<TrackedInterface> out) {
        for (Node c : block.children()) {
            if (c.isOrphanBlock()) {
                continue;
            }
            int weight = 0;
            boolean reverse = false;
            int i = 1;
            while (i < c.words().size()) {
                String w = c.words().get(i);
                if (w.equals("weight") && i + 1 < c.words().size()) {
                    weight = (int) ctx.integer(c.location(), c.words().get(i + 1), -253, 253).orElse(0);
                    i += 2;
                } else if (w.equals("reverse")) {
                    reverse = true;
                    i++;
                } else {
                    ctx.diagnostics().error(c.location(), DiagnosticCode.INVALID_VALUE,
                            "track_interface " + c.keyword() + ": unknown option '" + w + "' - ignoring");
                    i++;
                }
            }
            out.add(new TrackedInterface(c.keyword(), weight, reverse, c.location()));
        }
    }

    static void trackScripts(BindContext ctx, Node block, List<ScriptRef> out) {
        for (Node c : block.children()) {
            if (c.isOrphanBlock()) {
                continue;
            }
            OptionalInt weight = OptionalInt.empty();
            Optional<Boolean> reverse = Optional.empty();
            int i = 1;
            while (i < c.words().size()) {
                String w = c.words().get(i);
                if (w.equals("weight") && i + 1 < c.words().size()) {
                    var v = ctx.integer(c.location(), c.words().get(i + 1), -253, 253);
                    if (v.isPresent()) {
                        weight = OptionalInt.of((int) v.getAsLong());
                    }
                    i += 2;
                } else if (w.equals("reverse") || w.equals("noreverse")) {
                    reverse = Optional.of(w.equals("reverse"));
                    i++;
                } else {
                    ctx.diagnostics().error(c.location(), DiagnosticCode.INVALID_VALUE,
                            "track_script " + c.keyword() + ": unknown option '" + w + "' - ignoring");
                    i++;
                }
            }
            out.add(new ScriptRef(c.keyword(), weight, reverse, c));
        }
    }
}
