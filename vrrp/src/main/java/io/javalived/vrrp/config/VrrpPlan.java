package io.javalived.vrrp.config;

import io.javalived.vrrp.runtime.EngineSettings;
import io.javalived.vrrp.runtime.InstanceConfig;
import io.javalived.vrrp.runtime.Notifies;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the engine runs, mapped from the parsed configuration, with the problems that kept parts of it out
 * (each names the place: {@code file:line: vrrp_instance NAME: ...}). What it parses but does not apply is the
 * daemon's one list (io.javalived.daemon.config.NotApplied), reported by -t and the daemon alike.
 *
 * @param notifyFifos global_defs notify_fifo and vrrp_notify_fifo, in that order
 * @param engine      the global_defs settings of the whole engine (startup delay, GARP/NA spacing, unknown VRIDs)
 */
public record VrrpPlan(List<InstanceConfig> instances, Map<String, List<String>> syncGroups,
                       Map<String, Notifies> groupNotifies, List<String> problems, List<Path> notifyFifos,
                       EngineSettings engine) {
    public VrrpPlan(List<InstanceConfig> instances, Map<String, List<String>> syncGroups,
                    Map<String, Notifies> groupNotifies, List<String> problems, List<Path> notifyFifos) {
        this(instances, syncGroups, groupNotifies, problems, notifyFifos, EngineSettings.DEFAULTS);
    }

    public VrrpPlan {
        instances = List.copyOf(instances);
        syncGroups = Map.copyOf(syncGroups);
        groupNotifies = Map.copyOf(groupNotifies);
        problems = List.copyOf(problems);
        notifyFifos = List.copyOf(notifyFifos);
    }

    public VrrpPlan(List<InstanceConfig> instances, Map<String, List<String>> syncGroups,
                    Map<String, Notifies> groupNotifies, List<String> problems) {
        this(instances, syncGroups, groupNotifies, problems, List.of());
    }
}
