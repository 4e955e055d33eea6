package io.javalived.vrrp.runtime;

/**
 * global_defs {@code nftables [TABLE]}, {@code nftables_priority}, {@code nftables_counters}: the table javalived
 * makes (family ip, named as keepalived's), its chains' hook priority and whether its rules count packets.
 */
public record FirewallSettings(String table, int priority, boolean counters) {
    public static final String DEFAULT_TABLE = "keepalived";
    public static final int DEFAULT_PRIORITY = -1;

    public static FirewallSettings defaults() {
        return new FirewallSettings(DEFAULT_TABLE, DEFAULT_PRIORITY, false);
    }

    public FirewallSettings {
        if (table == null || table.isEmpty() || table.length() > 255) {
            throw new IllegalArgumentException("nftables table name must be 1..255 characters: " + table);
        }
    }
}
