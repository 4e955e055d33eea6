package io.javalived.ipvs;

/**
 * How packets reach a real server ({@code IP_VS_CONN_F_*} forwarding bits). LOCAL is what the kernel
 * reports for a destination that is one of its own addresses.
 */
public enum ForwardingMethod {
    MASQ(0), LOCAL(1), TUNNEL(2), ROUTE(3);

    private final int value;

    ForwardingMethod(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static ForwardingMethod fromValue(int value) {
        for (ForwardingMethod m : values()) {
            if (m.value == (value & 0x7)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown forwarding method " + value);
    }
}
