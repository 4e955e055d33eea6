package io.javalived.daemon.dump;

import io.javalived.daemon.status.DaemonStatus;
import io.javalived.daemon.status.VrrpInstanceStatus;
import io.javalived.daemon.status.VrrpCounters;

/**
 * The statistics dump (SIGUSR2, {@code /tmp/keepalived.stats}) in keepalived's layout: per instance adverts
 * received/sent, became/released master, packet errors, authentication errors, priority zero received/sent.
 * Drop reasons keepalived does not have appear after, under {@code Other Packet Errors}.
 */
public final class StatsDump {
    private StatsDump() {}

    public static String render(DaemonStatus s) {
        StringBuilder b = new StringBuilder();
        for (VrrpInstanceStatus i : s.vrrpInstances()) {
            VrrpCounters c = i.counters();
            b.append("VRRP Instance: ").append(i.name()).append('\n');
            b.append("  Advertisements:\n");
            line(b, 4, "Received", c.advertReceived());
            line(b, 4, "Sent", c.advertSent());
            line(b, 2, "Became master", c.becomeMaster());
            line(b, 2, "Released master", c.releaseMaster());
            b.append("  Packet Errors:\n");
            line(b, 4, "Length", c.packetErrors("packet_len_err"));
            line(b, 4, "TTL", c.packetErrors("ip_ttl_err"));
            line(b, 4, "Invalid Type", c.packetErrors("invalid_type_rcvd"));
            line(b, 4, "Advertisement Interval", c.packetErrors("advert_interval_err"));
            line(b, 4, "Address List", c.packetErrors("addr_list_err"));
            b.append("  Authentication Errors:\n");
            line(b, 4, "Invalid Type", c.packetErrors("invalid_authtype"));
            line(b, 4, "Type Mismatch", c.packetErrors("authtype_mismatch"));
            line(b, 4, "Failure", c.packetErrors("auth_failure"));
            b.append("  Priority Zero:\n");
            line(b, 4, "Received", c.priorityZeroReceived());
            line(b, 4, "Sent", c.priorityZeroSent());
            var others = c.packetErrors().entrySet().stream()
                    .filter(e -> !VrrpCounters.KEEPALIVED_ERRORS.contains(e.getKey())).toList();
            if (!others.isEmpty()) {
                b.append("  Other Packet Errors:\n");
                others.forEach(e -> line(b, 4, e.getKey(), e.getValue()));
            }
        }
        return b.toString();
    }

    private static void line(StringBuilder b, int indent, String label, long value) {
        b.append(" ".repeat(indent)).append(label).append(": ").append(value).append('\n');
    }
}
