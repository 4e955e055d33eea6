package io.javalived.vrrp.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Addresses written as literals in code (the VRRP groups, fuzz seeds): no lookup, a typo fails at once. */
public final class AddressLiterals {
    private AddressLiterals() {}

    public static Inet4Address v4(String literal) {
        return (Inet4Address) parse(literal);
    }

    public static Inet6Address v6(String literal) {
        return (Inet6Address) parse(literal);
    }

    private static InetAddress parse(String literal) {
        try {
            return InetAddress.ofLiteral(literal);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("not an address literal: " + literal, e);
        }
    }
}
