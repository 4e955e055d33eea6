package io.javalived.vrrp.receive;

/** Things keepalived logs and counts about an advert it still accepts. */
public enum Notice {
    /** v3 advert interval differs from ours: logged, accepted (the backup adopts the master's). */
    INTERVAL_MISMATCH,
    /** The VIP count or list differs from ours: logged and counted (addr_list_err), not rejected. */
    ADDRESS_LIST_MISMATCH,
    /** A unicast v3 advert whose checksum used 224.0.0.18 as destination (keepalived 1.3.6 and older). */
    OLD_UNICAST_CHECKSUM,
    /** Priority 0: the master is leaving (pri_zero_rcvd). */
    PRIORITY_ZERO
}
