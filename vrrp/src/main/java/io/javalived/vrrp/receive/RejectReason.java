package io.javalived.vrrp.receive;

/**
 * Why a received packet was dropped, in the order keepalived checks (reference section 2.4). Each has
 * the name of the keepalived statistic it feeds where there is one.
 */
public enum RejectReason {
    /** Not an IPv4 datagram at all (header too short or the version nibble is not 4). */
    IP_HEADER("ip_header_err"),
    /** IP protocol 51 (AH) without auth_type AH configured, or AH configured and plain VRRP arrived. */
    AH_MISMATCH("auth_type_mismatch"),
    /** Shorter than a VRRP header, or not the length its address count says (padding tolerated). */
    LENGTH("packet_len_err"),
    /** Multicast mode and the TTL/hop limit is not 255, or outside a unicast peer's min_ttl..max_ttl. */
    TTL("ip_ttl_err"),
    /** Version nibble is not the configured version. */
    VERSION("version_err"),
    /** v2 auth type is not 0, 1 or 2. */
    AUTH_TYPE_INVALID("invalid_authtype"),
    /** v2 auth type is not ours. */
    AUTH_TYPE_MISMATCH("authtype_mismatch"),
    /** v2 PASS data differs from ours. */
    AUTH_FAILURE("auth_failure"),
    /** v2 advert interval differs from ours: dropped (v3 only logs it). */
    INTERVAL_MISMATCH("advert_interval_err"),
    /** Type is not 1 (ADVERTISEMENT). */
    TYPE("invalid_type_rcvd"),
    /** IPv4 tot_len does not match the bytes received. */
    IP_TOTAL_LENGTH("packet_len_err"),
    /** Bad VRRP checksum. */
    CHECKSUM("checksum_err"),
    /** A unicast instance got a multicast-addressed packet, or a multicast instance a unicast one. */
    MODE_MISMATCH("mode_mismatch"),
    /** The address owner with owner_ignore_adverts drops every advert. */
    OWNER_IGNORES("owner_ignored"),
    /** check_unicast_src is on and the source is not a configured unicast peer. */
    UNKNOWN_UNICAST_SOURCE("unicast_src_err"),
    /** No instance on this socket has this VRID (counted per socket, not per instance). */
    UNKNOWN_VRID("unknown_vrid");

    private final String statistic;

    RejectReason(String statistic) {
        this.statistic = statistic;
    }

    public String statistic() {
        return statistic;
    }
}
