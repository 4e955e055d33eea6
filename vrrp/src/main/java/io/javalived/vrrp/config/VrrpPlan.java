package io.javalived.vrrp.config;

import io.javalived.vrrp.runtime.InstanceConfig;
import io.javalived.vrrp.runtime.Notifies;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the engine runs, mapped from the parsed configuration, with the problems that kept parts of it out
 * (each names the place: {@code file:line: vrrp_instance NAME: ...}) and the settings it parsed but does not
 * apply yet (same form: {@code file:line: vrrp_instance NAME: use_vmac is not applied by javalived yet (...)}).
 *
 * @param notifyFifos global_defs notify_fifo and vrrp_notify_fifo, in that order
 */
public record VrrpPlan(List<InstanceConfig> instances, Map<String, List<String>> syncGroups,
                       Map<String, Notifies> groupNotifies, List<String> problems, List<String> notApplied,
                       List<Path> notifyFifos) {
    public VrrpPlan {
        instances = List.copyOf(instances);
        syncGroups = Map.copyOf(syncGroups);
        groupNotifies = Map.copyOf(groupNotifies);
        problems = List.copyOf(problems);
        notApplied = List.copyOf(notApplied);
        notifyFifos = List.copyOf(notifyFifos);
    }

    public VrrpPlan(List<InstanceConfig> instances, Map<String, List<String>> syncGroups,
                    Map<String, Notifies> groupNotifies, List<String> problems) {
        this(instances, syncGroups, groupNotifies, problems, List.of(), List.of());
    }
}
