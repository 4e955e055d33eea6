package io.javalived.parser.model;

import java.util.List;

/**
 * {@code vrrp_sync_group NAME { group { ... } ... }} (reference 1.5). Members move together.
 *
 * @param group                    the member vrrp_instance names, in file order
 * @param syncGroupTrackingWeight  members' non-zero tracker weights count only with this flag
 * @param globalTracking           deprecated; same meaning as syncGroupTrackingWeight
 * @param keywordLocations         where each keyword of the block was written
 */
public record VrrpSyncGroup(String name, List<String> group, List<TrackedInterface> trackInterfaces,
                            List<TrackedScript> trackScripts, NotifyScripts notifyScripts, boolean smtpAlert,
                            boolean globalTracking, boolean syncGroupTrackingWeight, boolean notifyPriorityChanges,
                            List<RawValue> other, SourceLocation location,
                            KeywordLocations keywordLocations) {
    public VrrpSyncGroup {
        group = List.copyOf(group);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        other = List.copyOf(other);
    }
}
