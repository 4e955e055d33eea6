package io.javalived.vrrp.config;

import io.javalived.vrrp.runtime.InstanceConfig;
import io.javalived.vrrp.runtime.Notifies;
import java.util.List;
import java.util.Map;

/**
 * What the engine runs, mapped from the parsed configuration, with the problems that kept parts of it out
 * (each names the place: {@code file:line: vrrp_instance NAME: ...}).
 */
public record VrrpPlan(List<InstanceConfig> instances, Map<String, List<String>> syncGroups,
                       Map<String, Notifies> groupNotifies, List<String> problems) {
    public VrrpPlan {
        instances = List.copyOf(instances);
        syncGroups = Map.copyOf(syncGroups);
        groupNotifies = Map.copyOf(groupNotifies);
        problems = List.copyOf(problems);
    }
}
