package io.javalived.parser.model;

import java.net.Inet6Address;
import java.net.InetAddress;

/** IPv4 ({@code inet}) or IPv6 ({@code inet6}). */
public enum InetFamily {
    INET, INET6;

    public static InetFamily of(InetAddress address) {
        return address instanceof Inet6Address ? INET6 : INET;
    }

    public int maxPrefixLength() {
        return this == INET ? 32 : 128;
    }
}
