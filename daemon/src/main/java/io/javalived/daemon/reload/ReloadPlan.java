package io.javalived.daemon.reload;

import java.util.List;

/**
 * What a reload would do: the changes, in the order they would be applied, or the reasons it would be
 * refused (then nothing changes and the running configuration stays).
 *
 * @param changes  empty when the new configuration is equivalent to the running one
 * @param refusals the new configuration's errors, each naming its place ({@code file:line}); non-empty
 *                 means the reload would be refused
 * @param warnings the new configuration's warnings (the reload would still apply)
 */
public record ReloadPlan(List<ReloadChange> changes, List<String> refusals, List<String> warnings) {

    public ReloadPlan {
        changes = List.copyOf(changes);
        refusals = List.copyOf(refusals);
        warnings = List.copyOf(warnings);
    }

    public static ReloadPlan refused(List<String> refusals, List<String> warnings) {
        return new ReloadPlan(List.of(), refusals, warnings);
    }

    public boolean isRefused() {
        return !refusals.isEmpty();
    }

    /** True when the reload would change nothing at all. */
    public boolean isEmpty() {
        return changes.isEmpty() && !isRefused();
    }

    public List<ReloadChange> changes(ReloadChange.Effect effect) {
        return changes.stream().filter(c -> c.effect() == effect).toList();
    }
}
