package io.javalived.daemon.dump;

import io.javalived.daemon.status.DaemonStatus;
import io.javalived.daemon.status.StatusJsonWriter;
import io.javalived.daemon.status.VrrpCounters;
import io.javalived.daemon.status.VrrpInstanceStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON dump ({@code /tmp/keepalived.json}) in keepalived's layout: {@code json_version 1} is a top-level
 * array of {@code {"data": {iname, vrid, state, ...}, "stats": {advert_rcvd, ...}}}; version 2 wraps that
 * array as {@code {"vrrp": [...]}}. States are keepalived's numbers (BACKUP 1, MASTER 2, FAULT 3), times
 * Unix seconds, so the keepalived exporters read it unchanged.
 */
public final class JsonDump {
    private JsonDump() {}

    public static String render(DaemonStatus s, int version) {
        List<Map<String, Object>> instances = new ArrayList<>();
        for (VrrpInstanceStatus i : s.vrrpInstances()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("iname", i.name());
            data.put("ifp_ifname", i.interfaceName());
            data.put("vrid", i.vrid());
            data.put("version", i.version());
            data.put("state", i.state().code());
            data.put("wantstate", i.state().code());
            data.put("base_priority", i.basePriority());
            data.put("effective_priority", i.effectivePriority());
            data.put("master_saddr", i.masterAddress().orElse(""));
            data.put("last_transition", i.lastTransition().toEpochMilli() / 1000.0);
            data.put("vips", i.vips());
            VrrpCounters c = i.counters();
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("advert_rcvd", c.advertReceived());
            stats.put("advert_sent", c.advertSent());
            stats.put("become_master", c.becomeMaster());
            stats.put("release_master", c.releaseMaster());
            for (String kind : VrrpCounters.KEEPALIVED_ERRORS) {
                stats.put(kind, c.packetErrors(kind));
            }
            stats.put("pri_zero_rcvd", c.priorityZeroReceived());
            stats.put("pri_zero_sent", c.priorityZeroSent());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("data", data);
            entry.put("stats", stats);
            instances.add(entry);
        }
        return StatusJsonWriter.write(version >= 2 ? Map.of("vrrp", instances) : instances) + "\n";
    }
}
