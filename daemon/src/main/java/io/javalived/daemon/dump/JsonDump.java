package io.javalived.daemon.dump;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalived.daemon.status.DaemonStatus;
import io.javalived.daemon.status.VrrpInstanceStatus;
import io.javalived.daemon.status.VrrpCounters;

/**
 * The JSON dump ({@code /tmp/keepalived.json}) in keepalived's layout: {@code json_version 1} is a top-level
 * array of {@code {"data": {iname, vrid, state, ...}, "stats": {advert_rcvd, ...}}}; version 2 wraps that
 * array as {@code {"vrrp": [...]}}. States are keepalived's numbers (BACKUP 1, MASTER 2, FAULT 3), times
 * Unix seconds, so the keepalived exporters read it unchanged.
 */
public final class JsonDump {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonDump() {}

    public static String render(DaemonStatus s, int version) {
        ArrayNode instances = JSON.createArrayNode();
        for (VrrpInstanceStatus i : s.vrrpInstances()) {
            ObjectNode entry = instances.addObject();
            ObjectNode data = entry.putObject("data");
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
            ArrayNode vips = data.putArray("vips");
            i.vips().forEach(vips::add);
            VrrpCounters c = i.counters();
            ObjectNode stats = entry.putObject("stats");
            stats.put("advert_rcvd", c.advertReceived());
            stats.put("advert_sent", c.advertSent());
            stats.put("become_master", c.becomeMaster());
            stats.put("release_master", c.releaseMaster());
            for (String kind : VrrpCounters.KEEPALIVED_ERRORS) {
                stats.put(kind, c.packetErrors(kind));
            }
            stats.put("pri_zero_rcvd", c.priorityZeroReceived());
            stats.put("pri_zero_sent", c.priorityZeroSent());
        }
        try {
            if (version >= 2) {
                ObjectNode root = JSON.createObjectNode();
                root.set("vrrp", instances);
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(instances) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the JSON dump", e);
        }
    }
}
