package io.javalived.vrrp.packet;

/** VRRP protocol version: 2 (RFC 3768, IPv4 only) or 3 (RFC 5798, IPv4 and IPv6). */
public enum VrrpVersion {
    V2(2), V3(3);

    private final int number;

    VrrpVersion(int number) {
        this.number = number;
    }

    /** The value of the version nibble on the wire. */
    public int number() {
        return number;
    }

    /** The version for a wire nibble, or null when it is neither 2 nor 3. */
    public static VrrpVersion ofNumber(int n) {
        return switch (n) {
            case 2 -> V2;
            case 3 -> V3;
            default -> null;
        };
    }
}
