package io.javalived.ipvs;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** The address families IPVS serves, with the kernel's AF_* numbers. */
public enum AddressFamily {
    INET(2), INET6(10);

    private final int value;

    AddressFamily(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static AddressFamily of(InetAddress address) {
        return switch (address) {
            case Inet4Address a -> INET;
            case Inet6Address a -> INET6;
            default -> throw new IllegalArgumentException("not an IP address: " + address);
        };
    }

    public static AddressFamily fromValue(int value) {
        for (AddressFamily f : values()) {
            if (f.value == value) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown address family " + value);
    }

    /** Address length in bytes. */
    public int addressLength() {
        return this == INET ? 4 : 16;
    }

    /** The all-ones persistence netmask the kernel uses by default: 0xffffffff for IPv4, prefix 128 for IPv6. */
    public int defaultNetmask() {
        return this == INET ? 0xffffffff : 128;
    }
}
