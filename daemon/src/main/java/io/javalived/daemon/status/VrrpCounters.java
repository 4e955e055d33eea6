package io.javalived.daemon.status;

import java.util.Map;
import java.util.TreeMap;

/**
 * One instance's cumulative VRRP statistics, as keepalived's stats dump has them.
 *
 * @param packetErrors received packets dropped, by keepalived's statistic name ({@code packet_len_err},
 *                     {@code ip_ttl_err}, {@code auth_failure}, ...); names absent count 0
 */
public record VrrpCounters(long advertReceived, long advertSent, long becomeMaster, long releaseMaster,
                           long priorityZeroReceived, long priorityZeroSent, Map<String, Long> packetErrors) {

    /** keepalived's packet error kinds, in its stats dump's order. */
    public static final java.util.List<String> KEEPALIVED_ERRORS = java.util.List.of("packet_len_err",
            "advert_interval_err", "ip_ttl_err", "invalid_type_rcvd", "addr_list_err", "invalid_authtype",
            "authtype_mismatch", "auth_failure");

    public VrrpCounters {
        packetErrors = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(packetErrors));
    }

    public static VrrpCounters zero() {
        return new VrrpCounters(0, 0, 0, 0, 0, 0, Map.of());
    }

    public long packetErrors(String kind) {
        return packetErrors.getOrDefault(kind, 0L);
    }
}
