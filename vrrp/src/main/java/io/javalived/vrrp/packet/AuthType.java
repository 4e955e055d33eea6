package io.javalived.vrrp.packet;

/** VRRPv2 authentication type (RFC 3768 section 5.3.6; keepalived keeps 0, 1 and 2). */
public enum AuthType {
    NONE(0), PASS(1), AH(2);

    private final int code;

    AuthType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a wire value, or null for anything but 0, 1, 2. */
    public static AuthType ofCode(int code) {
        return switch (code) {
            case 0 -> NONE;
            case 1 -> PASS;
            case 2 -> AH;
            default -> null;
        };
    }
}
