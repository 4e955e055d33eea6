package io.javalived.vrrp.packet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 8 bytes of authentication data that end a VRRPv2 IPv4 advert: zeros without authentication,
 * the password zero-padded (and truncated) to 8 bytes for PASS.
 */
public final class AuthData {
    public static final int LENGTH = 8;
    public static final AuthData ZEROS = new AuthData(new byte[LENGTH]);

    private final byte[] bytes;

    private AuthData(byte[] bytes) {
        this.bytes = bytes;
    }

    public static AuthData of(byte[] eight) {
        if (eight.length != LENGTH) {
            throw new IllegalArgumentException("authentication data must be 8 bytes, not " + eight.length);
        }
        return new AuthData(eight.clone());
    }

    /** keepalived's PASS rule: the password's bytes, truncated to 8, zero-padded. */
    public static AuthData password(String pass) {
        byte[] p = pass.getBytes(StandardCharsets.UTF_8);
        return new AuthData(Arrays.copyOf(p, LENGTH));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    void copyInto(byte[] dst, int off) {
        System.arraycopy(bytes, 0, dst, off, LENGTH);
    }

    /** Constant-time comparison, as a password check must be. */
    public boolean matches(AuthData other) {
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthData a && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
