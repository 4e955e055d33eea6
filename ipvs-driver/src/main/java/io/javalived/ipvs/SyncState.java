package io.javalived.ipvs;

/** The role of a connection sync daemon (the kernel's IP_VS_STATE_MASTER / IP_VS_STATE_BACKUP). */
public enum SyncState {
    /** Sends this director's connection changes to the multicast group. */
    MASTER(1),
    /** Receives a master's connection changes and adds them to this director's connection table. */
    BACKUP(2);

    private final int value;

    SyncState(int value) {
        this.value = value;
    }

    /** The kernel's bit for this state. */
    public int value() {
        return value;
    }

    /** The state with this kernel value, or null when it is neither master nor backup. */
    public static SyncState fromValue(int value) {
        for (SyncState s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        return null;
    }

    /** "master" or "backup", as ipvsadm and keepalived write it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
