package io.javalived.ipvs;

/** IPVS tunnel encapsulations ({@code IP_VS_CONN_F_TUNNEL_TYPE_*}). */
public enum TunnelType {
    IPIP(0), GUE(1), GRE(2);

    private final int value;

    TunnelType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static TunnelType fromValue(int value) {
        for (TunnelType t : values()) {
            if (t.value == value) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tunnel type " + value);
    }
}
